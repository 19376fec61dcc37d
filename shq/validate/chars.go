package validate

import (
	"unicode"
	"unicode/utf8"
)

// asciiSet is a set of ASCII bytes; bytes ≥ 0x80 are never members, so a
// validator built on one accepts ASCII only.
type asciiSet [128]bool

// makeSet builds a set from a spec such as "a-z0-9._-": single bytes and
// ranges written lo-hi; a '-' first or last stands for itself.
func makeSet(spec string) *asciiSet {
	var s asciiSet
	for i := 0; i < len(spec); i++ {
		if i+2 < len(spec) && spec[i+1] == '-' {
			for c := spec[i]; c <= spec[i+2]; c++ {
				s[c] = true
			}
			i += 2
			continue
		}
		s[spec[i]] = true
	}
	return &s
}

func (s *asciiSet) has(c byte) bool { return c < utf8.RuneSelf && s[c] }

// first returns the offset of the first byte of v outside the set, or -1.
func (s *asciiSet) first(v string) int {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c >= utf8.RuneSelf || !s[c] {
			return i
		}
	}
	return -1
}

// scan refuses the first byte of v outside the set, describing it by class;
// outside names the allowed set for an ASCII byte that is not in it.
func (s *asciiSet) scan(v string, outside string) fault {
	if i := s.first(v); i >= 0 {
		return at(i, describe(v, i, outside))
	}
	return okFault
}

var (
	digits   = makeSet("0-9")
	lowerNum = makeSet("a-z0-9")
	alnum    = makeSet("A-Za-z0-9")
)

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool { return alnum.has(c) }

// allDigits reports whether v is a non-empty run of ASCII digits.
func allDigits(v string) bool { return v != "" && digits.first(v) < 0 }

// describe names the class of the character at v[i] for an error reason.
// It never returns the character itself: a reason must not carry any part
// of the value. outside is the reason for an ASCII letter, digit or
// punctuation byte that the rule does not allow.
func describe(v string, i int, outside string) string {
	c := v[i]
	switch {
	case c == 0:
		return "NUL byte not allowed"
	case c < 0x20 || c == 0x7f:
		return "control character not allowed"
	case c == ' ':
		return "space not allowed"
	case 'A' <= c && c <= 'Z':
		// Only a byte outside the rule's set is described, so a rule
		// that allows uppercase never reaches here with one.
		return "uppercase letter not allowed"
	case c < utf8.RuneSelf:
		return outside
	}
	r, n := utf8.DecodeRuneInString(v[i:])
	switch {
	case r == utf8.RuneError && n <= 1:
		return "invalid UTF-8"
	case unicode.Is(unicode.Cc, r):
		return "control character not allowed"
	case unicode.IsSpace(r):
		return "whitespace character not allowed"
	case isBidiControl(r):
		return "bidirectional control character not allowed"
	case unicode.Is(blankTable, r):
		return "invisible character not allowed"
	case unicode.IsDigit(r):
		return "non-ASCII digit not allowed"
	case unicode.IsLetter(r):
		return "non-ASCII letter not allowed"
	}
	return "non-ASCII character not allowed"
}

// isBidiControl reports the explicit bidirectional formatting characters
// that reorder what a reviewer sees ("Trojan Source", CVE-2021-42574).
func isBidiControl(r rune) bool {
	return 0x202A <= r && r <= 0x202E || 0x2066 <= r && r <= 0x2069 ||
		r == 0x200E || r == 0x200F || r == 0x061C
}
