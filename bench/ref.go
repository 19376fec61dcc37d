package bench

import (
	"regexp"
	"strings"
	"unsafe"
)

// refSafe marks the bytes that refQuote leaves unquoted: shq's POSIX safe
// set (A-Z a-z 0-9 _ - . / , : @ + %).
var refSafe = func() (t [256]bool) {
	for c := range 256 {
		b := byte(c)
		t[c] = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
			strings.IndexByte("_-./,:@+%", b) >= 0
	}
	return t
}()

// refQuote is the bench's reference: the plainest fast way to produce shq's
// POSIX output. A string of safe bytes is returned as it is; otherwise the
// single quotes are counted, one []byte of the exact size is made, and the
// text between quotes is copied with strings.IndexByte, each ' written as
// '"'"'. Runs of quotes are quoted one by one, so for input with adjacent
// quotes the output differs from shq's (which writes "”" for a run) but has
// the same length class and the same meaning. It does not check for NUL.
func refQuote(s string) string {
	safe := s != ""
	for i := 0; i < len(s); i++ {
		if !refSafe[s[i]] {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	n := strings.Count(s, "'")
	b := make([]byte, 0, len(s)+2+4*n)
	b = append(b, '\'')
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			break
		}
		b = append(b, s[:i]...)
		b = append(b, `'"'"'`...)
		s = s[i+1:]
	}
	b = append(b, s...)
	b = append(b, '\'')
	// Like shq, hand the buffer over without a second copy.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// pyFindUnsafe is Python's shlex._find_unsafe:
// re.compile(r'[^\w@%+=:,./-]', re.ASCII).search. Go's \w is ASCII-only.
var pyFindUnsafe = regexp.MustCompile(`[^\w@%+=:,./-]`)

// pyQuote is a port of Python's shlex.quote, the model for many ports.
func pyQuote(s string) string {
	if s == "" {
		return "''"
	}
	if !pyFindUnsafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}
