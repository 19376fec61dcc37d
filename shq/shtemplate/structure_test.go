package shtemplate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"github.com/safeshell/safeshell/internal/shelltest"
)

// skeleton lists the nodes of a script that are not literal text, in
// order: everything but Lit, SglQuoted and DblQuoted (whose expansions are
// still listed). Two renderings of a template with the same skeleton differ
// only in literal text: no value added a word, a command, an expansion or
// a substitution.
func skeleton(script string, bash bool) (string, error) {
	lang := syntax.LangPOSIX
	if bash {
		lang = syntax.LangBash
	}
	f, err := syntax.NewParser(syntax.Variant(lang)).Parse(strings.NewReader(script), "")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	depth := 0
	syntax.Walk(f, func(n syntax.Node) bool {
		if n == nil {
			depth--
			return true
		}
		depth++
		switch n.(type) {
		case *syntax.Lit, *syntax.SglQuoted, *syntax.DblQuoted:
			return true
		}
		b.WriteString(strings.Repeat(" ", depth))
		b.WriteString(strings.TrimPrefix(reflectTypeName(n), "*syntax."))
		b.WriteByte('\n')
		return true
	})
	return b.String(), nil
}

// TestStructure re-parses every rendered script of the matrix with
// mvdan.cc/sh: it must have the skeleton of the same template rendered
// with a plain word.
func TestStructure(t *testing.T) {
	checked, skipped := 0, 0
	for _, cases := range [][]tcase{posixCases, bashCases} {
		for _, j := range render(t, cases) {
			if !utf8.ValidString(j.script) {
				skipped++ // mvdan.cc/sh refuses invalid UTF-8
				continue
			}
			checked++
			plain := "plain"
			if j.value == "" {
				plain = "" // the template branches on an empty value
			}
			ref := renderPlain(t, j.tc, plain)
			want, err := skeleton(ref, j.tc.bash)
			if err != nil {
				t.Fatalf("%s: plain rendering does not parse: %v", j.tc.name, err)
			}
			got, err := skeleton(j.script, j.tc.bash)
			if err != nil {
				t.Errorf("%s × %q: rendered script does not parse: %v\n%s", j.tc.name, j.value, err, j.script)
				continue
			}
			if got != want {
				t.Errorf("%s × %q: structure changed:\n%s\nwant:\n%s\nscript:\n%s", j.tc.name, j.value, got, want, j.script)
			}
		}
	}
	t.Logf("%d scripts re-parsed; %d with invalid UTF-8 skipped (mvdan.cc/sh refuses them)", checked, skipped)
	if checked == 0 {
		t.Fatal("no script checked")
	}
}

func renderPlain(t *testing.T, tc *tcase, v string) string {
	t.Helper()
	tm := New(tc.name)
	if tc.bash {
		tm.Dialect(bashDialect)
	}
	Must(tm.Parse(tc.tpl))
	var b strings.Builder
	if err := tm.Execute(&b, v); err != nil {
		t.Fatalf("%s: %v", tc.name, err)
	}
	return b.String()
}

// TestShellcheck runs shellcheck on every rendered script of the matrix
// and wants no SC2086 (unquoted expansion) or SC2046 (unquoted command
// substitution) in any.
func TestShellcheck(t *testing.T) {
	if testing.Short() {
		t.Skip("shellcheck: skipped under -short")
	}
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		shelltest.Missing(t, "shellcheck is not installed")
	}
	for _, group := range []struct {
		shell string
		cases []tcase
	}{{"sh", posixCases}, {"bash", bashCases}} {
		jobs := render(t, group.cases)
		dir := t.TempDir()
		// One file per template, holding all its renderings: shellcheck
		// costs little per byte and much per file.
		byName := map[string][]byte{}
		var names []string
		for _, j := range jobs {
			if byName[j.tc.name] == nil {
				names = append(names, j.tc.name)
			}
			byName[j.tc.name] = append(byName[j.tc.name], j.script...)
		}
		var files []string
		for _, n := range names {
			p := filepath.Join(dir, n+".sh")
			if err := os.WriteFile(p, byName[n], 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, p)
		}
		args := append([]string{"-s", group.shell, "-f", "gcc", "--include=SC2086,SC2046"}, files...)
		out, err := exec.Command(sc, args...).CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Errorf("shellcheck -s %s: %v\n%s", group.shell, err, out)
		}
		t.Logf("shellcheck -s %s: %d scripts of %d templates", group.shell, len(jobs), len(names))
	}
}
