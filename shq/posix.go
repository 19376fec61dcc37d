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

// quotePOSIX is POSIX.Quote, the common case, with the checks of quotedLen
// done in fewer passes. A string of up to posixShortMax bytes is classed
// in one pass with no call (safe, NUL, quote, byte >= 0x80); a longer one
// after its safe prefix, with one IndexByte each for NUL and a quote. A
// string with no quote and no multi-byte tail is one run, copied into its
// exact buffer. Against the general path (quotedLen, then appendPOSIX) it
// is 2x faster on the short inputs of bench (BenchmarkQuote/d=posix, one
// run: space 68 ns against 134, unicode 89 against 211, ctrl 60 against
// 97); a short string with a quote and no byte >= 0x80 is filled by index
// (fillPOSIXShort): 1.5x on in=quote, 90 ns against 135 for the run loop
// of appendPOSIX in one run.
func quotePOSIX(s string) (string, error) {
	var nul, quote, high bool
	if len(s) <= posixShortMax {
		// One class pass over all of s, with no call.
		m := posixClassOf(s)
		switch {
		case m&posixUnsafe == 0 && s != "":
			return s, nil
		case s == "":
			return "''", nil // a constant: no allocation
		}
		nul, quote, high = m&posixNUL != 0, m&posixQuote != 0, m&posixHigh != 0
	} else if i := safePrefix(s, safePOSIX); i == len(s) {
		return s, nil
	} else {
		// Two IndexByte calls: faster than a class pass from about 32
		// bytes on. high is not needed past posixShortMax.
		nul, quote = strings.IndexByte(s[i:], 0) >= 0, strings.IndexByte(s, '\'') >= 0
	}
	switch {
	case nul:
		return "", &QuoteError{Index: -1, Offset: strings.IndexByte(s, 0), Err: ErrNUL}
	case !quote && hazardTail(s) == 0:
		// One run and nothing to move: fill the exact buffer.
		b := make([]byte, len(s)+2)
		b[0], b[len(b)-1] = '\'', '\''
		copy(b[1:], s)
		return unsafeString(b), nil
	case !high && len(s) <= posixShortMax:
		return unsafeString(fillPOSIXShort(s)), nil
	}
	return unsafeString(appendPOSIX(make([]byte, 0, posixLen(s)), s)), nil
}

// posixShortMax is the longest string the one-pass paths of Quote
// (quotePOSIX, quoteLogin) and Join take.
const posixShortMax = 32

// fillPOSIXShort returns the POSIX quoting of a short s with a quote and
// no byte >= 0x80, so no multi-byte tail: one pass measures it (each change
// between ' and other bytes opens a new run), fillPOSIX writes it into the
// exact buffer.
func fillPOSIXShort(s string) []byte {
	n, prev := len(s)+2, s[0] == '\''
	for i := 1; i < len(s); i++ {
		if q := s[i] == '\''; q != prev {
			n += 2
			prev = q
		}
	}
	b := make([]byte, n)
	fillPOSIX(b, s)
	return b
}

// fillPOSIX writes appendPOSIX's output for a non-empty s with no byte >=
// 0x80 into b, which has room for it, by index and with no call, and
// returns its length.
func fillPOSIX(b []byte, s string) int {
	w := 0
	var q byte // the quote of the open run
	for i := 0; i < len(s); i++ {
		c := s[i]
		want := byte('\'')
		if c == '\'' {
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
		b[w] = c
		w++
	}
	b[w] = q
	return w + 1
}

// posixLen returns the length of appendPOSIX's output for s.
func posixLen(s string) int {
	if s == "" {
		return 2
	}
	if len(s) <= 16 {
		// Short strings: one pass, each change between ' and other bytes
		// starts a new run; cheaper here than finding runs. A byte that
		// could begin a multi-byte tail sends s to the run loop.
		n, plain := len(s)+2, s[0] < 0x81
		for i := 1; i < len(s); i++ {
			if (s[i] == '\'') != (s[i-1] == '\'') {
				n += 2
			}
			plain = plain && s[i] < 0x81
		}
		if plain {
			return n
		}
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
		q := byte('\'')
		switch {
		case s[0] == '\'':
			q = '"'
		case hazardTail(s[:k]) != 0:
			dst = appendPOSIXRun(dst, s[:k])
			s = s[k:]
			continue
		}
		dst = append(dst, q)
		dst = append(dst, s[:k]...)
		dst = append(dst, q)
		s = s[k:]
	}
	return dst
}

// appendPOSIXRun appends a run of bytes other than ' in single quotes,
// with its multi-byte tail after them.
func appendPOSIXRun(dst []byte, run string) []byte {
	t := len(run) - hazardTail(run)
	dst = append(dst, '\'')
	dst = append(dst, run[:t]...)
	dst = append(dst, '\'')
	return appendTail(dst, run[t:])
}

// Classes of posixClassOf: what one pass over a string tells the POSIX
// paths of Quote and Join.
const (
	posixUnsafe = 1 << iota // outside the POSIX safe set
	posixQuote              // '
	posixNUL                // NUL
	posixHigh               // >= 0x80: may begin a multi-byte tail
)

var posixClass = func() (t [256]uint8) {
	for c := range t {
		if byteClass[c]&safePOSIX == 0 {
			t[c] |= posixUnsafe
		}
	}
	t['\''] |= posixQuote
	t[0] |= posixNUL
	for c := 0x80; c < 0x100; c++ {
		t[c] |= posixHigh
	}
	return t
}()

// posixClassOf returns the union of the posixClass classes of the bytes of
// s, four bytes at a time.
func posixClassOf(s string) uint8 {
	var m0, m1 uint8
	for len(s) >= 4 {
		m0 |= posixClass[s[0]] | posixClass[s[1]]
		m1 |= posixClass[s[2]] | posixClass[s[3]]
		s = s[4:]
	}
	for i := 0; i < len(s); i++ {
		m0 |= posixClass[s[i]]
	}
	return m0 | m1
}

// quoteRun returns the length of the run at the start of s: the bytes up to
// the next ', or the ' bytes up to the next other byte.
func quoteRun(s string) int {
	if s[0] != '\'' {
		if len(s) <= 16 {
			// Cheaper than the call to IndexByte on short strings.
			for i := 1; i < len(s); i++ {
				if s[i] == '\'' {
					return i
				}
			}
			return len(s)
		}
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
