package shtemplate

import (
	"io"
	"testing"
	"text/template"
)

const benchTemplate = `#!/bin/sh
set -eu
export AWS_REGION={{.Region}}
cd "/srv/{{.App}}"
aws s3 cp "s3://{{.Bucket}}/{{.Key}}" ./input
for tag in {{.Tags}}; do
  printf 'tag: %s\n' "$tag"
done
cat > report.txt <<'EOF'
Requested by: {{.User}}
EOF
sh -c 'gzip -9 -- "$1" && echo "done: {{.Key}}"' sh ./input
`

var benchData = map[string]any{
	"Region": "eu-west-1",
	"App":    "my app",
	"Bucket": "uploads",
	"Key":    "inbox/it's $(id).csv",
	"Tags":   []string{"q3", "a b", "c;d"},
	"User":   "Mallory'; rm -rf / #",
}

// BenchmarkExecute compares Execute with text/template's Execute of the
// same template and values (which text/template writes unescaped).
func BenchmarkExecute(b *testing.B) {
	b.Run("lib=shtemplate", func(b *testing.B) {
		t := Must(New("bench").Parse(benchTemplate))
		if err := t.Execute(io.Discard, benchData); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := t.Execute(io.Discard, benchData); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=texttemplate", func(b *testing.B) {
		t := template.Must(template.New("bench").Parse(benchTemplate))
		b.ReportAllocs()
		for b.Loop() {
			if err := t.Execute(io.Discard, benchData); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParse is the cost of Parse, which parses the script with
// mvdan.cc/sh once per branch alternative.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New("bench").Parse(benchTemplate); err != nil {
			b.Fatal(err)
		}
	}
}
