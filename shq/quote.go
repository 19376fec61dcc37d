package shq

import (
	"slices"
	"strings"
	"unsafe"
)

// Byte classes. Each safe set holds the bytes that mean nothing to any shell
// of the dialect wherever they stand in a word, so a word made only of them
// is returned unchanged. The sets were derived by running every printable
// byte unquoted at the start, middle and end of a word through every shell
// of the dialect's matrix (see quote_shell_test.go), and they are kept small
// on purpose: a byte is listed only with the reason it is harmless.
//
//	A-Z a-z 0-9  never special.
//	_ - . /      never syntax. A leading - makes an option, but that is the
//	             program's reading, not the shell's: the command builder
//	             refuses option-shaped values.
//	,            separates alternatives only inside {…}, and braces are never
//	             safe.
//	:            lets ~ expand after it in assignments, but ~ is never safe.
//	@ +          start ksh and extglob patterns only before (, never safe.
//	%            POSIX only: an argument like %1 is read by fg and kill, not
//	             by the parser. As a command name zsh runs fg %1 for it, so
//	             Join quotes a first word starting with %. In fish, %self
//	             at the start of a word expands.
//
// Left out on purpose: = (=cmd expands in zsh, NAME=v in command position is
// an assignment, fish reads a=b cmd as a variable override), ~ # ^ ! and
// everything else that has a meaning somewhere.
const (
	safePOSIX = 1 << iota
	safeFish
	// plainBash marks bytes that bash's printf %q copies as they are.
	// # and ~ are copied too, except where the code below says.
	plainBash
	// escBash marks the bytes that bash's printf %q escapes with a
	// backslash wherever they stand (its bstab table).
	escBash
	safeLogin // see login.go
)

var byteClass = func() (t [256]uint8) {
	for c := range 256 {
		b := byte(c)
		switch {
		case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9',
			strings.IndexByte("_-./:@+", b) >= 0:
			t[c] = safePOSIX | safeFish | plainBash | safeLogin
		case b == ',':
			t[c] = safePOSIX | safeFish | escBash | safeLogin
		case b == '%':
			t[c] = safePOSIX | plainBash
		case b == '=':
			t[c] = plainBash
		case strings.IndexByte(" !\"$&'()*;<>?[\\]^`{|}\t\n", b) >= 0:
			t[c] = escBash
		}
	}
	return t
}()

// Quote returns s quoted as one POSIX shell word. It is POSIX.Quote(s).
func Quote(s string) (string, error) { return quotePOSIX(s) }

// AppendQuote appends the POSIX quoting of s to dst, as Quote returns it.
// On error dst is returned unchanged.
func AppendQuote(dst []byte, s string) ([]byte, error) { return POSIX.AppendQuote(dst, s) }

// NeedsQuoting reports whether Quote would change s. It is
// POSIX.NeedsQuoting(s).
func NeedsQuoting(s string) bool { return POSIX.NeedsQuoting(s) }

// Quote returns a word that every shell of the dialect expands to exactly one
// field holding the bytes of s: no expansion of any kind happens. A string
// made only of bytes from the dialect's safe set is returned unchanged
// without allocating; otherwise the result is allocated once, at its exact
// size. The empty string becomes a pair of single quotes.
//
// The result is a whole word, not a fragment to glue to other quoted text.
// A NUL byte cannot be carried by any shell word: s with one is refused
// with a *QuoteError wrapping ErrNUL.
func (d Dialect) Quote(s string) (string, error) {
	switch d {
	case POSIX:
		return quotePOSIX(s)
	case Login:
		return quoteLogin(s)
	}
	if !d.valid() {
		return "", &dialectError{d}
	}
	n, err := d.quotedLen(s, false)
	switch {
	case err != nil:
		err.Index = -1
		return "", err
	case n == len(s):
		return s, nil
	case s == "":
		return "''", nil // a constant: no allocation
	}
	return unsafeString(d.appendQuoted(make([]byte, 0, n), s, false)), nil
}

// AppendQuote appends the dialect's quoting of s to dst, as Quote returns it,
// growing dst at most once. On error dst is returned unchanged.
func (d Dialect) AppendQuote(dst []byte, s string) ([]byte, error) {
	if !d.valid() {
		return dst, &dialectError{d}
	}
	n, err := d.quotedLen(s, false)
	if err != nil {
		err.Index = -1
		return dst, err
	}
	if n == len(s) {
		return append(dst, s...), nil
	}
	dst = slices.Grow(dst, n)
	return d.appendQuoted(dst, s, false), nil
}

// NeedsQuoting reports whether Quote would change s: s is empty, or holds a
// byte that means something to some shell of the dialect. It is true for any
// string with a NUL byte, and for every string if d is not a dialect.
func (d Dialect) NeedsQuoting(s string) bool {
	if !d.valid() {
		return true
	}
	n, err := d.quotedLen(s, false)
	return err != nil || n != len(s)
}

// unsafeString returns b as a string without copying. b must not be
// changed afterwards: callers pass a buffer they made and then drop.
// strings.Builder does the same.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// quotedLen returns the exact length of the quoting of s, which is len(s)
// exactly when s is returned unchanged. first asks for the quoting of a
// command name (see Join). d must be valid. The returned error has no Index
// yet.
func (d Dialect) quotedLen(s string, first bool) (int, *QuoteError) {
	// The common case, a string of safe bytes, costs one table scan: NUL is
	// never safe, so it is looked for only past the first unsafe byte.
	i := safePrefix(s, plainClass[d])
	if i < len(s) {
		if j := strings.IndexByte(s[i:], 0); j >= 0 {
			return 0, &QuoteError{Offset: i + j, Err: ErrNUL}
		}
	} else if s != "" && !(first && d.commandWord(s)) {
		return len(s), nil
	}
	switch d {
	case Bash:
		if bashAsPOSIX(s, first) {
			return posixLen(s), nil
		}
		return bashLen(s), nil
	case Fish:
		if first && fishKeywords[s] {
			return 0, &QuoteError{Err: ErrKeyword}
		}
		return fishLen(s), nil
	case Login:
		return loginQuotedLen(s, first)
	}
	return posixLen(s), nil
}

// appendQuoted appends the quoting of s that quotedLen measured, for an s
// that quotedLen found needs quoting: s has no NUL byte and d is valid.
func (d Dialect) appendQuoted(dst []byte, s string, first bool) []byte {
	switch {
	case d == Fish:
		return appendFish(dst, s)
	case d == Login:
		return appendLogin(dst, s)
	case d == Bash && !bashAsPOSIX(s, first):
		return appendBash(dst, s)
	}
	return appendPOSIX(dst, s)
}

// commandWord reports whether a string of safe bytes needs more than itself
// in command position: POSIX, Bash and Login quote it, Fish refuses it
// (and Login refuses the fish keywords).
func (d Dialect) commandWord(s string) bool {
	switch d {
	case Fish:
		return fishKeywords[s]
	case Login:
		return fishKeywords[s] || loginCommandWords[s]
	}
	return commandWord(s)
}

// plainClass is the class of bytes each dialect leaves as they are
// wherever they stand.
var plainClass = [numDialects]uint8{POSIX: safePOSIX, Bash: plainBash, Fish: safeFish, Login: safeLogin}

// safePrefix returns the length of the longest prefix of s made of bytes of
// class c. It is kept out of line on purpose: inlined into its callers the
// loop ran at half the speed (BenchmarkQuote/in=safe64k).
//
//go:noinline
func safePrefix(s string, c uint8) int {
	// Four bytes at a time while they are all safe: one test for four
	// table loads.
	i := 0
	for ; len(s)-i >= 4; i += 4 {
		t := s[i : i+4]
		if byteClass[t[0]]&byteClass[t[1]]&byteClass[t[2]]&byteClass[t[3]]&c == 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if byteClass[s[i]]&c == 0 {
			return i
		}
	}
	return len(s)
}
