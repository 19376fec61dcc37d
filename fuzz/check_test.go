package fuzz

import (
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"github.com/safeshell/safeshell/internal/hazard"
	"github.com/safeshell/safeshell/shq"
)

// tb is what the checks need from *testing.T and *rapid.T alike (rapid.T
// has no Helper), so that each property is written once.
type tb interface {
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
}

// shellsEnabled reports whether SHQ_FUZZ_SHELLS asks for real shells.
func shellsEnabled() bool { return os.Getenv("SHQ_FUZZ_SHELLS") == "1" }

var dialects = []shq.Dialect{shq.POSIX, shq.Bash, shq.Fish}

// posixSafe is the POSIX safe set, written out here independently of shq
// (docs/design.md, "Quoting contract"): bytes that no shell of the POSIX matrix
// treats specially anywhere in a word.
var posixSafe = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./,:@+%")

// fishSafe is the Fish safe set: POSIX's without % (%self expands).
var fishSafe = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./,:@+")

func byteSet(s string) (t [256]bool) {
	for i := 0; i < len(s); i++ {
		t[s[i]] = true
	}
	return t
}

// unquotedOK reports whether byte q[i], unquoted and unescaped in a word of
// dialect d, is literal in every shell of the dialect. For Bash (the output
// of printf %q) that adds = (bash has no =cmd), # and ~ where they are not
// special, and bytes ≥ 0x80 (printable multi-byte runes are left as they
// are). i is the offset of the byte in the word.
func unquotedOK(d shq.Dialect, q string, i int) bool {
	c := q[i]
	if posixSafe[c] {
		return true
	}
	if d != shq.Bash {
		return false
	}
	switch {
	case c == '=' || c >= utf8.RuneSelf:
		return true
	case c == '#':
		return i > 0
	case c == '~':
		return i > 0 && q[i-1] != '=' && q[i-1] != ':'
	}
	return false
}

// checkMvdan requires the one-word oracle of internal/hazard to read q,
// the dialect's quoting of s, back as s (LangPOSIX for POSIX, LangBash for
// Bash), with every unquoted byte safe and no glob. mvdan's parser refuses
// invalid UTF-8, so s must be valid. Output mvdan cannot read as bash does
// (hazard.MvdanBlind) is left to the real shells.
func checkMvdan(t tb, d shq.Dialect, s, q string) {
	if hazard.MvdanBlind(q) {
		return
	}
	if !utf8.ValidString(q) {
		if hazard.EUCTWPair(s) {
			return // a quote between the bytes of an EUC-TW prefix
		}
		t.Fatalf("%v.Quote(%q) = %q: not valid UTF-8, although the input is", d, s, q)
	}
	lang := syntax.LangPOSIX
	if d == shq.Bash {
		lang = syntax.LangBash
	}
	fields, globbed, err := hazard.MvdanWord(q, lang, d == shq.Bash, func(i int) bool { return unquotedOK(d, q, i) })
	switch {
	case err != nil:
		t.Fatalf("%v.Quote(%q) = %q: %v", d, s, q, err)
	case globbed:
		t.Fatalf("%v.Quote(%q) = %q: mvdan tried to glob it", d, s, q)
	case !slices.Equal(fields, []string{s}):
		t.Fatalf("%v.Quote(%q) = %q: mvdan expands it to %q", d, s, q, fields)
	}
}

// decodePOSIX reads POSIX output by the dialect's own grammar, for any
// bytes: unquoted safe bytes, '…' holding anything but ', and "…" holding
// only '. No backslash and no other construct is allowed. ok is false for
// anything else.
func decodePOSIX(q string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == '\'':
			j := strings.IndexByte(q[i+1:], '\'')
			if j < 0 {
				return "", false
			}
			b.WriteString(q[i+1 : i+1+j])
			i += j + 2
		case c == '"':
			// A run of ', or one byte A1-B0 moved out of a single-quoted
			// run by the multi-byte rule.
			j := i + 1
			for j < len(q) && q[j] == '\'' {
				j++
			}
			if j == i+1 && j < len(q) && 0xa1 <= q[j] && q[j] <= 0xb0 {
				j++
			}
			if j == i+1 || j == len(q) || q[j] != '"' {
				return "", false
			}
			b.WriteString(q[i+1 : j])
			i = j + 1
		case posixSafe[c]:
			b.WriteByte(c)
			i++
		default:
			return "", false
		}
	}
	return b.String(), q != ""
}

// fishEscapes are the letter escapes fish reads outside quotes.
var fishEscapes = map[byte]byte{'a': '\a', 'b': '\b', 't': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r', 'e': 0x1b}

// decodeFish reads Fish output by fish 3's grammar as the dialect uses it:
// unquoted safe bytes, '…' with \\ and \' as the only escapes (any other
// backslash is literal), and outside quotes the escapes \a \b \t \n \v \f
// \r \e, \xHH for ASCII and \XHH for a byte ≥ 0x80. It also enforces the
// dialect's structure: nothing raw outside quotes but safe bytes, and inside
// quotes no control byte, no invalid UTF-8, no U+2028 or U+2029.
func decodeFish(q string) (string, string) {
	var b strings.Builder
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'':
			i++
			for {
				if i == len(q) {
					return "", "unterminated quote"
				}
				c := q[i]
				if c == '\'' {
					i++
					break
				}
				if c == '\\' && i+1 < len(q) && (q[i+1] == '\\' || q[i+1] == '\'') {
					b.WriteByte(q[i+1])
					i += 2
					continue
				}
				if c < 0x20 || c == 0x7f {
					return "", "control byte inside quotes"
				}
				if c >= utf8.RuneSelf {
					r, n := utf8.DecodeRuneInString(q[i:])
					if n == 1 {
						return "", "invalid UTF-8 inside quotes"
					}
					if r == '\u2028' || r == '\u2029' {
						return "", "line or paragraph separator inside quotes"
					}
					b.WriteString(q[i : i+n])
					i += n
					continue
				}
				b.WriteByte(c)
				i++
			}
		case c == '\\':
			if i+1 == len(q) {
				return "", "backslash at the end"
			}
			e := q[i+1]
			if e == '\\' || e == '\'' {
				// Written outside the quotes after a raw rune.
				b.WriteByte(e)
				i += 2
				continue
			}
			if v, ok := fishEscapes[e]; ok {
				b.WriteByte(v)
				i += 2
				continue
			}
			if (e == 'x' || e == 'X') && i+4 <= len(q) {
				v, ok := hexByte(q[i+2 : i+4])
				if !ok || e == 'x' && v >= 0x80 || e == 'X' && v < 0x80 {
					return "", "bad hex escape"
				}
				b.WriteByte(v)
				i += 4
				continue
			}
			return "", "unknown escape"
		case fishSafe[c]:
			b.WriteByte(c)
			i++
		default:
			return "", "unsafe byte outside quotes"
		}
	}
	if q == "" {
		return "", "empty output"
	}
	return b.String(), ""
}

func hexByte(s string) (byte, bool) {
	var v byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | (c - '0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | (c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | (c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return v, true
}

// maxShellInput keeps the real-shell checks to inputs that fit comfortably in
// one sh -c argument after quoting (which can grow a value fivefold).
const maxShellInput = 4 << 10
