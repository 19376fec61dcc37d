package shq

import (
	"bytes"
	"strings"
)

// Split splits line into words as bash reads a simple command made only of
// literal words, and is the inverse of Join: Split(Join(args)) returns args
// for every list without a NUL byte, invalid UTF-8 included, in every
// dialect but Fish.
//
// A word may be unquoted text, '…', "…" without expansions, $'…', and
// backslash escapes, glued together in any way. Words are separated by
// spaces and tabs; a backslash-newline is removed. Anything a shell would
// expand or interpret is refused with a *SplitError giving its byte offset:
// parameter, command and arithmetic expansion, backticks, $"…", globs,
// braces, tilde expansion, history expansion (! even inside "…"), operators,
// redirections, a newline that ends the command, comments, an assignment or
// reserved word in command position, and unquoted control bytes. Inside
// $'…' only escapes that do not depend on the locale, and that bash 5.2 and
// mvdan.cc/sh decode alike, are accepted: \a \b \e \E \f \n \r \t \v \\ \'
// \" \? , one to three octal digits and \x with one or two hex digits, for
// byte values 1 to 255. \c, \u, \U and any other escape are refused.
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
	sp := splitter{line: line, buf: make([]byte, 0, len(line))}
	return sp.split()
}

type splitter struct {
	line  string
	buf   []byte // the bytes of every word, one after the other
	words int    // how many words are done
	start int    // where the current word starts in line
	from  int    // where the current word starts in buf
	// quoted records whether the current word used any quoting, for the
	// reserved-word and assignment checks of the first word.
	quoted bool
}

func (sp *splitter) split() ([]string, error) {
	s := sp.line
	var endsArray [16]int // room for the word ends of a typical line
	ends := endsArray[:0] // where each word ends in buf
	inWord := false
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' {
			if inWord {
				if err := sp.endWord(); err != nil {
					return nil, err
				}
				ends = append(ends, len(sp.buf))
				inWord = false
			}
			i++
			continue
		}
		if c == '\\' && i+1 < len(s) && s[i+1] == '\n' {
			// A line continuation is removed, even between words.
			i += 2
			continue
		}
		if !inWord {
			inWord = true
			sp.start, sp.from, sp.quoted = i, len(sp.buf), false
		}
		var err error
		i, err = sp.part(i)
		if err != nil {
			return nil, err
		}
	}
	if inWord {
		if err := sp.endWord(); err != nil {
			return nil, err
		}
		ends = append(ends, len(sp.buf))
	}
	all := unsafeString(sp.buf) // buf is not written again
	words := make([]string, len(ends))
	prev := 0
	for k, end := range ends {
		words[k] = all[prev:end]
		prev = end
	}
	return words, nil
}

// part reads the piece of a word that starts at s[i] and returns the offset
// after it.
func (sp *splitter) part(i int) (int, error) {
	s := sp.line
	c := s[i]
	switch c {
	case '\'':
		j := strings.IndexByte(s[i+1:], '\'')
		if j < 0 {
			return 0, sp.fail(i, ErrUnterminated, "single quote is never closed")
		}
		if k := strings.IndexByte(s[i+1:i+1+j], 0); k >= 0 {
			return 0, sp.fail(i+1+k, ErrNUL, "NUL byte")
		}
		sp.buf = append(sp.buf, s[i+1:i+1+j]...)
		sp.quoted = true
		return i + j + 2, nil
	case '"':
		sp.quoted = true
		return sp.double(i)
	case '\\':
		if i+1 == len(s) {
			return 0, sp.fail(i, ErrNotLiteral, "backslash at the end of the line")
		}
		if s[i+1] == 0 {
			return 0, sp.fail(i+1, ErrNUL, "NUL byte")
		}
		sp.buf = append(sp.buf, s[i+1])
		sp.quoted = true
		return i + 2, nil
	case '$':
		if i+1 < len(s) && s[i+1] == '\'' {
			sp.quoted = true
			return sp.ansic(i)
		}
		if i+1 < len(s) && s[i+1] == '"' {
			return 0, sp.fail(i, ErrNotLiteral, "$\"…\" is translated by the locale")
		}
		return 0, sp.fail(i, ErrNotLiteral, "unquoted dollar sign starts an expansion")
	case '#':
		if i == sp.start {
			return 0, sp.fail(i, ErrNotLiteral, "number sign at the start of a word starts a comment")
		}
	case '~':
		// Expanded at the start of a word and, in words shaped like
		// assignments, after = or :. Refused there even when the text
		// before it was quoted.
		if w := sp.buf[sp.from:]; len(w) == 0 || w[len(w)-1] == '=' || w[len(w)-1] == ':' {
			return 0, sp.fail(i, ErrNotLiteral, "unquoted tilde is expanded here")
		}
	case '=':
		// The word so far is unquoted, so its bytes are the line's with
		// any backslash-newline removed, as bash removes it before
		// looking for an assignment.
		if sp.words == 0 && !sp.quoted && assignmentName(sp.buf[sp.from:]) {
			return 0, sp.fail(sp.start, ErrNotLiteral, "assignment in command position")
		}
	case 0:
		return 0, sp.fail(i, ErrNUL, "NUL byte")
	default:
		if c < 0x80 && byteClass[c]&safePOSIX == 0 {
			return 0, sp.fail(i, ErrNotLiteral, unquotedReason(c))
		}
		// A run of plain bytes is copied at once.
		j := i + 1
		for j < len(s) && (byteClass[s[j]]&safePOSIX != 0 || s[j] >= 0x80) {
			j++
		}
		sp.buf = append(sp.buf, s[i:j]...)
		return j, nil
	}
	sp.buf = append(sp.buf, c)
	return i + 1, nil
}

// double reads "…" starting at s[i]. Inside, a backslash escapes only $ `
// " \ and newline (a removed line continuation), and stays a backslash
// before anything else.
func (sp *splitter) double(i int) (int, error) {
	s := sp.line
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; c {
		case '"':
			return j + 1, nil
		case '$', '`':
			return 0, sp.fail(j, ErrNotLiteral, "expansion inside double quotes")
		case '!':
			return 0, sp.fail(j, ErrNotLiteral, "exclamation mark inside double quotes is history expansion in an interactive shell")
		case 0:
			return 0, sp.fail(j, ErrNUL, "NUL byte")
		case '\\':
			if j+1 == len(s) {
				break
			}
			switch n := s[j+1]; n {
			case '$', '`', '"', '\\':
				sp.buf = append(sp.buf, n)
				j++
				continue
			case '\n':
				j++
				continue
			}
			sp.buf = append(sp.buf, c)
		default:
			sp.buf = append(sp.buf, c)
		}
	}
	return 0, sp.fail(i, ErrUnterminated, "double quote is never closed")
}

// ansic reads $'…' starting at s[i], decoding the escapes bash decodes the
// same way in every version and locale, and refusing the others.
func (sp *splitter) ansic(i int) (int, error) {
	s := sp.line
	for j := i + 2; j < len(s); j++ {
		c := s[j]
		if c == '\'' {
			return j + 1, nil
		}
		if c == 0 {
			return 0, sp.fail(j, ErrNUL, "NUL byte")
		}
		if c != '\\' {
			sp.buf = append(sp.buf, c)
			continue
		}
		if j+1 == len(s) {
			break
		}
		esc := j
		j++
		c = s[j]
		if e := ansicDecode[c]; e != 0 {
			sp.buf = append(sp.buf, e)
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
			return 0, sp.fail(esc, ErrNotLiteral, "escape in $'…' that bash versions decode differently")
		}
		if digits == 0 || v == 0 || v > 0xff {
			return 0, sp.fail(esc, ErrNotLiteral, "numeric escape in $'…' outside 1 to 255")
		}
		sp.buf = append(sp.buf, byte(v))
		j-- // the loop steps past the last digit
	}
	return 0, sp.fail(i, ErrUnterminated, "$' quote is never closed")
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
func (sp *splitter) endWord() error {
	if sp.words == 0 && !sp.quoted && reservedWords[string(sp.buf[sp.from:])] {
		return sp.fail(sp.start, ErrNotLiteral, "reserved word in command position")
	}
	sp.words++
	return nil
}

func (sp *splitter) fail(off int, err error, reason string) error {
	return &SplitError{Offset: off, Reason: reason, Err: err}
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
	case '$':
		return "unquoted dollar sign starts an expansion"
	case '~':
		return "unquoted tilde is expanded here"
	case '#':
		return "number sign at the start of a word starts a comment"
	case '=':
		return "assignment in command position"
	}
	return "unquoted control character"
}
