package doccheck

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// recorder is a TB that records failures instead of failing the test.
type recorder struct {
	errors []string
	fatal  bool
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatal(args ...any) {
	r.fatal = true
	r.errors = append(r.errors, fmt.Sprint(args...))
}
func (r *recorder) Logf(string, ...any) {}

// TestInspectGood: a package whose examples are all attached, including the
// package example, an example with a suffix, and one for a constructor.
func TestInspectGood(t *testing.T) {
	r, err := Inspect("testdata/good")
	if err != nil {
		t.Fatal(err)
	}
	if r.Examples != 6 || r.Attached != 6 || len(r.Dropped) != 0 || len(r.Problems) != 0 {
		t.Errorf("got %+v, want 6 examples, all attached, no problems", r)
	}
	var rec recorder
	Check(&rec, "testdata/good")
	if len(rec.errors) != 0 {
		t.Errorf("Check failed a complete package: %q", rec.errors)
	}
}

// TestInspectDropped: examples named after a variable, after nothing, or
// with an upper-case suffix are dropped by go/doc, and Check fails on them.
func TestInspectDropped(t *testing.T) {
	r, err := Inspect("testdata/dropped")
	if err != nil {
		t.Fatal(err)
	}
	wantDropped := []string{"ExampleErrX", "ExampleF_Bad", "ExampleNoSuchThing"}
	if !slices.Equal(r.Dropped, wantDropped) {
		t.Errorf("Dropped = %q, want %q", r.Dropped, wantDropped)
	}
	if r.Examples != 7 || r.Attached != 4 {
		t.Errorf("%d examples, %d attached; want 7 and 4", r.Examples, r.Attached)
	}
	wantProblems := []string{"G: no doc comment", "H: no example"}
	if !slices.Equal(r.Problems, wantProblems) {
		t.Errorf("Problems = %q, want %q", r.Problems, wantProblems)
	}

	var rec recorder
	Check(&rec, "testdata/dropped")
	if len(rec.errors) != 5 {
		t.Errorf("Check reported %d failures, want 5 (2 problems, 3 dropped): %q", len(rec.errors), rec.errors)
	}
	for _, name := range wantDropped {
		if !slices.ContainsFunc(rec.errors, func(e string) bool { return strings.HasPrefix(e, name+":") }) {
			t.Errorf("Check did not report %s: %q", name, rec.errors)
		}
	}
}

// TestCheckPending: a pending example is not reported while it is dropped,
// and a pending name that is not a dropped example is.
func TestCheckPending(t *testing.T) {
	var rec recorder
	Check(&rec, "testdata/dropped", "ExampleErrX", "ExampleF_Bad", "ExampleNoSuchThing")
	if len(rec.errors) != 2 {
		t.Errorf("with every dropped example pending: %q, want only the 2 problems", rec.errors)
	}
	rec = recorder{}
	Check(&rec, "testdata/good", "ExampleF")
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "ExampleF is listed as pending") {
		t.Errorf("an attached example listed as pending: %q, want one failure naming it", rec.errors)
	}
}

// TestCheckMissingDir: an unreadable package is a fatal failure.
func TestCheckMissingDir(t *testing.T) {
	var rec recorder
	Check(&rec, "testdata/no-such-dir")
	if !rec.fatal {
		t.Error("Check of a missing directory did not fail")
	}
}
