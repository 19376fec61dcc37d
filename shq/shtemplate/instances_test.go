package shtemplate

import (
	"errors"
	"strings"
	"testing"
)

// TestCalledInContexts checks the copies made for a template called in
// several contexts: one per context, kept across Executes and shared by
// the templates of the set that call it the same way, and the refusal of
// a called template executed by itself in another context.
func TestCalledInContexts(t *testing.T) {
	tm := Must(New("main").Parse(`{{define "v"}}{{.}}{{end}}{{define "w"}}echo "{{template "v" .}}"` + "\n{{end}}" +
		`echo {{template "v" .}} "{{template "v" .}}" '{{template "v" .}}'` + "\n{{template \"w\" .}}"))
	var first, again strings.Builder
	if err := tm.Execute(&first, "it's $x"); err != nil {
		t.Fatal(err)
	}
	n := len(tm.text.Templates())
	if err := tm.Execute(&again, "it's $x"); err != nil || again.String() != first.String() {
		t.Fatalf("second Execute: %q, %v; first %q", again.String(), err, first.String())
	}
	// v in a word, in "…" (twice: in main and in w) and in '…': two
	// copies besides v, w and main.
	if n != 5 {
		t.Errorf("%d templates after Execute, want 5", n)
	}
	// w calls v in the same context as main's "…": no new copy.
	var b strings.Builder
	if err := tm.ExecuteTemplate(&b, "w", "a$b"); err != nil {
		t.Fatal(err)
	}
	if len(tm.text.Templates()) != n {
		t.Errorf("ExecuteTemplate of w made a copy")
	}
	if err := tm.ExecuteTemplate(&b, "v", "ls"); !errors.Is(err, ErrBranches) {
		t.Errorf("v executed as a whole command: %v, want ErrBranches", err)
	}
	if tm.Lookup("v$shq1") != nil {
		t.Errorf("Lookup returns a copy")
	}
}
