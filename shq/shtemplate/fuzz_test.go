package shtemplate

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExecute parses a template and executes it with a value. It must
// never panic; it must write and refuse as the template run by
// text/template does; an error must be an *Error (or a text/template error) that
// does not quote the value; and a rendered script must parse, with the
// skeleton of the same template rendered with a plain word: the value
// added no word, command, expansion or substitution.
func FuzzExecute(f *testing.F) {
	var tpls []string
	for _, tc := range posixCases {
		tpls = append(tpls, tc.tpl)
	}
	tpls = append(tpls, sshTemplates...)
	for _, tpl := range tpls {
		for _, v := range []string{"a b", "it's", "$(id)", "EOF", "-x", "a\nb", "a!b\\c", strings.Repeat("'", 1400)} {
			f.Add(tpl, v)
		}
	}
	f.Fuzz(func(t *testing.T, tpl, v string) {
		tm, err := New("f").Parse(tpl)
		if err != nil {
			return
		}
		var b, slow strings.Builder
		err = tm.Execute(&b, v)
		// The template run by text/template writes and refuses the same.
		errSlow := tm.run(&slow, tm.text, v, false)
		if b.String() != slow.String() || fmt.Sprint(err) != fmt.Sprint(errSlow) {
			t.Fatalf("Execute: %q, %v; run by text/template: %q, %v", b.String(), err, slow.String(), errSlow)
		}
		if err != nil {
			var e *Error
			if errors.As(err, &e) && len(v) >= 4 && strings.Contains(err.Error(), v) && !strings.Contains(tpl, v) {
				t.Fatalf("error quotes the value: %v", err)
			}
			return
		}
		if !utf8.ValidString(b.String()) {
			return // mvdan.cc/sh refuses invalid UTF-8
		}
		got, err := skeleton(b.String(), false)
		if err != nil {
			t.Fatalf("rendered script does not parse: %v\n%q", err, b.String())
		}
		// The reference: the same template with a plain word, when the
		// template takes the same branches for it.
		if strings.Contains(tpl, "{{if") || strings.Contains(tpl, "{{with") || strings.Contains(tpl, "{{range") || strings.Contains(tpl, "{{else") {
			return
		}
		ref, err := New("f").Parse(tpl)
		if err != nil {
			t.Fatalf("second Parse: %v", err)
		}
		var p strings.Builder
		if err := ref.Execute(&p, "plain"); err != nil {
			return
		}
		want, err := skeleton(p.String(), false)
		if err != nil {
			t.Fatalf("plain rendering does not parse: %v", err)
		}
		if got != want {
			t.Fatalf("structure changed for %q:\n%s\nwant:\n%s\nscript: %q", v, got, want, b.String())
		}
	})
}

// sshTemplates are the fuzz seeds with a remote command of ssh.
var sshTemplates = []string{
	"ssh -p 22 host ls -- {{.}}\n",
	"ssh -- u@{{.}} 'cat -- x{{.}}y'\n",
	"ssh host \"printargs 'a {{.}} b'\"\n",
	"ssh host \"sudo -u app sh -c 'printargs -- {{.}}'\"\n",
	"ssh host sh -c \"'sh -c \\\"printargs {{.}}\\\"'\"\n",
	"ssh host 'printargs {{.}} | cat && printargs done'\n",
	"ssh host printargs x{{.}}-{{.}}y\n",
	"ssh host \"sh -c 'printargs {{.}} a{{.}}'\"\n",
}
