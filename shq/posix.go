package shq

import "strings"

// POSIX: 'text' for every run of bytes other than ', and "''" for every run
// of '. No backslash appears anywhere: in Shift_JIS locales yash has no
// backslash at all (byte 0x5C is YEN SIGN there), so 'it'\''s' is a syntax
// error while 'it'"'"'s' works. No two single-quoted runs touch, and no empty
// '' is written except for the empty string, so zsh's rcquotes option
// (where '' inside quotes is a quote) does not change the reading.
//
// The multi-byte rule: a run whose last two bytes are a hazard pair would
// have its closing quote read as part of a character in GB18030 or EUC-TW,
// so the tail that hazardTail names is written after the run instead: a
// digit as it is (digits mean nothing unquoted), a byte A1-B0 in double
// quotes. Nothing is written after such a tail inside the same quotes, so
// its last byte is never the first of a hazard pair either.

// posixLen returns the length of appendPOSIX's output for s.
func posixLen(s string) int {
	if s == "" {
		return 2
	}
	n := len(s)
	for s != "" {
		k := quoteRun(s)
		n += 2
		if s[0] != '\'' {
			n += tailExtra(s[:k])
		}
		s = s[k:]
	}
	return n
}

// appendPOSIX appends the POSIX quoting of s, which posixLen measures.
func appendPOSIX(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "''"...)
	}
	for s != "" {
		k := quoteRun(s)
		run := s[:k]
		s = s[k:]
		if run[0] == '\'' {
			dst = append(dst, '"')
			dst = append(dst, run...)
			dst = append(dst, '"')
			continue
		}
		t := len(run) - hazardTail(run)
		dst = append(dst, '\'')
		dst = append(dst, run[:t]...)
		dst = append(dst, '\'')
		dst = appendTail(dst, run[t:])
	}
	return dst
}

// quoteRun returns the length of the run at the start of s: the bytes up to
// the next ', or the ' bytes up to the next other byte.
func quoteRun(s string) int {
	if s[0] != '\'' {
		if i := strings.IndexByte(s, '\''); i >= 0 {
			return i
		}
		return len(s)
	}
	i := 1
	for i < len(s) && s[i] == '\'' {
		i++
	}
	return i
}
