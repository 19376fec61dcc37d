package shq

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/safeshell/safeshell/shq/validate"
)

// Split splits line into words as bash reads a simple command made only of
// literal words, and is the inverse of Join: Split(Join(args)) returns args
// for every list without a NUL byte, invalid UTF-8 included, in every
// dialect but Fish.
//
// A word may be unquoted text, '…', "…" without expansions, $'…', and
// backslash escapes, glued together in any way. Words are separated by
// spaces and tabs; a backslash-newline is removed. Anything a shell would
// expand or interpret is refused with a *[SyntaxError] giving its byte
// offset: parameter, command and arithmetic expansion, backticks, $"…",
// globs, braces, tilde expansion, history expansion (! even inside "…"),
// operators, redirections, a newline that ends the command, comments, an
// assignment or reserved word in command position, and unquoted control
// bytes. Inside $'…' only escapes that do not depend on the locale, and
// that bash 5.2 and mvdan.cc/sh decode alike, are accepted: \a \b \e \E \f
// \n \r \t \v \\ \' \" \? , one to three octal digits and \x with one or
// two hex digits, for byte values 1 to 255. \c, \u, \U and any other escape
// are refused.
//
// A line that bash would read differently in a multi-byte locale is
// refused too (wrapping [ErrNotLiteral], at the offset of the syntax byte):
// an escaping backslash (unquoted, in "…" or in $'…') right after a byte ≥
// 0x80, which GBK, Big5 and Shift_JIS read as the second byte of one
// character with it, so that €\;id runs id there; and a quote, backslash,
// blank or other syntax byte right after a byte pair [81-FE][30-39] or 8E
// [A1-B0], which GB18030 and EUC-TW read as the start of a four-byte
// character that swallows the next byte whatever it is, and such a pair at
// the end of the line, where it would swallow whatever follows the line.
//
// An empty line, or one of blanks only, has no words.
//
// Split reads a line as a script or bash -c reads it. Typed or pasted into
// an interactive shell, the same line can mean more: the line editor acts
// on control bytes even inside quotes, and after a newline inside quotes
// bash reads ^a^b as history substitution. Lines from Join in the POSIX
// dialect can hold both; for text a person will paste, use Bash.Join.
func Split(line string) ([]string, error) {
	// No word is longer than the text it is read from, so buf never grows.
	lx := lexer{src: line, buf: make([]byte, 0, len(line))}
	var endsArray [16]int // room for the word ends of a typical line
	ends, err := lx.lex(endsArray[:0])
	if err != nil {
		return nil, err
	}
	all := unsafeString(lx.buf) // buf is not written again
	words := make([]string, len(ends))
	prev := 0
	for k, end := range ends {
		words[k] = all[prev:end]
		prev = end
	}
	return words, nil
}

// lexer reads the literal-word language, the one grammar of Split and of
// templates: it decodes every quote and escape into buf, the bytes of all
// words one after the other, and refuses what is not literal. With tpl
// set it applies the template rules and reads placeholders.
type lexer struct {
	src   string
	buf   []byte
	tpl   *tplScan // nil for Split
	words int      // how many words are done
	start int      // where the current word starts in src
	from  int      // where the current word starts in buf
	// quoted records whether the current word used any quoting, for the
	// reserved-word and assignment checks of the first word.
	quoted bool
}

// tplScan is what the lexer records for a template: its placeholders, and
// where each word starts in the source.
type tplScan struct {
	holes  []hole
	starts []int
}

// hole is one placeholder of a template.
type hole struct {
	off  int // where {name} starts in the source
	at   int // where its value goes in the lexer's buf
	word int // the index of its word
	name string
}

// lex reads the whole source and returns, appended to ends, where each
// word ends in buf.
func (lx *lexer) lex(ends []int) ([]int, error) {
	s := lx.src
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' {
			if inWord {
				if mbPrefix(s, i) {
					return nil, lx.mbFail(i)
				}
				if err := lx.endWord(); err != nil {
					return nil, err
				}
				ends = append(ends, len(lx.buf))
				inWord = false
			}
			i++
			continue
		}
		if c == '\\' && i+1 < len(s) && s[i+1] == '\n' {
			// A line continuation is removed, even between words.
			if err := lx.escape(i); err != nil {
				return nil, err
			}
			i += 2
			continue
		}
		if !inWord {
			inWord = true
			lx.start, lx.from, lx.quoted = i, len(lx.buf), false
			if lx.tpl != nil {
				lx.tpl.starts = append(lx.tpl.starts, i)
			}
		}
		var err error
		i, err = lx.part(i)
		if err != nil {
			return nil, err
		}
	}
	if mbPrefix(s, len(s)) {
		// Whatever comes after the line (a newline, the rest of a
		// script) would be taken into the character.
		return nil, lx.mbFail(len(s))
	}
	if inWord {
		if err := lx.endWord(); err != nil {
			return nil, err
		}
		ends = append(ends, len(lx.buf))
	}
	return ends, nil
}

// part reads the piece of a word that starts at s[i] and returns the offset
// after it.
func (lx *lexer) part(i int) (int, error) {
	s := lx.src
	c := s[i]
	switch c {
	case '\'':
		if mbPrefix(s, i) {
			return 0, lx.mbFail(i)
		}
		j := strings.IndexByte(s[i+1:], '\'')
		if j < 0 {
			return 0, lx.fail(i, ErrUnterminated, "single quote is never closed")
		}
		if k := strings.IndexByte(s[i+1:i+1+j], 0); k >= 0 {
			return 0, lx.fail(i+1+k, ErrNUL, "NUL byte")
		}
		if mbPrefix(s, i+1+j) {
			return 0, lx.mbFail(i + 1 + j)
		}
		lx.buf = append(lx.buf, s[i+1:i+1+j]...)
		lx.quoted = true
		return i + j + 2, nil
	case '"':
		if mbPrefix(s, i) {
			return 0, lx.mbFail(i)
		}
		lx.quoted = true
		return lx.double(i)
	case '\\':
		if i+1 == len(s) {
			return 0, lx.fail(i, ErrNotLiteral, "backslash at the end of the line")
		}
		if err := lx.escape(i); err != nil {
			return 0, err
		}
		if s[i+1] == 0 {
			return 0, lx.fail(i+1, ErrNUL, "NUL byte")
		}
		lx.buf = append(lx.buf, s[i+1])
		lx.quoted = true
		return i + 2, nil
	case '$':
		if lx.tpl != nil {
			return 0, lx.fail(i, ErrNotLiteral, "dollar sign starts an expansion or a $'…' or $\"…\" quote")
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			if mbPrefix(s, i) {
				return 0, lx.mbFail(i)
			}
			lx.quoted = true
			return lx.ansic(i)
		}
		if i+1 < len(s) && s[i+1] == '"' {
			return 0, lx.fail(i, ErrNotLiteral, "$\"…\" is translated by the locale")
		}
		return 0, lx.fail(i, ErrNotLiteral, "unquoted dollar sign starts an expansion")
	case '#':
		if i == lx.start {
			return 0, lx.fail(i, ErrNotLiteral, "number sign at the start of a word starts a comment")
		}
	case '~':
		// Expanded at the start of a word and, in words shaped like
		// assignments, after = or :. Refused there even when the text
		// before it was quoted; in a template, refused everywhere.
		if w := lx.buf[lx.from:]; lx.tpl != nil || len(w) == 0 || w[len(w)-1] == '=' || w[len(w)-1] == ':' {
			return 0, lx.fail(i, ErrNotLiteral, "unquoted tilde is expanded here")
		}
	case '=':
		// The word so far is unquoted, so its bytes are the line's with
		// any backslash-newline removed, as bash removes it before
		// looking for an assignment.
		if lx.words == 0 && !lx.quoted && assignmentName(lx.buf[lx.from:]) {
			return 0, lx.fail(lx.start, ErrNotLiteral, "assignment in command position")
		}
	case '{':
		if lx.tpl != nil {
			return lx.placeholder(i)
		}
		return 0, lx.fail(i, ErrNotLiteral, unquotedReason(c))
	case '}':
		if lx.tpl != nil {
			return 0, lx.fail(i, ErrNotLiteral, "unquoted } that does not close a placeholder")
		}
		return 0, lx.fail(i, ErrNotLiteral, unquotedReason(c))
	case '<', '>':
		if w := lx.buf[lx.from:]; !lx.quoted && len(w) > 0 && allDigits(w) {
			// 2>f: the redirection starts with its file descriptor.
			return 0, lx.fail(lx.start, ErrNotLiteral, unquotedReason(c))
		}
		return 0, lx.fail(i, ErrNotLiteral, unquotedReason(c))
	case 0:
		return 0, lx.fail(i, ErrNUL, "NUL byte")
	default:
		if c < utf8.RuneSelf && byteClass[c]&safePOSIX == 0 {
			return 0, lx.fail(i, ErrNotLiteral, unquotedReason(c))
		}
		// A run of plain bytes is copied at once.
		j := i + 1
		for j < len(s) && (byteClass[s[j]]&safePOSIX != 0 || s[j] >= utf8.RuneSelf) {
			j++
		}
		if lx.tpl != nil {
			if k := invisibleAt(s, i, j); k >= 0 {
				return 0, lx.fail(k, ErrNotLiteral, "unquoted invisible or space-like character")
			}
		}
		lx.buf = append(lx.buf, s[i:j]...)
		return j, nil
	}
	lx.buf = append(lx.buf, c)
	return i + 1, nil
}

// double reads "…" starting at s[i]. Inside, a backslash escapes only $ `
// " \ and newline (a removed line continuation), and stays a backslash
// before anything else.
func (lx *lexer) double(i int) (int, error) {
	s := lx.src
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; c {
		case '"':
			if mbPrefix(s, j) {
				return 0, lx.mbFail(j)
			}
			return j + 1, nil
		case '$', '`':
			return 0, lx.fail(j, ErrNotLiteral, "expansion inside double quotes")
		case '!':
			return 0, lx.fail(j, ErrNotLiteral, "exclamation mark inside double quotes is history expansion in an interactive shell")
		case 0:
			return 0, lx.fail(j, ErrNUL, "NUL byte")
		case '\\':
			if j+1 == len(s) {
				break
			}
			switch n := s[j+1]; n {
			case '$', '`', '"', '\\', '\n':
				if err := lx.escape(j); err != nil {
					return 0, err
				}
				if n != '\n' {
					lx.buf = append(lx.buf, n)
				}
				j++
				continue
			}
			if mbPrefix(s, j) {
				return 0, lx.mbFail(j)
			}
			lx.buf = append(lx.buf, c)
		default:
			lx.buf = append(lx.buf, c)
		}
	}
	return 0, lx.fail(i, ErrUnterminated, "double quote is never closed")
}

// ansic reads $'…' starting at s[i], decoding the escapes bash decodes the
// same way in every version and locale, and refusing the others.
func (lx *lexer) ansic(i int) (int, error) {
	s := lx.src
	for j := i + 2; j < len(s); j++ {
		c := s[j]
		if c == '\'' {
			if mbPrefix(s, j) {
				return 0, lx.mbFail(j)
			}
			return j + 1, nil
		}
		if c == 0 {
			return 0, lx.fail(j, ErrNUL, "NUL byte")
		}
		if c != '\\' {
			lx.buf = append(lx.buf, c)
			continue
		}
		if j+1 == len(s) {
			break
		}
		if err := lx.escape(j); err != nil {
			return 0, err
		}
		esc := j
		j++
		c = s[j]
		if e := ansicDecode[c]; e != 0 {
			lx.buf = append(lx.buf, e)
			continue
		}
		var v, digits, max int
		switch {
		case '0' <= c && c <= '7':
			max = 3
			for digits < max && j < len(s) && '0' <= s[j] && s[j] <= '7' {
				v = v*8 + int(s[j]-'0')
				j++
				digits++
			}
		case c == 'x':
			max = 2
			j++
			for digits < max && j < len(s) && hexValue(s[j]) >= 0 {
				v = v*16 + hexValue(s[j])
				j++
				digits++
			}
		default:
			return 0, lx.fail(esc, ErrNotLiteral, "escape in $'…' that bash versions decode differently")
		}
		if digits == 0 || v == 0 || v > 0xff {
			return 0, lx.fail(esc, ErrNotLiteral, "numeric escape in $'…' outside 1 to 255")
		}
		lx.buf = append(lx.buf, byte(v))
		j-- // the loop steps past the last digit
	}
	return 0, lx.fail(i, ErrUnterminated, "$' quote is never closed")
}

// placeholder reads the template placeholder {name} that starts at s[i].
// It adds nothing to buf: the hole records where the value goes.
func (lx *lexer) placeholder(i int) (int, error) {
	s := lx.src
	n := placeholderLen(s[i:])
	if n == 0 {
		return 0, lx.fail(i, ErrNotLiteral,
			"unquoted { that does not open a placeholder {name} with name [a-z][a-z0-9_]*")
	}
	if lx.words == 0 {
		return 0, lx.fail(i, ErrPlaceholder, "placeholder in the first word: the program must be trusted text")
	}
	if mbPrefix(s, i) {
		return 0, lx.mbFail(i)
	}
	lx.tpl.holes = append(lx.tpl.holes, hole{off: i, at: len(lx.buf), word: lx.words, name: s[i+1 : i+n-1]})
	return i + n, nil
}

var ansicDecode = [256]byte{
	'a': '\a', 'b': '\b', 'e': 0x1b, 'E': 0x1b, 'f': '\f', 'n': '\n', 'r': '\r',
	't': '\t', 'v': '\v', '\\': '\\', '\'': '\'', '"': '"', '?': '?',
}

func hexValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// endWord checks the word that has just ended.
func (lx *lexer) endWord() error {
	if lx.words == 0 && !lx.quoted && reservedWords[string(lx.buf[lx.from:])] {
		return lx.fail(lx.start, ErrNotLiteral, "reserved word in command position")
	}
	lx.words++
	return nil
}

// escape checks the escaping backslash at s[i] against the multi-byte
// rule: it must follow neither a byte ≥ 0x80 nor a hazardous pair.
func (lx *lexer) escape(i int) error {
	if i > 0 && lx.src[i-1] >= utf8.RuneSelf {
		return lx.fail(i, ErrNotLiteral, reasonMBEscape)
	}
	if mbPrefix(lx.src, i) {
		return lx.mbFail(i)
	}
	return nil
}

// mbPrefix reports whether the two bytes before s[i] are a hazard pair
// (see hazardPair), which takes in the byte at s[i] whatever it is, so that
// a syntax byte there is no syntax in GB18030 or EUC-TW.
func mbPrefix(s string, i int) bool { return i >= 2 && hazardPair(s[i-2], s[i-1]) }

func (lx *lexer) mbFail(i int) error { return lx.fail(i, ErrNotLiteral, reasonMBPrefix) }

// The reasons of the multi-byte refusals.
const (
	reasonMBEscape = "escaping backslash after a byte ≥ 0x80: GBK, Big5 and Shift_JIS read the two bytes as one character"
	reasonMBPrefix = "syntax byte after a byte pair that GB18030 or EUC-TW reads as the start of a four-byte character"
)

func (lx *lexer) fail(off int, err error, reason string) error {
	op := "split"
	if lx.tpl != nil {
		op = "template"
	}
	return &SyntaxError{Op: op, Offset: off, Reason: reason, Err: err}
}

// invisibleAt returns the offset of the first multi-byte character in
// s[i:j] that is blank (see validate.IsBlank), such as U+00A0 or U+200B,
// or -1. Unquoted in a template, one glues two words that look apart.
func invisibleAt(s string, i, j int) int {
	for k := i; k < j; {
		if s[k] < utf8.RuneSelf {
			k++
			continue
		}
		_, n := utf8.DecodeRuneInString(s[k:j])
		if n > 1 && validate.IsBlank(s[k:k+n]) {
			return k
		}
		k += n
	}
	return -1
}

// assignmentName reports whether the unquoted text before an = makes the
// word an assignment: a name, optionally followed by + (NAME+=value).
func assignmentName(s []byte) bool {
	s = bytes.TrimSuffix(s, []byte("+"))
	if len(s) == 0 || '0' <= s[0] && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

func allDigits(s []byte) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// unquotedReason names what an unquoted ASCII byte outside the safe set
// would do in bash, in the library's own words.
func unquotedReason(c byte) string {
	switch c {
	case '\n':
		return "unquoted newline ends the command"
	case '|', '&', ';', '(', ')', '<', '>':
		return "unquoted operator or redirection"
	case '`':
		return "backquote starts a command substitution"
	case '*', '?', '[', ']':
		return "unquoted glob character"
	case '{', '}':
		return "unquoted brace"
	case '!':
		return "unquoted exclamation mark is history expansion or negation"
	case '^':
		return "unquoted caret is history substitution in an interactive shell"
	}
	return "unquoted control character"
}
