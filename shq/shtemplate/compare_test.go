package shtemplate

import (
	"errors"
	htmltemplate "html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
	texttemplate "text/template"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
)

// outcome is what a rendered script did in dash.
type outcome struct {
	ran     bool       // the canary file was created
	calls   [][]string // the printer's calls
	refused error      // shtemplate refused (Parse or Execute)
}

// compareRows are the ten templates of the README table, written with
// the printer and a canary command in place of echo and id.
var compareRows = []struct {
	tpl, value string
	// want* are the table's claims, checked against the real run.
	shtemplate, html, manual func(o outcome) bool
}{
	{"printargs {{.}}\n", "a b",
		calls([]string{"a b"}), calls([]string{"a", "b"}), calls([]string{"a b"})},
	{"printargs {{.}}\n", "-rf",
		refused(shq.ErrOptionLike), calls([]string{"-rf"}), calls([]string{"-rf"})},
	{"printargs \"Hello {{.}}\"\n", "$(touch CANARY)",
		calls([]string{"Hello $(touch CANARY)"}), ran, ran},
	{"printargs 'it is {{.}}'\n", "it's",
		calls([]string{"it is it's"}), calls([]string{"it is it&#39;s"}), broken},
	{"X={{.}}; printargs \"$X\"\n", "a;touch CANARY",
		calls([]string{"a;touch CANARY"}), ran, calls([]string{"a;touch CANARY"})},
	{"cat > hd <<'EOF'\n{{.}}\nEOF\nprintargs \"$(cat hd)\"\n", "EOF\ntouch CANARY",
		refused(ErrDelimiter), broken, calls([]string{"'EOF\ntouch CANARY'"})},
	{"x=zzz; case $x in {{.}}) printargs match;; *) printargs no;; esac\n", "*",
		calls([]string{"no"}), calls([]string{"match"}), calls([]string{"no"})},
	{"sh -c \"printargs {{.}}\"\n", "$(touch CANARY)",
		calls([]string{"$(touch CANARY)"}), ran, ran},
	{"sh -c \"printargs {{.}}\"\n", "a;touch CANARY", // row 8, second value
		calls([]string{"a;touch CANARY"}), ran, calls([]string{"a;touch CANARY"})},
	{"{{.}} --version\n", "printargs",
		refused(ErrContext), calls([]string{"--version"}), calls([]string{"--version"})},
	{"printargs ${X:-{{.}}}\n", "}; touch CANARY; : ${X",
		refused(ErrContext), ran, calls([]string{"}; touch CANARY; : ${X"})},
}

func calls(want ...[]string) func(outcome) bool {
	return func(o outcome) bool { return !o.ran && o.refused == nil && equalCalls(o.calls, want) }
}

func refused(err error) func(outcome) bool {
	return func(o outcome) bool { return errors.Is(o.refused, err) }
}

func ran(o outcome) bool { return o.ran }

// broken is a script that does not run at all (a syntax error).
func broken(o outcome) bool { return !o.ran && o.refused == nil && len(o.calls) == 0 }

// TestManualQuoting runs the README's comparison rows for the columns it
// can measure: shtemplate, html/template, and text/template with every
// action piped to shq.Quote.
func TestManualQuoting(t *testing.T) {
	if testing.Short() {
		t.Skip("real shells: skipped under -short")
	}
	sh := shelltest.ShellNamed(t, "dash")
	dir := shelltest.Seed(t)
	run := func(script string) outcome {
		canary := filepath.Join(dir, "CANARY")
		os.Remove(canary)
		r := sh.Run(t, script, shelltest.WithDir(dir))
		_, err := os.Stat(canary)
		os.Remove(canary)
		return outcome{ran: err == nil, calls: r.Calls}
	}
	q := func(s string) string { v, _ := shq.Quote(s); return v }
	for i, row := range compareRows {
		var o outcome
		if tm, err := New("row").Parse(row.tpl); err != nil {
			o.refused = err
		} else {
			var b strings.Builder
			if err := tm.Execute(&b, row.value); err != nil {
				o.refused = err
			} else {
				o = run(b.String())
			}
		}
		if !row.shtemplate(o) {
			t.Errorf("row %d, shtemplate: got %+v", i+1, o)
		}

		var b strings.Builder
		htmltemplate.Must(htmltemplate.New("row").Parse(row.tpl)).Execute(&b, row.value)
		if o := run(b.String()); !row.html(o) {
			t.Errorf("row %d, html/template: got %+v\nscript: %q", i+1, o, b.String())
		}

		b.Reset()
		manual := strings.ReplaceAll(row.tpl, "{{.}}", "{{. | q}}")
		texttemplate.Must(texttemplate.New("row").Funcs(texttemplate.FuncMap{"q": q}).Parse(manual)).Execute(&b, row.value)
		if o := run(b.String()); !row.manual(o) {
			t.Errorf("row %d, text/template + shq.Quote: got %+v\nscript: %q", i+1, o, b.String())
		}
	}
}
