package bench

import (
	"io"
	"strings"
	"testing"
	"text/template"

	"mvdan.cc/sh/v3/syntax"

	"github.com/safeshell/safeshell/shq/shtemplate"
)

// executeInputs are the templates of BenchmarkExecute. script is text and
// field actions in eight contexts (a word, double quotes, a part of a word,
// a list, a quoted here-document, double quotes inside sh -c); branches is
// the same with {{if}}, {{range}} and $, which shtemplate runs through
// text/template.
var executeInputs = []struct{ name, tpl string }{
	{"script", `#!/bin/sh
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
`},
	{"branches", `#!/bin/sh
set -eu
{{if .Region}}export AWS_REGION={{.Region}}{{end}}
cd "/srv/{{.App}}"
{{range .Tags}}aws s3 cp "s3://{{$.Bucket}}/{{.}}" ./input
{{end}}cat > report.txt <<'EOF'
Requested by: {{.User}}
EOF
sh -c 'gzip -9 -- "$1" && echo "done: {{.Key}}"' sh ./input
`},
}

// executeData are the values: most need quoting in their context.
var executeData = map[string]any{
	"Region": "eu-west-1",
	"App":    "my app",
	"Bucket": "uploads",
	"Key":    "inbox/it's $(id).csv",
	"Tags":   []string{"q3", "a b", "c;d"},
	"User":   "Mallory'; rm -rf / #",
}

// BenchmarkExecute compares shtemplate's Execute with text/template's
// Execute of the same template and values (which text/template writes
// unescaped), both writing to io.Discard.
func BenchmarkExecute(b *testing.B) {
	for _, in := range executeInputs {
		b.Run("in="+in.name, func(b *testing.B) {
			b.Run("lib=shtemplate", func(b *testing.B) {
				t := shtemplate.Must(shtemplate.New(in.name).Parse(in.tpl))
				b.ReportAllocs()
				for b.Loop() {
					if err := t.Execute(io.Discard, executeData); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("lib=texttemplate", func(b *testing.B) {
				t := template.Must(template.New(in.name).Parse(in.tpl))
				b.ReportAllocs()
				for b.Loop() {
					if err := t.Execute(io.Discard, executeData); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// TestExecuteRenders checks that BenchmarkExecute measures scripts that
// shtemplate accepts and that parse, with every value in them.
func TestExecuteRenders(t *testing.T) {
	for _, in := range executeInputs {
		var b strings.Builder
		if err := shtemplate.Must(shtemplate.New(in.name).Parse(in.tpl)).Execute(&b, executeData); err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		if _, err := syntax.NewParser().Parse(strings.NewReader(b.String()), ""); err != nil {
			t.Errorf("%s: the script does not parse: %v\n%s", in.name, err, b.String())
		}
		for _, v := range []string{"eu-west-1", "my app", "uploads", "Mallory", "c;d"} {
			if !strings.Contains(b.String(), v) && !strings.Contains(b.String(), strings.ReplaceAll(v, ";", "\\;")) {
				t.Errorf("%s: the script lacks %q:\n%s", in.name, v, b.String())
			}
		}
	}
}
