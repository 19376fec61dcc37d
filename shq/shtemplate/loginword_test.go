package shtemplate

import (
	"errors"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
)

// loginValue returns a value of several Login pieces (quotes and \
// written outside the single quotes) whose Login quoting is n bytes long.
// It has no !: csh counts the \! that Login writes for it as one byte.
func loginValue(t *testing.T, n int) string {
	t.Helper()
	v := strings.Repeat("ab'cd\\e ", n/20)
	for {
		q, err := shq.Login.Quote(v)
		if err != nil {
			t.Fatalf("Login: %v", err)
		}
		switch {
		case len(q) == n:
			return v
		case len(q) > n:
			t.Fatalf("no value of %d quoted bytes", n)
		}
		v += "x"
	}
}

// TestLoginWordRefused: a word of the remote command of ssh is refused
// when, as the remote login shell reads it, its values and text together
// are longer than shq.LoginMaxWord, though each value's own quoting is
// not; by the program and by text/template alike.
func TestLoginWordRefused(t *testing.T) {
	long := strings.Repeat("x", 7000)
	for _, tc := range []struct {
		name, tpl string
		data      map[string]any
	}{
		{"two-values", "ssh host echo {{.a}}{{.b}}\n", map[string]any{"a": secret + long, "b": long}},
		{"two-values-single", "ssh host \"echo 'x{{.a}}-{{.b}}'\"\n", map[string]any{"a": secret + long, "b": long}},
		{"text-and-value", "ssh host echo " + strings.Repeat("t", 7000) + "{{.a}}\n", map[string]any{"a": secret + strings.Repeat("x", 1001)}},
		{"script-of-sh-c", "ssh host \"sh -c 'echo {{.a}} {{.b}}'\"\n", map[string]any{"a": secret + strings.Repeat("y", 4100), "b": strings.Repeat("y", 4100)}},
		{"script-of-sh-c-local-word", "ssh host sh -c \"'echo {{.a}}; echo {{.b}}'\"\n", map[string]any{"a": secret + strings.Repeat("y", 4100), "b": "z"}},
		// Each ! is \! for host2's shell, \\\! for host's: the word of the
		// inner line is some 7,600 bytes long, that of the outer one twice that.
		{"nested-ssh", "ssh host ssh host2 echo {{.a}}{{.b}}\n", map[string]any{"a": secret + strings.Repeat("!", 1900), "b": strings.Repeat("!", 1900)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tm, err := New(tc.name).Parse(tc.tpl)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for _, fast := range []bool{true, false} {
				var b strings.Builder
				err := tm.run(&b, tm.text, tc.data, fast)
				var e *Error
				if !errors.As(err, &e) || !errors.Is(err, shq.ErrLoginLength) {
					t.Fatalf("fast=%v: %v; want an *Error wrapping shq.ErrLoginLength", fast, err)
				}
				if e.Line != 1 || e.Col == 0 || e.Name != tc.name {
					t.Errorf("fast=%v: position %s:%d:%d", fast, e.Name, e.Line, e.Col)
				}
				if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "xxxx") {
					t.Errorf("fast=%v: the error holds the value: %v", fast, err)
				}
				if b.Len() != 0 {
					t.Errorf("fast=%v: wrote %d bytes", fast, b.Len())
				}
			}
		})
	}
}

// TestLoginWordRefusedAtParse: a word of the remote command whose text
// alone leaves no room for its action, or whose length depends on a
// {{range}} or {{if}} in it, is refused by Parse.
func TestLoginWordRefusedAtParse(t *testing.T) {
	for _, tpl := range []string{
		"ssh host echo " + strings.Repeat("t", shq.LoginMaxWord) + "{{.a}}\n",
		"ssh host echo x{{range .a}}{{.}}{{end}}\n",
		"ssh host \"sh -c 'echo{{range .a}} {{.}}{{end}}'\"\n",
		"ssh host echo {{if .b}}tt{{end}}x{{.a}}\n",
		"ssh host echo x{{.a}}{{range .b}}t{{end}}\n",
		// The same share, 2666 bytes, with the t and without: still
		// refused, since two such {{if}} together would leave less.
		"ssh host echo x{{.a}}{{.b}}{{if .c}}t{{end}}{{.d}}\n",
	} {
		_, err := New("parse").Parse(tpl)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, shq.ErrLoginLength) || e.Line != 1 || e.Col == 0 {
			t.Errorf("%.60q: %v; want an *Error wrapping shq.ErrLoginLength", tpl, err)
		}
	}
	// The same {{range}} and {{if}} around whole words: each word's
	// length is known.
	for _, tpl := range []string{
		"ssh host echo{{range .a}} {{.}}{{end}}\n",
		"ssh host echo {{if .b}}tt {{end}}{{.a}}\n",
		"ssh host \"sh -c 'echo {{.a}}'\"{{range .b}} {{.}}{{end}}\n",
	} {
		if _, err := New("parse").Parse(tpl); err != nil {
			t.Errorf("%q: %v", tpl, err)
		}
	}
}

// TestLoginWordCsh runs words of the remote command at the limit, made
// of several values and text, through csh as ssh gives them to it: ssh
// joins the words after the destination with spaces and the login shell
// runs the line with -c (the ssh of the script is a function doing just
// that). Each value must arrive byte for byte.
func TestLoginWordCsh(t *testing.T) {
	if testing.Short() {
		t.Skip("runs csh")
	}
	sh := shelltest.ShellNamed(t, "dash")
	shelltest.ShellNamed(t, "csh") // csh must be there (bsd-csh)
	half := shq.LoginMaxWord / 2
	text := strings.Repeat("t", 3000)
	for _, tc := range []struct {
		name, tpl string
		data      map[string]any
		want      []string
	}{
		{name: "two-values", tpl: "ssh host printargs {{.a}}{{.b}}\n"},
		{name: "text-and-value", tpl: "ssh host printargs " + text + "{{.a}}\n"},
		{name: "three-pieces", tpl: "ssh host printargs x{{.a}}-{{.b}}y\n"},
		{name: "single-quotes", tpl: "ssh host \"printargs 'x{{.a}}-{{.b}}y'\"\n"},
		{name: "script-of-sh-c", tpl: "ssh host \"sh -c 'printargs {{.a}} {{.b}}'\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var data map[string]any
			var want []string
			switch tc.name {
			case "two-values":
				a, b := loginValue(t, half), loginValue(t, half)
				data, want = map[string]any{"a": a, "b": b}, []string{a + b}
			case "text-and-value":
				a := loginValue(t, shq.LoginMaxWord-len(text))
				data, want = map[string]any{"a": a}, []string{text + a}
			case "three-pieces":
				a, b := loginValue(t, half-2), loginValue(t, half-2)
				data, want = map[string]any{"a": a, "b": b}, []string{"x" + a + "-" + b + "y"}
			case "single-quotes":
				// Each value is written closing and reopening the
				// author's quotes: '…'LOGIN'…'.
				a, b := loginValue(t, half-1-4), loginValue(t, half-1-4)
				data, want = map[string]any{"a": a, "b": b}, []string{"x" + a + "-" + b + "y"}
			case "script-of-sh-c":
				a, b := "a b", "it's"
				data, want = map[string]any{"a": a, "b": b}, []string{a, b}
			}
			tm := Must(New(tc.name).Parse(tc.tpl))
			var script strings.Builder
			if err := tm.Execute(&script, data); err != nil {
				t.Fatalf("Execute: %v", err)
			}
			r := sh.Run(t, "ssh() { shift; csh -c \"$*\"; }\n"+script.String())
			if !r.OK() || len(r.Calls) != 1 || strings.Join(r.Calls[0], "\x00") != strings.Join(want, "\x00") {
				t.Fatalf("%s", r.String())
			}
			if got := remoteWordLen(t, tm, data); got > shq.LoginMaxWord || tc.name != "script-of-sh-c" && got < shq.LoginMaxWord-8 {
				t.Errorf("the longest remote word has %d bytes", got)
			}
		})
	}
}

// remoteWordLen returns the length of the longest word of the remote line
// the template's ssh sends, as the local sh passes it: the words after the
// destination, joined with spaces, split at the unquoted spaces.
func remoteWordLen(t *testing.T, tm *Template, data map[string]any) int {
	t.Helper()
	var script strings.Builder
	if err := tm.Execute(&script, data); err != nil {
		t.Fatal(err)
	}
	r := shelltest.ShellNamed(t, "dash").Run(t, "ssh() { shift; printargs \"$*\"; }\n"+script.String())
	if !r.OK() || len(r.Calls) != 1 || len(r.Calls[0]) != 1 {
		t.Fatalf("%s", r.String())
	}
	line, n, longest, sq, dq := r.Calls[0][0], 0, 0, false, false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\'' && !dq:
			sq = !sq
		case c == '"' && !sq:
			dq = !dq
		case c == '\\' && !sq:
			i++
			n++
		case c == ' ' && !sq && !dq:
			n = -1
		}
		n++
		longest = max(longest, n)
	}
	return longest
}
