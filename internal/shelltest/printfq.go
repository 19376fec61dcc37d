package shelltest

import "unicode/utf8"

// HasMultibyte reports whether s holds a valid multi-byte UTF-8 sequence.
// U+FFFD written out is one too: only a one-byte utf8.RuneError is invalid.
// For input without one, the Bash dialect is promised to be
// byte-identical to bash's printf %q under C.UTF-8; for input with one, to
// read back to the same bytes.
func HasMultibyte(s string) bool {
	for i := 0; i < len(s); {
		_, n := utf8.DecodeRuneInString(s[i:])
		if n > 1 {
			return true
		}
		i += n
	}
	return false
}
