package shq

import (
	"unicode"
	"unicode/utf8"
)

// Bash: bash's printf %q (bash 5.2, lib/sh/shquote.c), changed where bash's
// own output breaks the multi-byte rule. bash writes $'…' when the string has
// a byte that is not printable (ansic_shouldquote), and backslash escapes
// otherwise (sh_backslash_quote), and it writes printable multi-byte runes
// raw, so a backslash can follow a byte ≥ 0x80 (bash turns €;id into €\;id,
// and in GBK id runs) and a quote or backslash can follow a hazard pair
// (中0;id becomes 中0\;id, and in GB18030 id runs). The changes:
//
//   - an escape right after a raw byte ≥ 0x80 is written 'c' or "'" instead
//     of \c, and inside $'…' the quotes close and reopen ('$') before it;
//   - a string that bash would write with backslashes and that has a hazard
//     pair before an escape or at its end is written as POSIX writes it;
//   - inside $'…' a rune whose raw bytes would leave a hazard pair before
//     the next syntax byte is written in octal.
//
// Bash itself never writes a raw byte ≥ 0x80 for input with no valid
// multi-byte sequence, so the output is still bash's for such input.

// needsANSIC reports whether bash would quote s as $'…': s has a control
// byte, DEL, an invalid UTF-8 sequence, or a rune that is not shown raw.
func needsANSIC(s string) bool {
	var st textState
	for i := 0; i < len(s); {
		k, size, _ := st.next(s, i)
		if k == escOctal || k == escLetter && s[i] != '\\' && s[i] != '\'' {
			return true
		}
		i += size
	}
	return false
}

// displayable reports whether a multi-byte rune may be written as it is in
// text meant for a person. Invisible runes are escaped so that what is shown
// is what runs: format characters such as bidi controls (the Trojan Source
// class, CVE-2021-42574), spaces other than U+0020, default-ignorable runes
// (Hangul fillers, variation selectors) and U+2800, a blank that is printable.
// It also keeps U+2028 out of fish, where it can vanish, and private-use runes
// out of fish, which uses U+F600–U+F6FF to carry raw bytes internally.
func displayable(r rune) bool {
	return unicode.IsPrint(r) && r != '\u2800' &&
		!unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) &&
		!unicode.Is(unicode.Variation_Selector, r)
}

// An escape is how Bash's $'…' and Fish write one rune of the input.
type escape uint8

const (
	escRaw    escape = iota // the rune's bytes as they are
	escLetter               // a backslash and a letter: \n, \t, \\, \'
	escOctal                // every byte as \ooo ($'…') or \xHH, \XHH (fish)
)

// textState carries what the escape of the next rune depends on.
type textState struct {
	// high: the last byte written is a raw byte ≥ 0x80, so a backslash
	// must not come next (GBK, Big5 and Shift_JIS would join the two).
	high bool
	// base: the last rune written raw is a letter or digit, or a combining
	// mark on one. A combining mark anywhere else would draw over a quote or
	// backslash the quoter wrote, so what is shown would not be what runs.
	base bool
}

// next decides the escape of the rune at s[i] and returns it with the
// rune's size in s, and whether a backslash would follow a raw byte ≥ 0x80
// (where $'…' closes and reopens). It then updates st for the next rune.
// This is the choice bash makes; guarded adds the multi-byte rule to it.
func (st *textState) next(s string, i int) (k escape, size int, afterHigh bool) {
	c := s[i]
	if c < utf8.RuneSelf {
		switch {
		case ansicEscape[c] != 0:
			k = escLetter
		case c < 0x20 || c == 0x7f:
			k = escOctal
		}
		afterHigh = st.high && k != escRaw
		st.high = false
		st.base = k == escRaw && isAlnum(c)
		return k, 1, afterHigh
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if size == 1 || !displayable(r) || unicode.Is(unicode.M, r) && !st.base {
		afterHigh = st.high
		st.high, st.base = false, false
		return escOctal, size, afterHigh
	}
	st.high = true
	st.base = unicode.Is(unicode.M, r) || unicode.IsLetter(r) || unicode.IsDigit(r)
	return escRaw, size, false
}

// guarded is next with the multi-byte rule for text where every byte other
// than raw rune bytes and printable ASCII is syntax ($'…', and fish's
// quotes): a rune written raw must not leave a hazard pair right before
// such a byte, or before the end, where a closing quote follows.
func (st *textState) guarded(s string, i int) (k escape, size int, afterHigh bool) {
	prevHigh := st.high
	k, size, afterHigh = st.next(s, i)
	if k == escRaw && size > 1 && runeHazard(s, i+size) {
		// Written in octal, the rune starts with a backslash, which must
		// not follow a raw byte ≥ 0x80 either (found by
		// TestBuilderProperty: é then ¡0 gave é\302).
		st.high, st.base = false, false
		return escOctal, size, prevHigh
	}
	return k, size, afterHigh
}

// runeHazard reports whether a rune written raw and ending at s[j] would
// leave a hazard pair before a syntax byte: its last two bytes are one and
// syntax follows, or its last byte and a digit are one and syntax follows
// the digit.
func runeHazard(s string, j int) bool {
	return hazardPair(s[j-2], s[j-1]) && syntaxAt(s, j) ||
		j < len(s) && hazardPair(s[j-1], s[j]) && syntaxAt(s, j+1)
}

// syntaxAt reports whether what $'…' or fish's quotes write for s[j] may
// start with a byte of syntax: the closing quote at the end, a backslash
// escape for \, ' and control bytes, and, to be safe, anything ≥ 0x80,
// which may be escaped.
func syntaxAt(s string, j int) bool {
	if j >= len(s) {
		return true
	}
	c := s[j]
	return c < 0x20 || c >= 0x7f || c == '\\' || c == '\''
}

// bashAsPOSIX reports whether Bash writes s as POSIX does: a command word
// that needs no $'…' (bash's backslashes would not stop a reserved word),
// or a string that bash would write with backslashes where a hazard pair
// stands before an escape or at the end, which no backslash form can
// avoid.
func bashAsPOSIX(s string, first bool) bool {
	if needsANSIC(s) {
		return false
	}
	if first && commandWord(s) {
		return true
	}
	for i := 1; i < len(s); i++ {
		if hazardPair(s[i-1], s[i]) && (i+1 == len(s) || bashEscapes(s, i+1)) {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func bashLen(s string) int {
	if s == "" {
		return 2
	}
	if needsANSIC(s) {
		return ansicLen(s)
	}
	n := len(s)
	high := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if bashEscapes(s, i) {
			n++
			if high {
				n++ // 'c' or "'" instead of \c
			}
		}
		high = c >= utf8.RuneSelf
	}
	return n
}

func appendBash(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "''"...)
	}
	if needsANSIC(s) {
		return appendANSIC(dst, s)
	}
	high := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case !bashEscapes(s, i):
			dst = append(dst, c)
		case !high:
			dst = append(dst, '\\', c)
		case c == '\'':
			dst = append(dst, `"'"`...)
		default:
			dst = append(dst, '\'', c, '\'')
		}
		high = c >= utf8.RuneSelf
	}
	return dst
}

// bashEscapes reports whether printf %q puts a backslash before s[i]: a byte
// of its table, # where it would start a comment, and ~ where it would be
// expanded (at the start, and after : or = as in assignments).
func bashEscapes(s string, i int) bool {
	switch c := s[i]; c {
	case '#':
		return i == 0
	case '~':
		return i == 0 || s[i-1] == ':' || s[i-1] == '='
	default:
		return byteClass[c]&escBash != 0
	}
}

// ansicEscape holds the letter escapes bash's ansic_quote uses; other
// control bytes, DEL and bytes that are not part of a rune shown raw are
// written as three octal digits.
var ansicEscape = [utf8.RuneSelf]byte{
	'\a': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r',
	0x1b: 'E', '\\': '\\', '\'': '\'',
}

func ansicLen(s string) int {
	n := len("$''")
	var st textState
	for i := 0; i < len(s); {
		k, size, afterHigh := st.guarded(s, i)
		if afterHigh {
			n += len("'$'")
		}
		switch k {
		case escRaw:
			n += size
		case escLetter:
			n += 2
		case escOctal:
			n += 4 * size
		}
		i += size
	}
	return n
}

func appendANSIC(dst []byte, s string) []byte {
	dst = append(dst, "$'"...)
	var st textState
	for i := 0; i < len(s); {
		k, size, afterHigh := st.guarded(s, i)
		if afterHigh {
			dst = append(dst, "'$'"...)
		}
		switch k {
		case escRaw:
			dst = append(dst, s[i:i+size]...)
		case escLetter:
			dst = append(dst, '\\', ansicEscape[s[i]])
		case escOctal:
			for _, b := range []byte(s[i : i+size]) {
				dst = appendOctal(dst, b)
			}
		}
		i += size
	}
	return append(dst, '\'')
}

func appendOctal(dst []byte, c byte) []byte {
	return append(dst, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
}
