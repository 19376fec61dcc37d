package shq

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestLoginHazards checks every hazard without a shell: refused exactly
// when it holds a newline, otherwise read back by Split and mvdan.cc/sh
// (Login output is POSIX text too), of the exact length loginLen measured,
// and within the multi-byte rule. The real shells are in
// login_shell_test.go.
func TestLoginHazards(t *testing.T) {
	for _, h := range hazards {
		t.Run(h.name, func(t *testing.T) {
			q, err := Login.Quote(h.s)
			if i := strings.IndexByte(h.s, '\n'); i >= 0 {
				var qe *QuoteError
				if !errors.As(err, &qe) || !errors.Is(err, ErrNewline) || qe.Offset != i || qe.Index != -1 {
					t.Fatalf("Quote: %q, %v; want ErrNewline at %d", q, err, i)
				}
				return
			}
			if err != nil {
				t.Fatalf("Quote: %v", err)
			}
			checkLogin(t, h.s, q)
		})
	}
}

// checkLogin checks what holds for every Login output q of s.
func checkLogin(t fataler, s, q string) {
	if Login.NeedsQuoting(s) == (q == s) {
		t.Fatalf("NeedsQuoting(%q) = %v but Quote gives %q", s, Login.NeedsQuoting(s), q)
	}
	if n, _ := loginLen(s); q != s && n != len(q) {
		t.Fatalf("loginLen(%q) = %d, output %q has %d bytes", s, n, q, len(q))
	}
	if got, _ := Login.AppendQuote([]byte("x"), s); string(got) != "x"+q {
		t.Fatalf("AppendQuote(%q) = %q, Quote = %q", s, got, q)
	}
	if i := loginHazard(q); i >= 0 {
		t.Fatalf("%q: multi-byte hazard at byte %d", q, i)
	}
	if strings.IndexByte(singleQuoted(q), '!') >= 0 || strings.IndexByte(singleQuoted(q), '\\') >= 0 {
		t.Fatalf("%q: ! or \\ inside single quotes", q)
	}
	if utf8.ValidString(s) {
		checkMvdan(t, POSIX, s, q)
	}
	got, err := Split("x " + q)
	if err != nil || !cmp.Equal(got, []string{"x", s}) {
		t.Fatalf("Split(x %q) = %q, %v; want [x %q]", q, got, err, s)
	}
}

// singleQuoted returns the bytes of q that stand inside single quotes.
func singleQuoted(q string) string {
	var b []byte
	var state byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case state == 0 && c == '\\':
			i++
		case state == 0 && (c == '\'' || c == '"'):
			state = c
		case state == c:
			state = 0
		case state == '\'':
			b = append(b, c)
		}
	}
	return string(b)
}

// loginHazard returns the offset of the first byte of q that breaks the
// multi-byte rule, or -1: an escaping backslash (outside single quotes)
// right after a byte ≥ 0x80, or a syntax byte (quote, backslash, $, space
// outside single quotes, or the quote that closes them) right after
// [81-FE][30-39] or 8E [A1-B0], or such a pair at the end. Inside '…' a
// byte swallowed into a character is still part of the word.
func loginHazard(q string) int {
	pair := func(i int) bool { // q[i-2], q[i-1] is a swallowing pair
		if i < 2 {
			return false
		}
		a, b := q[i-2], q[i-1]
		return 0x81 <= a && a <= 0xfe && '0' <= b && b <= '9' || a == 0x8e && 0xa1 <= b && b <= 0xb0
	}
	var state byte // 0, or the quote we are inside
	for i := 0; i < len(q); i++ {
		c := q[i]
		syntax := state == 0 && strings.IndexByte(`'"\$ `, c) >= 0 || state != 0 && c == state
		if syntax && pair(i) {
			return i
		}
		if c == '\\' && state == 0 && i > 0 && q[i-1] >= 0x80 {
			return i
		}
		switch {
		case state == 0 && c == '\\':
			i++
		case state == 0 && (c == '\'' || c == '"'):
			state = c
		case state == c:
			state = 0
		}
	}
	if pair(len(q)) {
		return len(q)
	}
	return -1
}

func TestLoginQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "''"},
		{"abc-1.2/x_y:z@w+v,u", "abc-1.2/x_y:z@w+v,u"},
		{"a b", "'a b'"},
		{"it's", `'it'"'"'s'`},
		{`a\b`, `'a'\\'b'`},
		{"a!b", `'a'\!'b'`},
		{`'\!`, `"'"\\\!`},
		{"%self", "'%self'"},
		{"a=b", "'a=b'"},
		{"\r", "'\r'"},
		{"\x81" + "0", "'\x81'0"},
		{"\x81" + "0!", "'\x81'0\\!"},
		{"\x8e\xa1", "'\x8e'\"\xa1\""},
		{"\x8e\xa1" + "0", "'\x8e'\"\xa1\"0"},
		{"\x8e\xb0" + "9'", "'\x8e'\"\xb0\"9\"'\""},
		{"\x8e\xb1", "'\x8e\xb1'"},
		{"\x80" + "0", "'\x80" + "0'"},
		{"\xff" + "0", "'\xff" + "0'"},
	} {
		got, err := Login.Quote(c.in)
		if err != nil || got != c.want {
			t.Errorf("Login.Quote(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

// TestLoginRefusals checks each refusal exactly: reason, index and offset.
func TestLoginRefusals(t *testing.T) {
	long := strings.Repeat("x", LoginMaxWord-2) // quoted: exactly the limit
	if q, err := Login.Quote(long + " "); err == nil || len(q) > 0 {
		var qe *QuoteError
		if !errors.As(err, &qe) || !errors.Is(err, ErrLoginLength) || qe.Offset != len(long) {
			t.Errorf("one byte over the limit: %v", err)
		}
	}
	if q, err := Login.Quote(long[1:] + " "); err != nil || len(q) != LoginMaxWord {
		t.Errorf("at the limit: %d bytes, %v", len(q), err)
	}
	if _, err := Login.Quote(strings.Repeat("x", LoginMaxWord+1)); err != nil {
		t.Errorf("a safe word is not quoted, so not limited: %v", err)
	}
	quotes := strings.Repeat("'", LoginMaxWord/3+1) // 3 bytes each
	var qe *QuoteError
	if _, err := Login.Quote(quotes); !errors.As(err, &qe) || !errors.Is(err, ErrLoginLength) || qe.Offset != LoginMaxWord/3 {
		t.Errorf("quotes: %v", err)
	}
	for _, c := range []struct {
		args  []string
		index int
		off   int
		want  error
	}{
		{[]string{"printf", "a\nb"}, 1, 1, ErrNewline},
		{[]string{"printf", "ab\x00"}, 1, 2, ErrNUL},
		{[]string{"printf", "ok", "\n"}, 2, 0, ErrNewline},
		{[]string{"if", "x"}, 0, 0, ErrKeyword},
		{[]string{"exec", "x"}, 0, 0, ErrKeyword},
		{[]string{"command", "x"}, 0, 0, ErrKeyword},
	} {
		_, err := Login.Join(c.args...)
		if !errors.As(err, &qe) || !errors.Is(err, c.want) || qe.Index != c.index || qe.Offset != c.off {
			t.Errorf("Join(%q): %v; want %v at argument %d, byte %d", c.args, err, c.want, c.index, c.off)
		}
		if strings.Contains(err.Error(), "printf") {
			t.Errorf("error %q contains a value", err)
		}
	}
	// A keyword is refused only in command position.
	if line, err := Login.Join("printf", "if", "exec"); err != nil || line != "printf if exec" {
		t.Errorf("Join: %q, %v", line, err)
	}
}

// TestLoginCommandPosition checks that Login quotes, in command position,
// the command words of the POSIX shells and the builtins of csh.
func TestLoginCommandPosition(t *testing.T) {
	for w := range loginCommandWords {
		if fishKeywords[w] {
			continue
		}
		line, err := Login.Join(w, "a")
		if err != nil {
			t.Fatalf("Join(%q): %v", w, err)
		}
		if q, _ := Login.Quote(w); !strings.HasPrefix(line, "'") && !strings.HasPrefix(line, "\\") && q == w {
			t.Errorf("Join(%q, a) = %q: first word unquoted", w, line)
		}
	}
	if line, _ := Login.Join("ls", "set"); line != "ls set" {
		t.Errorf("Join(ls, set) = %q", line)
	}
}

func TestPropLogin(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genString().Draw(t, "s")
		q, err := Login.Quote(s)
		switch {
		case strings.IndexByte(s, 0) >= 0:
			if !errors.Is(err, ErrNUL) {
				t.Fatalf("Quote(%q): %v; want ErrNUL", s, err)
			}
		case strings.IndexByte(s, '\n') >= 0:
			if !errors.Is(err, ErrNewline) {
				t.Fatalf("Quote(%q): %v; want ErrNewline", s, err)
			}
		case err != nil:
			t.Fatalf("Quote(%q): %v", s, err)
		default:
			checkLogin(t, s, q)
		}
	})
}

// TestLoginMultibytePairs puts every hazardous pair before every byte the
// writer treats specially, and checks the multi-byte rule and the reading.
func TestLoginMultibytePairs(t *testing.T) {
	var pairs []string
	for a := 0x81; a <= 0xfe; a++ {
		pairs = append(pairs, string([]byte{byte(a), '0'}), string([]byte{byte(a), '9'}))
	}
	for b := 0xa1; b <= 0xb0; b++ {
		pairs = append(pairs, string([]byte{0x8e, byte(b)}), string([]byte{0x8e, byte(b), '5'}))
	}
	for _, p := range pairs {
		for _, tail := range []string{"", "'", "\\", "!", " ", "$", "a", "\x8e"} {
			for _, head := range []string{"", "a", "'", "\x8e"} {
				s := head + p + tail
				q, err := Login.Quote(s)
				if err != nil {
					t.Fatalf("Quote(%q): %v", s, err)
				}
				checkLogin(t, s, q)
			}
		}
	}
}
