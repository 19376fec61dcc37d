package shq

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/safeshell/safeshell/internal/shelltest"
)

var dialects = []Dialect{POSIX, Bash, Fish}

// TestHazards checks every hazard in every dialect without a shell: the
// output is one word that mvdan.cc/sh expands back to the input (POSIX and
// Bash, valid UTF-8), Split reads back (POSIX and Bash), and that has the
// dialect's structural properties. The real shells are in quote_shell_test.go.
func TestHazards(t *testing.T) {
	for _, d := range dialects {
		for _, h := range hazards {
			t.Run(d.String()+"/"+h.name, func(t *testing.T) {
				q, err := d.Quote(h.s)
				if err != nil {
					t.Fatalf("Quote: %v", err)
				}
				checkStructure(t, d, h.s, q)
				if d == Fish {
					return
				}
				if utf8.ValidString(h.s) {
					checkMvdan(t, d, h.s, q)
				}
				// Split's first word is in command position; Quote's output
				// is an argument.
				got, err := Split("x " + q)
				if err != nil {
					t.Fatalf("Split(%q): %v", q, err)
				}
				if diff := cmp.Diff([]string{"x", h.s}, got); diff != "" {
					t.Fatalf("Split(%q) (-want +got):\n%s", q, diff)
				}
			})
		}
	}
}

// checkStructure checks what holds for every output of a dialect.
func checkStructure(t *testing.T, d Dialect, s, q string) {
	t.Helper()
	if q == "" {
		t.Fatalf("%s: empty output for %q", d, s)
	}
	if d.NeedsQuoting(s) == (q == s) {
		t.Fatalf("%s: NeedsQuoting(%q) = %v but Quote gives %q", d, s, d.NeedsQuoting(s), q)
	}
	switch d {
	case POSIX:
		if q != s && strings.Contains(q, `\`) && !strings.Contains(s, `\`) {
			t.Fatalf("POSIX: %q has a backslash the input has not", q)
		}
		if q != "''" && touchingSingleQuotes(q) {
			t.Fatalf("POSIX: %q has '' outside double quotes (zsh rcquotes reads it as ')", q)
		}
	case Bash:
		for i := 0; i < len(q); i++ {
			if q[i] < 0x20 || q[i] == 0x7f {
				t.Fatalf("Bash: %q has a raw control byte", q)
			}
		}
	case Fish:
		if strings.ContainsAny(q, "\r\u2028") {
			t.Fatalf("Fish: %q has a raw CR or U+2028", q)
		}
	}
	if d != POSIX {
		checkMarks(t, d, q)
	}
	checkRule(t, d, q)
}

// checkRule requires q to keep the multi-byte rule: no escaping backslash
// after a byte ≥ 0x80, no quote or backslash after a GB18030 or EUC-TW
// hazard pair, and no such pair at the end.
func checkRule(t fataler, d Dialect, q string) {
	t.Helper()
	family := shelltest.SyntaxSh
	if d == Fish {
		family = shelltest.SyntaxFish
	}
	if i := shelltest.RuleBreak(q, family); i >= 0 {
		t.Fatalf("%s: %q breaks the multi-byte rule at byte %d", d, q, i)
	}
}

// checkMarks requires every combining mark in the output to rest on a
// letter or digit (or another mark), never on a quote or backslash.
func checkMarks(t fataler, d Dialect, q string) {
	t.Helper()
	prev := rune(-1)
	for _, r := range q {
		if unicode.Is(unicode.M, r) && !(unicode.IsLetter(prev) || unicode.IsDigit(prev) || unicode.Is(unicode.M, prev)) {
			t.Fatalf("%s: %q has a combining mark on %q", d, q, prev)
		}
		prev = r
	}
}

// touchingSingleQuotes reports whether q has two ' in a row outside double
// quotes: an empty ” or two single-quoted runs that touch.
func touchingSingleQuotes(q string) bool {
	var state byte // 0, or the quote we are inside
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case state == 0 && (c == '\'' || c == '"'):
			state = c
			if c == '\'' && i+1 < len(q) && q[i+1] == '\'' {
				return true // empty ''
			}
		case state == c:
			state = 0
			if c == '\'' && i+1 < len(q) && q[i+1] == '\'' {
				return true // 'a''b'
			}
		}
	}
	return false
}

func TestQuoteSafeUnchanged(t *testing.T) {
	for _, d := range dialects {
		for _, s := range []string{"a", "abc", "my-bucket", "s3.amazonaws.com", "a/b/c", "x_1:2@3+4.5"} {
			if q, err := d.Quote(s); err != nil || q != s {
				t.Errorf("%s.Quote(%q) = %q, %v; want it unchanged", d, s, q, err)
			}
		}
	}
}

func TestQuoteEmpty(t *testing.T) {
	for _, d := range dialects {
		q, err := d.Quote("")
		if err != nil || q != "''" {
			t.Errorf("%s.Quote(\"\") = %q, %v; want ''", d, q, err)
		}
	}
}

func TestQuoteNUL(t *testing.T) {
	for _, d := range dialects {
		for _, s := range []string{"\x00", "abc\x00", "secret\x00value"} {
			q, err := d.Quote(s)
			if q != "" || !errors.Is(err, ErrNUL) {
				t.Fatalf("%s.Quote(%q) = %q, %v; want ErrNUL", d, s, q, err)
			}
			var qe *QuoteError
			if !errors.As(err, &qe) || qe.Offset != strings.IndexByte(s, 0) || qe.Index != -1 {
				t.Fatalf("%s.Quote(%q): error %#v, want offset %d, index -1", d, s, err, strings.IndexByte(s, 0))
			}
			if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "value") {
				t.Fatalf("error message %q contains the value", err)
			}
			dst := []byte("keep")
			got, err := d.AppendQuote(dst, s)
			if !errors.Is(err, ErrNUL) || string(got) != "keep" {
				t.Fatalf("%s.AppendQuote: %q, %v", d, got, err)
			}
			if !d.NeedsQuoting(s) {
				t.Fatalf("%s.NeedsQuoting(%q) = false", d, s)
			}
		}
	}
}

func TestInvalidDialect(t *testing.T) {
	for _, d := range []Dialect{-1, numDialects, 42} {
		if _, err := d.Quote("a"); !errors.Is(err, ErrDialect) {
			t.Errorf("Dialect(%d).Quote: %v, want ErrDialect", d, err)
		}
		if _, err := d.Join("a", "b"); !errors.Is(err, ErrDialect) {
			t.Errorf("Dialect(%d).Join: %v, want ErrDialect", d, err)
		}
		if _, err := d.AppendQuote(nil, "a"); !errors.Is(err, ErrDialect) {
			t.Errorf("Dialect(%d).AppendQuote: %v, want ErrDialect", d, err)
		}
		if !d.NeedsQuoting("a") {
			t.Errorf("Dialect(%d).NeedsQuoting = false", d)
		}
		if got := d.String(); !strings.HasPrefix(got, "Dialect(") {
			t.Errorf("String() = %q", got)
		}
	}
}

func TestParseDialect(t *testing.T) {
	for _, d := range dialects {
		got, err := ParseDialect(d.String())
		if err != nil || got != d {
			t.Errorf("ParseDialect(%q) = %v, %v", d.String(), got, err)
		}
	}
	for _, name := range []string{"", "sh", "POSIX", "zsh", "bash "} {
		if _, err := ParseDialect(name); !errors.Is(err, ErrDialect) {
			t.Errorf("ParseDialect(%q) = %v, want ErrDialect", name, err)
		}
	}
}

// TestQuotedLenExact checks that the size computed before allocating is the
// size written, for every hazard and a spread of generated strings, so Quote
// allocates once and never grows.
func TestQuotedLenExact(t *testing.T) {
	inputs := []string{}
	for _, h := range hazards {
		inputs = append(inputs, h.s, h.s+h.s, "a"+h.s, h.s+"€")
	}
	for c := 1; c < 256; c++ {
		inputs = append(inputs, string(rune(c)), string([]byte{byte(c)}), "€"+string([]byte{byte(c)}))
	}
	for _, d := range dialects {
		for _, first := range []bool{false, true} {
			for _, s := range inputs {
				n, err := d.quotedLen(s, first)
				if err != nil || n == len(s) {
					continue // refused, or written unchanged
				}
				b := d.appendQuoted(nil, s, first)
				if len(b) != n {
					t.Errorf("%s first=%v %q: measured %d, wrote %d (%q)", d, first, s, n, len(b), b)
				}
			}
		}
	}
}

func TestJoinFirstWord(t *testing.T) {
	for _, d := range []Dialect{POSIX, Bash} {
		for w := range commandWords {
			line, err := d.Join(w, "x")
			if err != nil {
				t.Fatalf("%s.Join(%q): %v", d, w, err)
			}
			if strings.HasPrefix(line, w+" ") {
				t.Errorf("%s.Join(%q, x) = %q: the reserved word is unquoted", d, w, line)
			}
			words, err := Split(line)
			if err != nil || !cmp.Equal(words, []string{w, "x"}) {
				t.Errorf("Split(%q) = %q, %v", line, words, err)
			}
		}
		for _, w := range []string{"%1", "%self"} {
			if line, _ := d.Join(w); line == w {
				t.Errorf("%s.Join(%q) leaves it unquoted", d, w)
			}
		}
		for _, w := range []string{"a=b", "PATH=/x", "a=b c", "=", "x+=y"} {
			line, err := d.Join(w)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Split(line); err != nil {
				t.Errorf("%s.Join(%q) = %q, which Split refuses: %v", d, w, line, err)
			}
		}
	}
	for w := range fishKeywords {
		_, err := Fish.Join(w, "x")
		var qe *QuoteError
		if !errors.Is(err, ErrKeyword) || !errors.As(err, &qe) || qe.Index != 0 {
			t.Errorf("Fish.Join(%q): %v, want ErrKeyword at index 0", w, err)
		}
		if _, err := Fish.Join("x", w); err != nil {
			t.Errorf("Fish.Join(x, %q): %v; keywords are fine as arguments", w, err)
		}
	}
}

func TestJoinErrors(t *testing.T) {
	_, err := Join("a", "b", "c\x00d")
	var qe *QuoteError
	if !errors.Is(err, ErrNUL) || !errors.As(err, &qe) || qe.Index != 2 || qe.Offset != 1 {
		t.Fatalf("Join: %v, want NUL at argument 2 byte 1", err)
	}
	if got, want := err.Error(), "shq: argument 2, byte 1: NUL byte cannot be part of a shell word"; got != want {
		t.Fatalf("message %q, want %q", got, want)
	}
	if got, err := Join(); got != "" || err != nil {
		t.Fatalf("Join() = %q, %v", got, err)
	}
}

// TestJoinShortLine checks POSIX Join's one-pass path for lines that fit its
// stack buffer against AppendJoin, which measures first and then writes:
// the same line or the same error, for argument lists whose lines end just
// under, at and just over the buffer, with quotes, NULs and first words
// that must be quoted.
func TestJoinShortLine(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	pieces := []string{"a", "Z9", "-", "'", "''", " ", "\x00", "=", "%", "é", "\xff", "/x.y"}
	firsts := []string{"", "if", "%1", "a=b", "aws", "nohup", "which-command", "which-commands"}
	short, long := 0, 0 // lists written in one pass, and lists too long for it
	for range 5000 {
		args := []string{firsts[r.IntN(len(firsts))]}
		for n := r.IntN(6); n > 0; n-- {
			if r.IntN(4) == 0 {
				// The worst case: every byte a run of its own.
				args = append(args, strings.Repeat("'a", r.IntN(joinBufSize/4)))
				continue
			}
			var b strings.Builder
			for m := r.IntN(joinBufSize / 4); m > 0; m-- {
				p := pieces[r.IntN(len(pieces))]
				if p == "\x00" && r.IntN(8) != 0 {
					continue // keep most lists valid
				}
				b.WriteString(p)
			}
			args = append(args, b.String())
		}
		var buf [joinBufSize]byte
		if _, fits, _ := POSIX.appendJoin(buf[:0], args, true); fits {
			short++
		} else {
			long++
		}
		got, err := Join(args...)
		want, wantErr := AppendJoin(nil, args...)
		if got != string(want) || !cmp.Equal(err, wantErr, cmp.Comparer(func(a, b *QuoteError) bool { return *a == *b })) {
			t.Fatalf("Join(%q) = %q, %v; AppendJoin gives %q, %v", args, got, err, want, wantErr)
		}
	}
	t.Logf("%d lists written in one pass (or refused there), %d too long for it", short, long)
	if short < 1000 || long < 1000 {
		t.Fatalf("%d lists in one pass, %d too long: the generator no longer reaches both sides of the buffer size", short, long)
	}
}

// TestSafePrefix checks safePrefix, which reads four bytes at a time, against
// the byte-by-byte definition: every byte at every position of strings of
// safe bytes up to 12 long, for each dialect's class.
func TestSafePrefix(t *testing.T) {
	for _, c := range plainClass {
		for n := range 13 {
			for pos := range n {
				for b := range 256 {
					s := []byte(strings.Repeat("a", n))
					s[pos] = byte(b)
					want := n
					if byteClass[b]&c == 0 {
						want = pos
					}
					if got := safePrefix(string(s), c); got != want {
						t.Fatalf("safePrefix(%q, %#x) = %d, want %d", s, c, got, want)
					}
				}
			}
		}
	}
}
