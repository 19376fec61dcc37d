package shtemplate

import (
	"io"
	"strings"
	"testing"
	"text/template"

	"github.com/safeshell/safeshell/shq"
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
// same template and values (which text/template writes unescaped), and
// with the template run by text/template calling its escapers.
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
	// The same template run by text/template with its escaper calls, as
	// Execute does for a template its program does not run.
	b.Run("lib=shtemplate-text", func(b *testing.B) {
		t := Must(New("bench").Parse(benchTemplate))
		b.ReportAllocs()
		for b.Loop() {
			if err := t.run(io.Discard, t.text, benchData, false); err != nil {
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

// BenchmarkExecuteQuoteFunc is text/template with every action piped to
// a function that calls shq.Quote: the cost of one function call per
// action, which shtemplate pays too (its output is wrong in four of the
// template's contexts).
func BenchmarkExecuteQuoteFunc(b *testing.B) {
	q := func(v any) string {
		switch v := v.(type) {
		case string:
			s, _ := shq.Quote(v)
			return s
		case []string:
			s, _ := shq.Join(v...)
			return s
		}
		return ""
	}
	tpl := strings.NewReplacer("{{.Region}}", "{{.Region | q}}", "{{.App}}", "{{.App | q}}",
		"{{.Bucket}}", "{{.Bucket | q}}", "{{.Key}}", "{{.Key | q}}", "{{.Tags}}", "{{.Tags | q}}",
		"{{.User}}", "{{.User | q}}").Replace(benchTemplate)
	t := template.Must(template.New("bench").Funcs(template.FuncMap{"q": q}).Parse(tpl))
	b.ReportAllocs()
	for b.Loop() {
		if err := t.Execute(io.Discard, benchData); err != nil {
			b.Fatal(err)
		}
	}
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
