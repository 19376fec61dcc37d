package shq

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// hazardPieces are the fragments random strings are built from, so that
// generated input hits the hazards far more often than uniform bytes would.
var hazardPieces = []string{
	" ", "\t", "\n", "\r", "'", "\"", "\\", "$", "`", "$(", "${", "*", "?", "[", "]",
	"{", "}", ",", "..", "~", "#", "=", ":", "^", "!", ";", "|", "&", "<", ">", "(", ")",
	"%", "-", "--", "@", "+", "a", "b", "x", "0", "if", "A=", "\x01", "\x15", "\x1b", "\x7f",
	"\x80", "\x81", "\x95", "\xa5", "\xc3", "\xff", "é", "€", "☕", "\u00a0", "\u200b",
	"\u2028", "\u202e", "\uf641", "\u0301", "\u0338", "$'", "''", "'\"'\"'",
}

// genString draws a string, mostly from hazard pieces, sometimes from
// arbitrary bytes, and with a NUL byte once in a while.
func genString() *rapid.Generator[string] {
	anyBytes := rapid.Map(rapid.SliceOfN(rapid.Byte(), 1, 4), func(b []byte) string { return string(b) })
	piece := rapid.OneOf(rapid.SampledFrom(hazardPieces), rapid.SampledFrom(hazardPieces),
		rapid.SampledFrom(hazardPieces), anyBytes)
	return rapid.Custom(func(t *rapid.T) string {
		return strings.Join(rapid.SliceOfN(piece, 0, 10).Draw(t, "pieces"), "")
	})
}

// counts reports how many generated cases a property accepted and refused.
type counts struct{ accepted, refused atomic.Int64 }

func (c *counts) log(t *testing.T, what string) {
	t.Logf("%s: %d generated cases accepted, %d refused", what, c.accepted.Load(), c.refused.Load())
}

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
					n.refused.Add(1)
					return
				}
				if err != nil {
					t.Fatalf("Quote(%q): %v", s, err)
				}
				n.accepted.Add(1)
				if d != POSIX {
					checkMarks(t, d, q)
				}
				if d == Fish {
					return // read back by fish itself in quote_shell_test.go
				}
				got, err := Split("x " + q)
				if pendingMBRefusal(err) {
					return
				}
				if err != nil || !cmp.Equal(got, []string{"x", s}) {
					t.Fatalf("Split(x %q) = %q, %v; want [x %q]", q, got, err, s)
				}
				if d == Bash {
					if i := escapeAfterHigh(q); i >= 0 {
						t.Fatalf("Bash %q: escaping backslash after a byte ≥ 0x80 at %d", q, i)
					}
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
			n.log(t, d.String()+" Quote")
		})
	}
}

// TestPropMvdan runs the mvdan.cc/sh check of DESIGN.md on generated valid
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
					n.refused.Add(1) // outside the check's domain
					return
				}
				q, err := d.Quote(s)
				if err != nil {
					rt.Fatal(err)
				}
				checkMvdan(rt, d, s, q)
				n.accepted.Add(1)
			})
			n.log(t, d.String()+" mvdan check (refused = outside its domain: invalid UTF-8, NUL, CR LF)")
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
					n.refused.Add(1)
					return
				}
				n.accepted.Add(1)
				got, err := Split(line)
				if pendingMBRefusal(err) {
					return
				}
				if err != nil {
					t.Fatalf("Split(Join(%q)) = Split(%q): %v", args, line, err)
				}
				if !cmp.Equal(got, args, cmp.Comparer(func(a, b []string) bool {
					return len(a) == 0 && len(b) == 0 || cmp.Equal(a, b)
				})) {
					t.Fatalf("Split(%q) = %q, want %q", line, got, args)
				}
			})
			n.log(t, d.String()+" Split(Join(a))")
		})
	}
}
