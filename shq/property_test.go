package shq

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/safeshell/safeshell/internal/hazard"
)

// genString draws a string of up to 10 pieces from the shared hazard
// generator.
func genString() *rapid.Generator[string] { return hazard.String(10) }

// counts is the shared count of accepted and refused cases.
type counts = hazard.Counts

func TestPropQuoteRoundTrip(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.String(), func(t *testing.T) {
			var n counts
			rapid.Check(t, func(t *rapid.T) {
				s := genString().Draw(t, "s")
				q, err := d.Quote(s)
				if strings.IndexByte(s, 0) >= 0 {
					if !errors.Is(err, ErrNUL) {
						t.Fatalf("Quote(%q) = %q, %v; want ErrNUL", s, q, err)
					}
					n.Add(false)
					return
				}
				if err != nil {
					t.Fatalf("Quote(%q): %v", s, err)
				}
				n.Add(true)
				if d != POSIX {
					checkMarks(t, d, q)
				}
				checkRule(t, d, q)
				if d == Fish {
					return // read back by fish itself in quote_shell_test.go
				}
				got, err := Split("x " + q)
				if err != nil || !cmp.Equal(got, []string{"x", s}) {
					t.Fatalf("Split(x %q) = %q, %v; want [x %q]", q, got, err, s)
				}
				if d == Bash {
					for i := 0; i < len(q); i++ {
						if q[i] < 0x20 || q[i] == 0x7f {
							t.Fatalf("Bash %q: raw control byte", q)
						}
					}
				}
				if d == POSIX && q != "''" && touchingSingleQuotes(q) {
					t.Fatalf("POSIX %q: touching single quotes", q)
				}
			})
			n.Log(t, d.String()+" Quote")
		})
	}
}

// TestPropMvdan runs the mvdan.cc/sh check of docs/design.md on generated valid
// UTF-8 input for POSIX and Bash.
func TestPropMvdan(t *testing.T) {
	for _, d := range []Dialect{POSIX, Bash} {
		t.Run(d.String(), func(t *testing.T) {
			var n counts
			rapid.Check(t, func(rt *rapid.T) {
				s := genString().Draw(rt, "s")
				// mvdan.cc/sh refuses invalid UTF-8, and its lexer drops a CR
				// right before LF even inside quotes (real shells keep it;
				// quote_shell_test.go checks them).
				if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 || strings.Contains(s, "\r\n") {
					n.Add(false) // outside the check's domain
					return
				}
				q, err := d.Quote(s)
				if err != nil {
					rt.Fatal(err)
				}
				checkMvdan(rt, d, s, q)
				n.Add(true)
			})
			n.Log(t, d.String()+" mvdan check (refused = outside its domain: invalid UTF-8, NUL, CR LF)")
		})
	}
}

func TestPropSplitJoin(t *testing.T) {
	for _, d := range []Dialect{POSIX, Bash} {
		t.Run(d.String(), func(t *testing.T) {
			var n counts
			rapid.Check(t, func(t *rapid.T) {
				args := rapid.SliceOfN(genString(), 0, 6).Draw(t, "args")
				line, err := d.Join(args...)
				if err != nil {
					if !errors.Is(err, ErrNUL) {
						t.Fatalf("Join(%q): %v", args, err)
					}
					n.Add(false)
					return
				}
				n.Add(true)
				got, err := Split(line)
				if err != nil {
					t.Fatalf("Split(Join(%q)) = Split(%q): %v", args, line, err)
				}
				if !cmp.Equal(got, args, cmp.Comparer(func(a, b []string) bool {
					return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b)
				})) {
					t.Fatalf("Split(%q) = %q, want %q", line, got, args)
				}
			})
			n.Log(t, d.String()+" Split(Join(a))")
		})
	}
}
