package shq

import (
	"slices"
	"strings"
)

// Join returns the POSIX quoting of args joined by single spaces, as
// POSIX.Join does.
func Join(args ...string) (string, error) { return POSIX.Join(args...) }

// AppendJoin appends Join's result to dst, as POSIX.AppendJoin does.
func AppendJoin(dst []byte, args ...string) ([]byte, error) {
	return POSIX.AppendJoin(dst, args...)
}

// Join quotes each argument and joins them with single spaces, making one
// simple command whose words are exactly args. The result is allocated once.
// No arguments give the empty string.
//
// The first word stands in command position, where the shell gives some
// words a meaning of their own. POSIX and Bash quote a first word that
// contains = (NAME=value would be an assignment), that starts with % (zsh
// runs fg %1 for a bare %1), or that is one of these words: the reserved
// words of bash, zsh, ksh and yash, the declaration commands that shells
// parse specially, and the aliases that mksh and zsh define even with no
// startup file (quoting a word stops alias expansion):
//
//	! { } [[ ]] case coproc do done elif else end esac fi float for
//	foreach function if in integer namespace nocorrect repeat select
//	then time until while
//	declare export let local nameref readonly typeset
//	autoload functions hash history login nohup r run-help type
//	which-command
//
// Quoting does not change command lookup: a quoted builtin (exec, command,
// builtin, eval, type) or zsh precommand modifier (noglob, -) still runs as
// one, a program name is still looked up in PATH, and bash runs fg for a
// first word starting with % even when it is quoted. Fish reads a keyword
// as a keyword even when it is quoted, so Fish's Join refuses a first word
// that is a fish keyword with an error wrapping ErrKeyword.
//
// An argument with a NUL byte is refused. Errors are *QuoteError values
// whose Index is the argument's position.
func (d Dialect) Join(args ...string) (string, error) {
	if d == POSIX {
		var buf [joinBufSize]byte
		if n, err := joinPOSIXShort(&buf, args); err != nil {
			return "", err
		} else if len(args) == 1 && n == len(args[0]) {
			return args[0], nil // unchanged: no need to copy it
		} else if n >= 0 {
			return string(buf[:n]), nil
		}
	}
	n, plain, err := d.joinLen(args)
	if err != nil {
		return "", err
	}
	if len(args) == 1 && n == len(args[0]) {
		return args[0], nil
	}
	b := d.appendJoin(make([]byte, 0, n), args, plain)
	return unsafeString(b), nil
}

// AppendJoin appends Join's result to dst, growing dst at most once. On error
// dst is returned unchanged.
func (d Dialect) AppendJoin(dst []byte, args ...string) ([]byte, error) {
	n, plain, err := d.joinLen(args)
	if err != nil {
		return dst, err
	}
	return d.appendJoin(slices.Grow(dst, n), args, plain), nil
}

// joinBufSize is the size of the stack buffer POSIX Join writes a short
// line into.
const joinBufSize = 256

// Classes of joinClass: what one pass over a POSIX argument must learn.
const (
	joinUnsafe = 1 << iota // outside the POSIX safe set
	joinQuote              // '
	joinNUL                // NUL
)

var joinClass = func() (t [256]uint8) {
	for c := range t {
		if byteClass[c]&safePOSIX == 0 {
			t[c] |= joinUnsafe
		}
	}
	t['\''] |= joinQuote
	t[0] |= joinNUL
	return t
}()

// joinPOSIXShort writes POSIX Join's line into buf, reading each argument
// once to classify it and once to copy it, so that the only allocation left
// is the string copy of the result. It returns -1 and no error, having
// checked nothing for sure, when the line might not fit; the caller then
// measures and writes as usual.
func joinPOSIXShort(buf *[joinBufSize]byte, args []string) (int, *QuoteError) {
	w := 0
	for k, a := range args {
		// Room for the separator and the worst case, where every byte
		// opens a run of its own ('a'"'"'a'…), or for '' and the
		// separator. The first test keeps 3*len(a) from overflowing.
		if len(a) > len(buf) || 3*len(a)+3 > len(buf)-w {
			return -1, nil
		}
		if k > 0 {
			buf[w] = ' '
			w++
		}
		m := joinClassOf(a)
		switch {
		case m&joinNUL != 0:
			return 0, &QuoteError{Index: k, Offset: strings.IndexByte(a, 0), Err: ErrNUL}
		case m&joinUnsafe == 0 && a != "" && (k > 0 || !commandName(a)): // = is unsafe
			w += copy(buf[w:], a)
		case m&joinQuote == 0:
			// One run of bytes other than ': the common case.
			buf[w] = '\''
			w += 1 + copy(buf[w+1:], a)
			buf[w] = '\''
			w++
		default:
			w += fillPOSIXShort(buf[w:], a)
		}
	}
	return w, nil
}

// joinClassOf returns the union of the joinClass classes of the bytes of s.
func joinClassOf(s string) uint8 {
	var m0, m1 uint8
	for len(s) >= 4 {
		m0 |= joinClass[s[0]] | joinClass[s[1]]
		m1 |= joinClass[s[2]] | joinClass[s[3]]
		s = s[4:]
	}
	for i := 0; i < len(s); i++ {
		m0 |= joinClass[s[i]]
	}
	return m0 | m1
}

// joinLen returns the length of the joined line, and a set with bit i set
// when args[i] (i < 64) is written unchanged, so that appendJoin need not
// measure it again.
func (d Dialect) joinLen(args []string) (n int, plain uint64, err error) {
	if !d.valid() {
		return 0, 0, &dialectError{d}
	}
	n = len(args) - 1
	for i, a := range args {
		m, qe := d.quotedLen(a, i == 0)
		if qe != nil {
			qe.Index = i
			return 0, 0, qe
		}
		if m == len(a) && i < 64 {
			plain |= 1 << i
		}
		n += m
	}
	return max(n, 0), plain, nil
}

func (d Dialect) appendJoin(dst []byte, args []string, plain uint64) []byte {
	for i, a := range args {
		if i > 0 {
			dst = append(dst, ' ')
		}
		unchanged := plain&(1<<i) != 0
		if i >= 64 { // past what the set records
			n, _ := d.quotedLen(a, false)
			unchanged = n == len(a)
		}
		if unchanged {
			dst = append(dst, a...)
		} else {
			dst = d.appendQuoted(dst, a, i == 0)
		}
	}
	return dst
}

// commandWord reports whether POSIX and Bash must quote s in command
// position even if s needs no quoting elsewhere.
func commandWord(s string) bool {
	return strings.IndexByte(s, '=') >= 0 || commandName(s)
}

// commandName is commandWord for a word with no =.
func commandName(s string) bool {
	return s != "" && (s[0] == '%' ||
		len(s) < len(commandWordStarts) && commandWordStarts[len(s)]&(1<<(s[0]&63)) != 0 && commandWords[s])
}

// commandWordStarts has bit c&63 of element n set when a word of
// commandWords has length n and starts with byte c: most first words are
// told apart from all of them without a map lookup. (A command word of 16
// bytes or more would not fit, and would stop the package at init.)
var commandWordStarts = func() (t [16]uint64) {
	for w := range commandWords {
		t[len(w)] |= 1 << (w[0] & 63)
	}
	return t
}()

// reservedWords are the reserved words of bash, zsh, ksh and yash together,
// and the declaration commands that shells and mvdan.cc/sh parse specially.
// Split refuses them unquoted in command position.
var reservedWords = setOf(
	"!", "{", "}", "[[", "]]", "case", "coproc", "do", "done", "elif", "else",
	"end", "esac", "fi", "float", "for", "foreach", "function", "if", "in",
	"integer", "namespace", "nocorrect", "repeat", "select", "then", "time",
	"until", "while",
	"declare", "export", "let", "local", "nameref", "readonly", "typeset",
)

// commandWords are the words Join quotes in command position: the reserved
// words, and the aliases mksh and zsh define with no startup file (mksh's
// nohup='nohup ' even makes the next word an alias too).
var commandWords = func() map[string]bool {
	m := setOf("autoload", "functions", "hash", "history", "integer", "local",
		"login", "nameref", "nohup", "r", "type", "run-help", "which-command")
	for w := range reservedWords {
		m[w] = true
	}
	return m
}()

// fishKeywords are the words fish reads as keywords in command position,
// quoted or not.
var fishKeywords = setOf(
	"begin", "end", "if", "else", "switch", "case", "while", "for",
	"function", "not", "and", "or", "!", "time", "command", "builtin", "exec",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
