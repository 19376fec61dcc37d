package shq

import (
	"strings"
	"unicode/utf8"

	"github.com/safeshell/safeshell/shq/validate"
)

// ParseTemplate parses tpl, a template of trusted program text, once. Its
// parameter takes only constants (see [Command]); for a template that is
// not a constant, such as one read from configuration, use
// [UncheckedTemplate]. A template is one simple command made only of
// literal words, as bash reads them, and placeholders:
//
//   - A placeholder is {name}, name matching [a-z][a-z0-9_]*, in unquoted
//     text. It may be glued to literal text (s3://{bucket}/{prefix},
//     --region={r}) and to other placeholders, and always stays inside its
//     word. Any other unquoted { or } is refused (so is {a,b}, which would
//     be brace expansion); inside quotes, {x} is literal text.
//   - No placeholder may be in the first word: the program stays trusted.
//   - Literal words are unquoted text, '…', "…" without expansions, and
//     backslash escapes, read by the same lexer as [Split]. Unquoted, only
//     letters, digits, non-ASCII characters and _ - . / , : @ + % = are
//     allowed, and # inside a word.
//
// Anything a shell would expand or interpret is refused with a
// *[SyntaxError] giving its byte offset: parameter, command and arithmetic
// expansion, backquotes, $'…' and $"…", globs, ~, ! and ^, operators (; &
// | && ||), redirections, a newline that ends the command, comments,
// assignments, reserved words and blocks, unbalanced quotes, NUL bytes and
// invalid UTF-8, and what Split refuses for multi-byte locales. So is text
// that would mislead a reviewer: unquoted invisible or space-like
// characters such as U+00A0 (validate.IsBlank), which glue two words that
// look apart, and bidirectional controls anywhere (CVE-2021-42574). The
// program name gets the refusals of Command's (empty, blank, starting with
// '-'), and no word may be longer than 131071 bytes.
//
// Template.Check and Template.Optional panic on a misused name in a
// template from ParseTemplate or MustParseTemplate, as MustParseTemplate
// panics on a syntax error: both are program text.
func ParseTemplate(tpl trusted) (*Template, error) {
	return parseTemplate(string(tpl), true)
}

// MustParseTemplate is ParseTemplate for a template in a package-level
// variable. It panics if the template is refused: a constant that does not
// parse is a bug the first test run finds.
func MustParseTemplate(tpl trusted) *Template {
	t, err := parseTemplate(string(tpl), true)
	if err != nil {
		panic(err)
	}
	return t
}

// UncheckedTemplate is ParseTemplate for a template that is not a
// constant, such as one read from configuration. Its name says what review
// must check: the template is program text, and whoever writes it chooses
// what runs; values belong in placeholders. Never build a template from a
// request, event or other untrusted input. It parses text with the same
// rules as ParseTemplate, and Template.Check and Template.Optional record
// a misused name in the template they return instead of panicking.
func UncheckedTemplate(text string) (*Template, error) {
	return parseTemplate(text, false)
}

func parseTemplate(src string, constant bool) (*Template, error) {
	for i, r := range src {
		switch {
		case r == utf8.RuneError && isInvalidAt(src, i):
			return nil, tplFail(i, ErrNotLiteral, "invalid UTF-8")
		case isBidiControl(r):
			return nil, tplFail(i, ErrNotLiteral,
				"bidirectional control character: the text shown is not the text read (CVE-2021-42574)")
		}
	}
	sc := &tplScan{}
	lx := lexer{src: src, tpl: sc}
	ends, err := lx.lex(nil)
	if err != nil {
		return nil, err
	}
	if len(ends) == 0 {
		return nil, tplFail(-1, ErrEmpty, "template has no words")
	}
	all := string(lx.buf)
	t := &Template{places: make(map[string]int), constant: constant}
	holes := sc.holes
	prev := 0
	for k, end := range ends {
		tw := tword{lit: all[prev:end]}
		at := prev
		for len(holes) > 0 && holes[0].word == k {
			h := holes[0]
			holes = holes[1:]
			if h.at > at {
				tw.parts = append(tw.parts, tpart{text: all[at:h.at]})
				at = h.at
			}
			tw.parts = append(tw.parts, tpart{name: h.name, off: h.off})
			tw.holes = true
		}
		if end > at || len(tw.parts) == 0 {
			// The rest of the text, or the whole of an empty word such
			// as ''.
			tw.parts = append(tw.parts, tpart{text: all[at:end]})
		}
		if k == 0 {
			if err := refusal(tw.lit, false); err != nil {
				return nil, tplFail(sc.starts[0], err, "program name: "+err.Error())
			}
		}
		if len(tw.lit) > maxArgLen {
			return nil, tplFail(sc.starts[k], ErrTooLong, "word "+ErrTooLong.Error())
		}
		t.words = append(t.words, tw)
		prev = end
	}
	for _, h := range sc.holes {
		if _, ok := t.places[h.name]; !ok {
			t.places[h.name] = -1
			t.names = append(t.names, h.name)
		}
	}
	for _, w := range t.words {
		if !w.holes || !validate.IsBlank(w.lit) {
			continue
		}
		for _, p := range w.parts {
			if p.name != "" && t.places[p.name] < 0 {
				t.places[p.name] = p.off
			}
		}
	}
	return t, nil
}

// isInvalidAt reports whether s[i:] starts with an invalid UTF-8 sequence
// (rather than an encoded U+FFFD).
func isInvalidAt(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n == 1
}

func tplFail(off int, err error, reason string) *SyntaxError {
	return &SyntaxError{Op: "template", Offset: off, Reason: reason, Err: err}
}

// isBidiControl reports the characters that reorder how text is shown
// ("Trojan Source", CVE-2021-42574), so that a reviewer reads a template in
// another order than the parser does.
func isBidiControl(r rune) bool {
	return 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// placeholderLen returns the length of the placeholder {name} at the start
// of s, or 0 if s does not start with one.
func placeholderLen(s string) int {
	end := strings.IndexByte(s, '}')
	if end < 0 || !placeholderName(s[1:end]) {
		return 0
	}
	return end + 1
}

// placeholderName reports whether s matches [a-z][a-z0-9_]*.
func placeholderName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
