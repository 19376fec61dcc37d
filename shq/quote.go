package shq

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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
	if d == POSIX {
		return quotePOSIX(s)
	}
	if d == Login {
		return quoteLogin(s)
	}
	if !d.valid() {
		return "", &dialectError{d}
	}
	n, err := d.quotedLen(s, false)
	if err != nil {
		err.Index = -1
		return "", err
	}
	switch {
	case n == len(s):
		return s, nil
	case s == "":
		return "''", nil
	}
	return unsafeString(d.appendQuoted(make([]byte, 0, n), s, false)), nil
}

// quotePOSIX is POSIX.Quote, the common case, written out: one table scan
// for a safe string, and for any other a NUL scan, a count of quote runs
// and one exact-size buffer, filled in one pass.
func quotePOSIX(s string) (string, error) {
	i := safePrefix(s, safePOSIX)
	if i == len(s) && s != "" {
		return s, nil
	}
	return quotePOSIXFrom(s, i)
}

// quotePOSIXFrom quotes s, whose first byte outside the safe set is s[i].
func quotePOSIXFrom(s string, i int) (string, error) {
	if s == "" {
		return "''", nil
	}
	if j := strings.IndexByte(s[i:], 0); j >= 0 {
		return "", &QuoteError{Index: -1, Offset: i + j, Err: ErrNUL}
	}
	n := posixLen(s)
	b := make([]byte, n)
	if n == len(s)+2 {
		// One run: no quote at all (the common case), or only quotes.
		q := byte('\'')
		if s[0] == '\'' {
			q = '"'
		}
		b[0], b[n-1] = q, q
		copy(b[1:], s)
	} else if len(s) <= 16 {
		fillPOSIXShort(b, s)
	} else {
		appendPOSIX(b[:0], s) // fills b exactly: it has room for all of it
	}
	return unsafeString(b), nil
}

// fillPOSIXShort is appendPOSIX for short strings, or for any string with
// room enough in b: one pass with no calls, opening a new run wherever a
// quote meets another byte. It returns the number of bytes written.
func fillPOSIXShort(b []byte, s string) int {
	w := 0
	var q byte // the quote of the open run
	for i := 0; i < len(s); i++ {
		want := byte('\'')
		if s[i] == '\'' {
			want = '"'
		}
		if want != q {
			if q != 0 {
				b[w] = q
				w++
			}
			b[w] = want
			w++
			q = want
		}
		b[w] = s[i]
		w++
	}
	b[w] = q
	return w + 1
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
	}
	switch d {
	case Bash:
		if first && commandWord(s) && !needsANSIC(s) {
			return posixLen(s), nil
		}
		if i == len(s) && s != "" {
			return len(s), nil
		}
		return bashLen(s), nil
	case Fish:
		if first && fishKeywords[s] {
			return 0, &QuoteError{Err: ErrKeyword}
		}
		if i == len(s) && s != "" {
			return len(s), nil
		}
		return fishLen(s), nil
	case Login:
		return loginQuotedLen(s, i, first)
	default:
		if i == len(s) && s != "" && !(first && commandWord(s)) {
			return len(s), nil
		}
		return posixLen(s), nil
	}
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

// appendQuoted appends the quoting of s that quotedLen measured, for an s
// that quotedLen found needs quoting: s has no NUL byte and d is valid.
func (d Dialect) appendQuoted(dst []byte, s string, first bool) []byte {
	switch d {
	case Bash:
		if first && commandWord(s) && !needsANSIC(s) {
			return appendPOSIX(dst, s)
		}
		return appendBash(dst, s)
	case Fish:
		return appendFish(dst, s)
	case Login:
		return appendLogin(dst, s)
	default:
		return appendPOSIX(dst, s)
	}
}

// POSIX: 'text' for every run of bytes other than ', and "''" for every run
// of '. No backslash appears anywhere: in Shift_JIS locales yash has no
// backslash at all (byte 0x5C is YEN SIGN there), so 'it'\''s' is a syntax
// error while 'it'"'"'s' works. No two single-quoted runs touch, and no empty
// '' is written except for the empty string, so zsh's rcquotes option
// (where '' inside quotes is a quote) does not change the reading.

func posixLen(s string) int {
	if s == "" {
		return 2
	}
	n := len(s) + 2
	q := strings.IndexByte(s, '\'')
	if q < 0 {
		return n
	}
	if len(s) <= 16 {
		// Short strings: one pass from the first quote, each change
		// between ' and other bytes starts a new run. Cheaper here than
		// more calls to IndexByte.
		for i := max(q, 1); i < len(s); i++ {
			if (s[i] == '\'') != (s[i-1] == '\'') {
				n += 2
			}
		}
		return n
	}
	for s = s[quoteRun(s):]; s != ""; s = s[quoteRun(s):] {
		n += 2
	}
	return n
}

func appendPOSIX(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, "''"...)
	}
	for s != "" {
		seg := quoteRun(s)
		q := byte('\'')
		if s[0] == '\'' {
			q = '"'
		}
		dst = append(dst, q)
		dst = append(dst, s[:seg]...)
		dst = append(dst, q)
		s = s[seg:]
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

// Bash: bash's printf %q (bash 5.2, lib/sh/shquote.c), with one change for
// safety. bash writes $'…' when the string has a byte that is not printable
// (ansic_shouldquote), and backslash escapes otherwise (sh_backslash_quote).
// The change: in GBK, Big5 and Shift_JIS a byte ≥ 0x80 followed by 0x5C is
// one character to bash and ksh93, so a backslash written right after a raw
// byte ≥ 0x80 would stop escaping and let the next byte act (bash turns €;id
// into €\;id, and in GBK id runs). Such an escape is written differently:
// 'c' or "'" instead of \c, and '$' (close and reopen) before an escape
// inside $'…'. Bash itself never writes a raw byte ≥ 0x80 for input with no
// valid multi-byte sequence, so the output is still bash's for such input.

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
		k, size, afterHigh := st.next(s, i)
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
		k, size, afterHigh := st.next(s, i)
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

// Fish: fish 3 reads \\ and \' as escapes inside '…' and nothing else, so
// printable text goes inside single quotes with those two escaped. Control
// bytes, bytes that are not UTF-8 and runes that are not displayable go
// outside the quotes as fish escapes: \n and friends, \xHH for the rest of
// ASCII, \XHH for a raw byte ≥ 0x80. Fish would drop a raw \r and can lose
// U+2028, so neither is ever written raw.

// fishEscape holds the letter escapes fish knows outside quotes.
var fishEscape = [utf8.RuneSelf]byte{
	'\a': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', 0x1b: 'e',
}

// fishNext decides how Fish writes the rune at s[i]: escRaw inside the
// quotes (with \\ and \' escaped there), or outside them escLetter (\n)
// or escOctal (\xHH for ASCII, \XHH for each byte ≥ 0x80). It shares
// textState with $'…', but only base matters here: nothing fish writes
// after a raw byte ≥ 0x80 starts with a backslash outside single quotes.
func fishNext(st *textState, s string, i int) (escape, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		st.high = false
		switch {
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
	k, size, _ := st.next(s, i)
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
