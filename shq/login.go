package shq

import (
	"errors"
	"strings"
)

// Sentinel errors of the Login dialect: what no encoding carries through
// every login shell.
var (
	// ErrNewline reports a newline byte in a Login word. No quoting carries
	// one through both shell families: csh and tcsh end a command at a
	// newline even inside quotes ("Unmatched '."), and the backslash-newline
	// they accept is a line continuation, an empty string, in the POSIX
	// shells.
	ErrNewline = errors.New("newline cannot be carried by a word for an unknown login shell")

	// ErrLoginLength reports a Login word whose quoted form is longer than
	// LoginMaxWord bytes: csh (bsd-csh) stops with "Word too long." past
	// 8187 bytes of one word as written in the line.
	ErrLoginLength = errors.New("quoted word longer than csh reads")
)

// LoginMaxWord is the longest quoted word Login writes. bsd-csh reads a
// word of at most 8187 bytes as it stands in the line, quotes and
// backslashes included ("Word too long." from 8188 on; tcsh reads 131061);
// the limit keeps 187 bytes of margin below that.
const LoginMaxWord = 8000

// Login: every byte inside single quotes except three, each written outside
// them: ' as "'", \ as \\ and ! as \! ('it'"'"'s', 'a'\\'b', 'a'\!'b').
// Inside '…' fish reads \\ and \' as escapes and csh reads ! as history
// expansion, so those bytes never stand there; outside the quotes \\ and \!
// mean \ and ! to all eleven shells. (yash in Shift_JIS locales has no
// backslash at all, byte 0x5C being YEN SIGN there: it reads \\ and \! as
// two bytes. No encoding avoids it, since csh needs \! and fish \\.)
//
// The multi-byte rule: the only syntax bytes Login writes right after a
// byte of the value are closing quotes, and a closing quote never follows
// a pair [81-FE][30-39] (GB18030) or 8E [A1-B0] (EUC-TW), which would
// swallow it: the digit moves out after the quote ('中'0), the byte A1-B0
// into double quotes ('…\x8e'"\xa1"). An escaping backslash is written only
// after a quote, a backslash or nothing, never after a byte ≥ 0x80.

// Classes of loginClass.
const (
	loginEsc    = 1 << iota // ' \ !: written outside the quotes
	loginRefuse             // NUL, newline
	loginHigh               // >= 0x80: may begin a multi-byte tail
	loginUnsafe             // outside the Login safe set

	loginStops = loginEsc | loginRefuse // the bytes that end a quoted run
)

var loginClass = func() (t [256]uint8) {
	t['\''], t['\\'], t['!'] = loginEsc, loginEsc, loginEsc
	t[0], t['\n'] = loginRefuse, loginRefuse
	for c := 0x80; c < 0x100; c++ {
		t[c] = loginHigh
	}
	for c := range t {
		if byteClass[c]&safeLogin == 0 {
			t[c] |= loginUnsafe
		}
	}
	return t
}()

// loginCommandWords are the words Login quotes in command position even
// when they need no quoting elsewhere: Join's command words for the POSIX
// shells, and the builtins and keywords of csh and tcsh, which those shells
// do not recognise once quoted (measured: a quoted 'set' or 'if' runs the
// program of that name from PATH in both).
var loginCommandWords = func() map[string]bool {
	m := setOf(":", "@", "alias", "alloc", "bg", "bindkey", "break", "breaksw",
		"builtins", "case", "cd", "chdir", "complete", "continue", "default",
		"dirs", "echo", "echotc", "else", "end", "endif", "endsw", "eval", "exec",
		"exit", "fg", "filetest", "foreach", "glob", "goto", "hashstat", "history",
		"hup", "if", "jobs", "kill", "limit", "log", "login", "logout", "ls-F",
		"nice", "nohup", "notify", "onintr", "popd", "printenv", "pushd", "rehash",
		"repeat", "sched", "set", "setenv", "settc", "setty", "shift", "source",
		"stop", "suspend", "switch", "telltc", "termname", "time", "umask",
		"unalias", "uncomplete", "unhash", "unlimit", "unset", "unsetenv", "wait",
		"where", "which", "while")
	for w := range commandWords {
		m[w] = true
	}
	return m
}()

// quoteLogin is Login.Quote, with the short paths of quotePOSIX. A string
// of up to loginLong bytes is classed in one pass with no call: a safe one
// is returned as it is, one quoted run with nothing to move is copied into
// its exact buffer (2.1x on BenchmarkQuote/in=space/d=login when it was
// measured: 147 ns against 311), and one of up to posixShortMax bytes with
// no byte >= 0x80 is filled by index (fillLoginShort: 1.9x on in=quote,
// one run: 112 ns against 215 for loginLen and appendLogin). Any other is
// measured by loginLen and written by appendLogin, which starts from the
// searches loginLen made.
func quoteLogin(s string) (string, error) {
	if s == "" {
		return "''", nil // a constant: no allocation
	}
	if len(s) <= loginLong {
		// One class pass over all of s, with no call, as quotePOSIX.
		m := loginClassOf(s)
		switch {
		case m&loginUnsafe == 0:
			return s, nil
		case m&loginRefuse != 0:
			// Refused by loginLen below.
		case m&loginEsc == 0 && (m&loginHigh == 0 || hazardTail(s) == 0):
			// One run and nothing to move: copied.
			b := make([]byte, len(s)+2)
			b[0], b[len(b)-1] = '\'', '\''
			copy(b[1:], s)
			return unsafeString(b), nil
		case m&loginHigh == 0 && len(s) <= posixShortMax:
			return unsafeString(fillLoginShort(s)), nil
		}
	} else if safePrefix(s, safeLogin) == len(s) {
		return s, nil
	}
	f := newLoginFinder(s)
	n, err := loginLenFrom(s, &f)
	if err != nil {
		err.Index = -1
		return "", err
	}
	if n == len(s)+2 && hazardTail(s) == 0 {
		// One run with nothing outside the quotes: with no tail to move,
		// only that adds exactly 2 bytes to a string of 3 bytes or more.
		b := make([]byte, n)
		b[0], b[n-1] = '\'', '\''
		copy(b[1:], s)
		return unsafeString(b), nil
	}
	return unsafeString(appendLoginFrom(make([]byte, 0, n), s, f)), nil
}

// loginClassOf returns the union of the loginClass classes of the bytes of
// s, four bytes at a time.
func loginClassOf(s string) uint8 {
	var m0, m1 uint8
	for len(s) >= 4 {
		m0 |= loginClass[s[0]] | loginClass[s[1]]
		m1 |= loginClass[s[2]] | loginClass[s[3]]
		s = s[4:]
	}
	for i := 0; i < len(s); i++ {
		m0 |= loginClass[s[i]]
	}
	return m0 | m1
}

// fillLoginShort returns the Login quoting of a short s that needs quoting
// and holds no NUL, newline or byte >= 0x80 (so no multi-byte tail): one
// pass measures it, a second fills the exact buffer by index.
func fillLoginShort(s string) []byte {
	n, prevEsc := len(s), true
	for i := 0; i < len(s); i++ {
		esc := loginClass[s[i]]&loginEsc != 0
		switch {
		case esc && s[i] == '\'':
			n += 2
		case esc:
			n++
		case prevEsc:
			n += 2 // a run opens
		}
		prevEsc = esc
	}
	b := make([]byte, n)
	w, open := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if loginClass[c]&loginEsc == 0 {
			if !open {
				b[w] = '\''
				w++
				open = true
			}
			b[w] = c
			w++
			continue
		}
		if open {
			b[w] = '\''
			w++
			open = false
		}
		if c == '\'' {
			b[w], b[w+1], b[w+2] = '"', '\'', '"'
			w += 3
			continue
		}
		b[w], b[w+1] = '\\', c
		w += 2
	}
	if open {
		b[w] = '\''
	}
	return b
}

// loginQuotedLen is quotedLen for Login, for an s with no NUL byte that
// needs quoting: it refuses a fish keyword in command position, and what
// loginLen refuses.
func loginQuotedLen(s string, first bool) (int, *QuoteError) {
	if first && fishKeywords[s] {
		return 0, &QuoteError{Err: ErrKeyword}
	}
	return loginLen(s)
}

// loginLen returns the length of appendLogin's output for s, or the
// refusal: a NUL byte, a newline, or an output longer than LoginMaxWord.
func loginLen(s string) (int, *QuoteError) {
	f := newLoginFinder(s)
	return loginLenFrom(s, &f)
}

// loginLenFrom is loginLen with the finder of s, which it leaves as it was
// after its first search, from the start of s: appendLoginFrom can start
// from there without searching again.
func loginLenFrom(s string, start *loginFinder) (int, *QuoteError) {
	if s == "" {
		return 2, nil
	}
	f := *start
	if f.long {
		// The finder looks for ' \ and ! only.
		if j := strings.IndexByte(s, 0); j >= 0 {
			return 0, &QuoteError{Offset: j, Err: ErrNUL}
		}
		if j := strings.IndexByte(s, '\n'); j >= 0 {
			return 0, &QuoteError{Offset: j, Err: ErrNewline}
		}
	}
	n := len(s)
	for i := 0; ; {
		j := f.next(s, i)
		if i == 0 {
			*start = f
		}
		if j > i {
			n += 2 + tailExtra(s[i:j])
		}
		i = j
		if i == len(s) {
			break
		}
		switch s[i] {
		case 0, '\n':
			if j := strings.IndexByte(s, 0); j >= 0 {
				return 0, &QuoteError{Offset: j, Err: ErrNUL} // NUL first, as in Join
			}
			return 0, &QuoteError{Offset: i, Err: ErrNewline}
		case '\'':
			k := quoteRunLen(s[i:])
			n += 2 * k
			i += k
			continue
		default: // \ !
			n++
		}
		i++
	}
	if n > LoginMaxWord {
		return 0, loginTooLong(s)
	}
	return n, nil
}

// loginLong is the length from which loginFinder finds the bytes that end a
// quoted run with strings.IndexByte instead of testing each byte: with the
// quote runs counted eight bytes at a time it makes Login Quote 1.9x faster
// on bench's text4k and 5.7x on its quotes1k (BenchmarkQuote/d=login, one
// run: 6.7 µs against 12.7, 3.9 µs against 22.2).
const loginLong = 64

// A loginFinder finds, in a string s, the next byte at which a quoted run
// of Login ends. In a string of loginLong bytes or more, which the caller
// has checked holds no NUL and no newline, it keeps the position of the
// next ', \ and ! found with IndexByte (len(s) for none) and looks again
// for one kind only once the position passes it; in a shorter string it
// tests each byte (loginStop).
type loginFinder struct {
	long    bool
	q, b, e int // the next ' \ ! at or after where each was looked for
}

func newLoginFinder(s string) loginFinder {
	return loginFinder{long: len(s) >= loginLong, q: -1, b: -1, e: -1}
}

// next returns the position of the first byte at or after i that ends a
// quoted run, or len(s).
func (f *loginFinder) next(s string, i int) int {
	if !f.long {
		return i + loginStop(s[i:])
	}
	if f.q < i {
		f.q = indexFrom(s, i, '\'')
	}
	if f.b < i {
		f.b = indexFrom(s, i, '\\')
	}
	if f.e < i {
		f.e = indexFrom(s, i, '!')
	}
	return min(f.q, f.b, f.e)
}

// indexFrom returns the position of the first c in s at or after i, or
// len(s).
func indexFrom(s string, i int, c byte) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

// quoteRunLen returns how many ' bytes s starts with, eight at a time.
func quoteRunLen(s string) int {
	k := 0
	for len(s)-k >= 8 && s[k:k+8] == "''''''''" {
		k += 8
	}
	for k < len(s) && s[k] == '\'' {
		k++
	}
	return k
}

// loginStop returns the length of the prefix of s that goes inside single
// quotes: the bytes up to the first ' \ ! newline or NUL. Like safePrefix
// it tests four bytes at a time.
func loginStop(s string) int {
	i := 0
	for ; len(s)-i >= 4; i += 4 {
		t := s[i : i+4]
		if (loginClass[t[0]]|loginClass[t[1]]|loginClass[t[2]]|loginClass[t[3]])&loginStops != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if loginClass[s[i]]&loginStops != 0 {
			return i
		}
	}
	return len(s)
}

// loginTooLong reports the offset of the first byte of s whose quoting
// ends past LoginMaxWord. It is the error path only: it writes the
// quoting of longer and longer prefixes' worth, one byte at a time, into
// a count.
func loginTooLong(s string) *QuoteError {
	lo, hi := 0, len(s) // the quoting of s[:lo] fits, that of s[:hi] does not
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if n, _ := loginLen(s[:m]); n > 0 && n <= LoginMaxWord {
			lo = m
		} else {
			hi = m
		}
	}
	return &QuoteError{Offset: hi - 1, Err: ErrLoginLength}
}

// appendLogin appends the Login quoting of s, which loginLen accepted.
func appendLogin(dst []byte, s string) []byte {
	return appendLoginFrom(dst, s, newLoginFinder(s))
}

// appendLoginFrom is appendLogin with a finder of s that has searched from
// its start at most (see loginLenFrom).
func appendLoginFrom(dst []byte, s string, f loginFinder) []byte {
	if s == "" {
		return append(dst, "''"...)
	}
	for i := 0; ; {
		j := f.next(s, i)
		if j > i {
			dst = appendLoginRun(dst, s[i:j])
		}
		i = j
		if i == len(s) {
			return dst
		}
		switch s[i] {
		case '\'':
			k := quoteRunLen(s[i:])
			i += k
			for ; k > 0; k -= len(loginQuotes) / 3 {
				dst = append(dst, loginQuotes[:3*min(k, len(loginQuotes)/3)]...)
			}
			continue
		case '\\':
			dst = append(dst, `\\`...)
		default: // !
			dst = append(dst, `\!`...)
		}
		i++
	}
}

// loginQuotes is the quoting of a run of 256 ' bytes, which appendLogin
// copies a piece of at a time.
var loginQuotes = strings.Repeat(`"'"`, 256)

// appendLoginRun writes run, which holds no ' \ or !, in single quotes,
// with the multi-byte fix of POSIX.
func appendLoginRun(dst []byte, run string) []byte {
	k := len(run) - hazardTail(run)
	dst = append(dst, '\'')
	dst = append(dst, run[:k]...)
	dst = append(dst, '\'')
	return appendTail(dst, run[k:])
}
