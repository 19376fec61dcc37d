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
	if !d.valid() {
		return "", &dialectError{d}
	}
	// A short line is written into the stack and copied once, instead of
	// measured first and written once: 1.5x faster for POSIX, 1.8x for Bash
	// and Fish (BenchmarkJoin, one run: POSIX 367 ns against 560).
	var buf [joinBufSize]byte
	var b []byte
	var fits bool
	var err error
	if d == POSIX {
		b, fits, err = appendJoinPOSIX(buf[:0], args, true) // one call less
	} else {
		b, fits, err = d.appendJoin(buf[:0], args, true)
	}
	switch {
	case err != nil:
		return "", err
	case fits && len(args) == 1 && len(b) == len(args[0]):
		return args[0], nil // unchanged: no need to copy it
	case fits:
		return string(b), nil
	}
	n, err := d.joinLen(args)
	if err != nil {
		return "", err
	}
	// A variable of its own: b's buffer is on the stack and must not
	// reach unsafeString.
	line, _, _ := d.appendJoin(make([]byte, 0, n), args, false)
	return unsafeString(line), nil
}

// AppendJoin appends Join's result to dst, growing dst at most once. On error
// dst is returned unchanged.
func (d Dialect) AppendJoin(dst []byte, args ...string) ([]byte, error) {
	if !d.valid() {
		return dst, &dialectError{d}
	}
	n, err := d.joinLen(args)
	if err != nil {
		return dst, err
	}
	b, _, _ := d.appendJoin(slices.Grow(dst, n), args, false)
	return b, nil
}

// joinBufSize is the size of the stack buffer Join writes a short line
// into.
const joinBufSize = 256

// worstLen bounds the length of the quoting of n bytes and the space before
// it. POSIX writes at most 3 bytes a byte ('a'"'"'a', and '\x8e'"\xa1"0
// for a multi-byte tail is 9 for 3), Login 4, Bash and Fish 7 (an octal
// escape, and quotes that close and reopen around it); 3 more cover the
// quotes of an empty word and the separator.
func (d Dialect) worstLen(n int) int {
	per := 7
	switch d {
	case POSIX:
		per = 3
	case Login:
		per = 4
	}
	return per*n + 3
}

// joinLen returns the length of the joined line.
func (d Dialect) joinLen(args []string) (int, error) {
	n := len(args) - 1
	for i, a := range args {
		m, qe := d.quotedLen(a, i == 0)
		if qe != nil {
			qe.Index = i
			return 0, qe
		}
		n += m
	}
	return max(n, 0), nil
}

// appendJoin appends the joined line, checking each argument as it goes.
// With short set it stops, reporting fits false and no error, before an
// argument that might not fit in dst's capacity: Join then measures and
// starts again. On error the bytes appended so far are left in the result.
func (d Dialect) appendJoin(dst []byte, args []string, short bool) (b []byte, fits bool, err error) {
	if d == POSIX {
		return appendJoinPOSIX(dst, args, short)
	}
	for i, a := range args {
		if short && (len(a) > joinBufSize || d.worstLen(len(a)) > cap(dst)-len(dst)) {
			return dst, false, nil // the first test keeps worstLen from overflowing
		}
		if i > 0 {
			dst = append(dst, ' ')
		}
		var qe *QuoteError
		if dst, qe = d.appendWord(dst, a, i == 0); qe != nil {
			qe.Index = i
			return dst, false, qe
		}
	}
	return dst, true, nil
}

// appendJoinPOSIX is appendJoin for POSIX, the common case, with one class
// pass over each argument (posixClassOf) instead of the safe-prefix scan,
// the NUL search and the search for runs; a short argument with a quote and
// no byte >= 0x80 (no multi-byte tail) is filled by index (fillPOSIX). It
// pays 1.26x on a Join of eight arguments (BenchmarkJoin/d=posix, one run:
// 395 ns against 495), and the fill and the direct call from Join 1.15x
// more (303 ns against 349 in another run), less than the 1.5x a special
// path should: it stays because the Join goal of bench (5x the fastest
// peer) is not met without it. TODO: fold it into appendWord if a faster
// writer makes it unnecessary.
func appendJoinPOSIX(dst []byte, args []string, short bool) ([]byte, bool, error) {
	for i, a := range args {
		if short && (len(a) > joinBufSize || 3*len(a)+3 > cap(dst)-len(dst)) {
			return dst, false, nil
		}
		if i > 0 {
			dst = append(dst, ' ')
		}
		m := posixClassOf(a)
		switch {
		case m&posixNUL != 0:
			return dst, false, &QuoteError{Index: i, Offset: strings.IndexByte(a, 0), Err: ErrNUL}
		case m&posixUnsafe == 0 && a != "" && (i > 0 || !commandName(a)): // = is unsafe
			dst = append(dst, a...)
		case m&posixQuote == 0 && a != "":
			dst = appendPOSIXRun(dst, a)
		case m&posixHigh == 0 && len(a) <= posixShortMax && a != "":
			// No multi-byte tail: filled by index (dst has room for
			// any quoting of a).
			w := len(dst)
			dst = dst[:w+fillPOSIX(dst[w:cap(dst)], a)]
		default:
			dst = appendPOSIX(dst, a)
		}
	}
	return dst, true, nil
}

// appendWord appends the quoting of s, or s itself where it needs none,
// with the checks of quotedLen but without measuring the result.
func (d Dialect) appendWord(dst []byte, s string, first bool) ([]byte, *QuoteError) {
	i := safePrefix(s, plainClass[d])
	if i == len(s) && s != "" {
		if !first || !d.commandWord(s) {
			return append(dst, s...), nil
		}
	} else if j := strings.IndexByte(s[i:], 0); j >= 0 {
		return dst, &QuoteError{Offset: i + j, Err: ErrNUL}
	}
	switch {
	case d == Fish && first && fishKeywords[s]:
		return dst, &QuoteError{Err: ErrKeyword}
	case d == Login:
		// Login refuses a newline, a keyword and a word csh cannot read,
		// which only measuring finds.
		if _, err := loginQuotedLen(s, first); err != nil {
			return dst, err
		}
	}
	return d.appendQuoted(dst, s, first), nil
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
