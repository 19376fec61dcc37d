package shq

import "unicode/utf8"

// Fish: fish 3 reads \\ and \' as escapes inside '…' and nothing else, so
// printable text goes inside single quotes with those two escaped. Control
// bytes, bytes that are not UTF-8 and runes that are not displayable go
// outside the quotes as fish escapes: \n and friends, \xHH for the rest of
// ASCII, \XHH for a raw byte ≥ 0x80. Fish would drop a raw \r and can lose
// U+2028, so neither is ever written raw.
//
// The multi-byte rule: fish decodes its script in the locale, so \\ or \'
// right after a raw rune would lose its backslash in GBK; those two are then
// written outside the quotes, after the closing one. A rune whose raw bytes
// would leave a hazard pair before a quote or backslash is written as \XHH.

// fishEscape holds the letter escapes fish knows outside quotes.
var fishEscape = [utf8.RuneSelf]byte{
	'\a': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', 0x1b: 'e',
	'\\': '\\', '\'': '\'',
}

// fishNext decides how Fish writes the rune at s[i]: escRaw inside the
// quotes (with \\ and \' escaped there), or outside them escLetter (\n,
// and \\ or \' right after a raw rune) or escOctal (\xHH for ASCII, \XHH
// for each byte ≥ 0x80).
func fishNext(st *textState, s string, i int) (escape, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		high := st.high
		st.high = false
		switch {
		case c == '\\' && i > 0 && s[i-1] >= utf8.RuneSelf:
			// fish in JOHAB drops a backslash read from \\ after a
			// byte ≥ 0x80 (0x5C is WON SIGN there); written \x5c, a
			// byte escape, it arrives.
			st.base = false
			return escOctal, 1
		case c == '\\' || c == '\'':
			st.base = false
			if high {
				return escLetter, 1
			}
			return escRaw, 1
		case fishEscape[c] != 0:
			st.base = false
			return escLetter, 1
		case c < 0x20 || c == 0x7f:
			st.base = false
			return escOctal, 1
		}
		st.base = isAlnum(c)
		return escRaw, 1
	}
	k, size, _ := st.guarded(s, i)
	if k == escRaw && i+size < len(s) && s[i+size] == '\\' {
		// The same JOHAB loss after a raw rune: both are escaped.
		st.high, st.base = false, false
		k = escOctal
	}
	return k, size
}

func fishLen(s string) int {
	if s == "" {
		return 2
	}
	n := 0
	quoted := false
	var st textState
	for i := 0; i < len(s); {
		k, size := fishNext(&st, s, i)
		if (k == escRaw) != quoted {
			quoted = !quoted
			if quoted {
				n += 2 // the opening quote and the closing one
			}
		}
		switch {
		case k == escRaw && (s[i] == '\\' || s[i] == '\''):
			n += 2
		case k == escRaw:
			n += size
		case k == escLetter:
			n += 2
		default:
			n += 4 * size
		}
		i += size
	}
	return n
}

func appendFish(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "''"...)
	}
	quoted := false
	var st textState
	for i := 0; i < len(s); {
		k, size := fishNext(&st, s, i)
		if (k == escRaw) != quoted {
			dst = append(dst, '\'')
			quoted = !quoted
		}
		c := s[i]
		switch {
		case k == escRaw && (c == '\\' || c == '\''):
			dst = append(dst, '\\', c)
		case k == escRaw:
			dst = append(dst, s[i:i+size]...)
		case k == escLetter:
			dst = append(dst, '\\', fishEscape[c])
		case c < utf8.RuneSelf:
			dst = append(dst, '\\', 'x', hexDigit[c>>4], hexDigit[c&15])
		default:
			for _, b := range []byte(s[i : i+size]) {
				dst = append(dst, '\\', 'X', hexDigit[b>>4], hexDigit[b&15])
			}
		}
		i += size
	}
	if quoted {
		dst = append(dst, '\'')
	}
	return dst
}

const hexDigit = "0123456789abcdef"
