package shq

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/safeshell/safeshell/shq/validate"
	"mvdan.cc/sh/v3/syntax"
)

// ParseTemplate parses tpl, a template of trusted program text, once. A
// template is one simple command made only of literal words, as bash reads
// them, and placeholders:
//
//   - A placeholder is {name}, name matching [a-z][a-z0-9_]*, in unquoted
//     text. It may be glued to literal text (s3://{bucket}/{prefix},
//     --region={r}) and to other placeholders, and always stays inside its
//     word. Any other unquoted { or } is refused (so is {a,b}, which would
//     be brace expansion); inside quotes, {x} is literal text.
//   - No placeholder may be in the first word: the program stays trusted.
//   - Literal words are unquoted text, '…', "…" without expansions, and
//     backslash escapes. Unquoted, only letters, digits, non-ASCII
//     characters and _ - . / , : @ + % = are allowed, and # inside a word.
//
// Anything a shell would expand or interpret is refused with a
// *TemplateError giving its byte offset: parameter, command and arithmetic
// expansion, backquotes, $'…' and $"…", globs, ~, ! and ^, operators (; &
// | && ||), redirections, a newline that ends the command, comments,
// assignments, reserved words and blocks, unbalanced quotes, NUL bytes and
// invalid UTF-8. So is text that would mislead a reviewer: unquoted
// invisible or space-like characters such as U+00A0 (validate.IsBlank),
// which glue two words that look apart, and bidirectional controls
// anywhere (CVE-2021-42574). The template is parsed with
// mvdan.cc/sh/v3/syntax (bash variant) after the placeholders are found.
//
// The template is program text: never build it from values, which belong
// in placeholders. A template that is a constant can use MustParseTemplate,
// where only constants compile.
func ParseTemplate(tpl string) (*Template, error) {
	holes, masked, err := scanPlaceholders(tpl)
	if err != nil {
		return nil, err
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(true)).
		Parse(strings.NewReader(masked), "")
	if err != nil {
		var pe syntax.ParseError
		if errors.As(err, &pe) {
			return nil, tplFail(int(pe.Pos.Offset()), ErrNotLiteral, "syntax error: "+pe.Text)
		}
		return nil, tplFail(-1, ErrNotLiteral, "syntax error")
	}
	call, err := simpleCommand(f)
	if err != nil {
		return nil, err
	}
	d := decoder{src: masked, holes: holes}
	t := &Template{places: make(map[string]int)}
	for i, w := range call.Args {
		tw, err := d.word(w, i == 0)
		if err != nil {
			return nil, err
		}
		if len(tw.lit) > maxArgLen {
			return nil, tplFail(int(w.Pos().Offset()), ErrTooLong, "word "+ErrTooLong.Error())
		}
		t.words = append(t.words, tw)
	}
	if d.next < len(holes) {
		// The scan saw a placeholder in unquoted text where the parser
		// saw something else. Not expected, but never silently literal.
		return nil, tplFail(holes[d.next].off, ErrPlaceholder, "placeholder outside unquoted text")
	}
	for _, h := range holes {
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

func tplFail(off int, err error, reason string) *TemplateError {
	return &TemplateError{Offset: off, Reason: reason, Err: err}
}

// hole is a placeholder found by scanPlaceholders.
type hole struct {
	off, end int
	name     string
}

// isBidiControl reports the characters that reorder how text is shown
// ("Trojan Source", CVE-2021-42574), so that a reviewer reads a template in
// another order than the parser does.
func isBidiControl(r rune) bool {
	return 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// scanPlaceholders finds the placeholders of tpl, tracking quotes as bash
// does, and returns tpl with each one masked by underscores of the same
// length, so that the parser sees a plain literal and every offset stays
// the same. It refuses what the masking could hide from the parser or what
// the parser would read differently from this scan: NUL bytes, unquoted
// braces that are not placeholders, $ or ` outside single quotes (every
// expansion starts with one), unquoted control characters, and unquoted
// invisible characters; and, anywhere, bidirectional controls. It reports
// unterminated quotes.
func scanPlaceholders(tpl string) ([]hole, string, error) {
	// A NUL byte is refused wherever it stands: quoted, escaped or not.
	if i := strings.IndexByte(tpl, 0); i >= 0 {
		return nil, "", tplFail(i, ErrNUL, "NUL byte")
	}
	for i, r := range tpl {
		if isBidiControl(r) {
			return nil, "", tplFail(i, ErrNotLiteral,
				"bidirectional control character: the text shown is not the text read (CVE-2021-42574)")
		}
	}
	var holes []hole
	var masked []byte
	for i := 0; i < len(tpl); i++ {
		switch c := tpl[i]; c {
		case '\\':
			i++ // the next byte is quoted; the parser reports a trailing \
		case '\'':
			j := strings.IndexByte(tpl[i+1:], '\'')
			if j < 0 {
				return nil, "", tplFail(i, ErrUnterminated, "single quote is never closed")
			}
			i += j + 1
		case '"':
			end, err := scanDouble(tpl, i)
			if err != nil {
				return nil, "", err
			}
			i = end
		case '$':
			return nil, "", tplFail(i, ErrNotLiteral, "dollar sign starts an expansion or a $'…' or $\"…\" quote")
		case '`':
			return nil, "", tplFail(i, ErrNotLiteral, "backquote starts a command substitution")
		case '}':
			return nil, "", tplFail(i, ErrNotLiteral, "unquoted } that does not close a placeholder")
		case '\n':
			return nil, "", tplFail(i, ErrNotLiteral, "unquoted newline ends the command")
		case '(', ')':
			// The parser would report these at the start of the command.
			return nil, "", tplFail(i, ErrNotLiteral, "unquoted parenthesis")
		case '{':
			n := placeholderLen(tpl[i:])
			if n == 0 {
				return nil, "", tplFail(i, ErrNotLiteral,
					"unquoted { that does not open a placeholder {name} with name [a-z][a-z0-9_]*")
			}
			if masked == nil {
				masked = []byte(tpl)
			}
			for k := i; k < i+n; k++ {
				masked[k] = '_'
			}
			holes = append(holes, hole{off: i, end: i + n, name: tpl[i+1 : i+n-1]})
			i += n - 1
		default:
			if c < ' ' && c != '\t' || c == 0x7f {
				// The parser takes \r for a blank, where bash keeps it
				// in the word.
				return nil, "", tplFail(i, ErrNotLiteral, "unquoted control character")
			}
			if c >= utf8.RuneSelf {
				// U+00A0 or U+3000 between two words make one word
				// that looks like two, and U+200B hides in one.
				_, n := utf8.DecodeRuneInString(tpl[i:])
				if n > 1 && validate.IsBlank(tpl[i:i+n]) {
					return nil, "", tplFail(i, ErrNotLiteral, "unquoted invisible or space-like character")
				}
			}
		}
	}
	if masked == nil {
		return holes, tpl, nil
	}
	return holes, string(masked), nil
}

// scanDouble returns the offset of the quote that closes the "…" opening
// at tpl[i].
func scanDouble(tpl string, i int) (int, error) {
	for j := i + 1; j < len(tpl); j++ {
		switch tpl[j] {
		case '"':
			return j, nil
		case '\\':
			j++
		case '$':
			return 0, tplFail(j, ErrNotLiteral, "expansion inside double quotes")
		case '`':
			return 0, tplFail(j, ErrNotLiteral, "backquote inside double quotes")
		}
	}
	return 0, tplFail(i, ErrUnterminated, "double quote is never closed")
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

// simpleCommand returns the one simple command that f must be, or the
// offset and reason of what else f holds.
func simpleCommand(f *syntax.File) (*syntax.CallExpr, error) {
	var comments []syntax.Comment
	comments = append(comments, f.Last...)
	for _, s := range f.Stmts {
		comments = append(comments, s.Comments...)
	}
	if len(comments) > 0 {
		return nil, tplFail(int(comments[0].Hash.Offset()), ErrNotLiteral, "comment")
	}
	if len(f.Stmts) == 0 {
		return nil, tplFail(-1, ErrEmpty, "template has no words")
	}
	s := f.Stmts[0]
	switch {
	case s.Semicolon.IsValid():
		return nil, tplFail(int(s.Semicolon.Offset()), ErrNotLiteral, "operator that ends or separates commands")
	case len(f.Stmts) > 1:
		return nil, tplFail(int(f.Stmts[1].Pos().Offset()), ErrNotLiteral, "more than one command")
	case s.Negated:
		return nil, tplFail(int(s.Pos().Offset()), ErrNotLiteral, "negation")
	case s.Background || s.Coprocess || s.Disown:
		return nil, tplFail(int(s.Pos().Offset()), ErrNotLiteral, "command run in the background")
	case len(s.Redirs) > 0:
		return nil, tplFail(int(s.Redirs[0].Pos().Offset()), ErrNotLiteral, "redirection")
	}
	switch x := s.Cmd.(type) {
	case *syntax.CallExpr:
		if len(x.Assigns) > 0 {
			return nil, tplFail(int(x.Assigns[0].Pos().Offset()), ErrNotLiteral, "assignment")
		}
		if len(x.Args) == 0 {
			return nil, tplFail(-1, ErrEmpty, "template has no words")
		}
		return x, nil
	case *syntax.BinaryCmd:
		return nil, tplFail(int(x.OpPos.Offset()), ErrNotLiteral, "operator "+x.Op.String())
	case nil:
		return nil, tplFail(-1, ErrEmpty, "template has no words")
	default:
		return nil, tplFail(int(x.Pos().Offset()), ErrNotLiteral, "reserved word, block or compound command")
	}
}

// decoder turns the parsed words into literal text and placeholders,
// reading the bytes of each part from the source by offset.
type decoder struct {
	src   string
	holes []hole
	next  int // the next hole to meet
}

func (d *decoder) word(w *syntax.Word, first bool) (tword, error) {
	var tw tword
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			tw.parts = append(tw.parts, tpart{text: string(buf)})
			buf = buf[:0]
		}
	}
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			lo, hi := int(x.Pos().Offset()), int(x.End().Offset())
			for i := lo; i < hi; {
				if d.next < len(d.holes) && d.holes[d.next].off == i {
					h := d.holes[d.next]
					if first {
						return tw, tplFail(h.off, ErrPlaceholder, "placeholder in the first word: the program must be trusted text")
					}
					flush()
					tw.parts = append(tw.parts, tpart{name: h.name, off: h.off})
					tw.holes = true
					d.next++
					i = h.end
					continue
				}
				c := d.src[i]
				switch {
				case c == '\\' && i+1 < hi && d.src[i+1] == '\n':
					i += 2 // a line continuation
				case c == '\\' && i+1 < hi:
					_, n := utf8.DecodeRuneInString(d.src[i+1:])
					buf = append(buf, d.src[i+1:i+1+n]...)
					i += 1 + n
				case c >= utf8.RuneSelf || byteClass[c]&safePOSIX != 0 || c == '=' || c == '#':
					buf = append(buf, c)
					i++
				default:
					return tw, tplFail(i, ErrNotLiteral, unquotedTemplateReason(c))
				}
			}
		case *syntax.SglQuoted:
			if x.Dollar {
				return tw, tplFail(int(x.Pos().Offset()), ErrNotLiteral, "$'…' quote")
			}
			buf = append(buf, x.Value...)
		case *syntax.DblQuoted:
			lo, hi := int(x.Left.Offset()), int(x.Right.Offset())
			if x.Dollar || d.src[lo] != '"' {
				return tw, tplFail(lo, ErrNotLiteral, "$\"…\" quote")
			}
			for _, p := range x.Parts {
				if _, ok := p.(*syntax.Lit); !ok {
					return tw, tplFail(int(p.Pos().Offset()), ErrNotLiteral, "expansion inside double quotes")
				}
			}
			for i := lo + 1; i < hi; i++ {
				c := d.src[i]
				switch {
				case c == '!':
					return tw, tplFail(i, ErrNotLiteral, "exclamation mark inside double quotes is history expansion in an interactive shell")
				case c == '\\' && i+1 < hi && strings.IndexByte("$`\"\\", d.src[i+1]) >= 0:
					buf = append(buf, d.src[i+1])
					i++
				case c == '\\' && i+1 < hi && d.src[i+1] == '\n':
					i++
				default:
					buf = append(buf, c)
				}
			}
		default:
			return tw, tplFail(int(part.Pos().Offset()), ErrNotLiteral, "expansion")
		}
	}
	flush()
	for _, p := range tw.parts {
		tw.lit += p.text
	}
	if first {
		off := int(w.Pos().Offset())
		if reservedWords[tw.lit] && tw.lit == d.src[off:w.End().Offset()] {
			return tw, tplFail(off, ErrNotLiteral, "reserved word in command position")
		}
		if err := refusal(tw.lit, false); err != nil {
			return tw, tplFail(off, err, "program name: "+err.Error())
		}
	}
	if !tw.holes && len(tw.parts) == 0 {
		tw.parts = []tpart{{}} // an empty quoted word such as ''
	}
	return tw, nil
}

// unquotedTemplateReason names what an unquoted ASCII byte outside the
// template's literal set would do.
func unquotedTemplateReason(c byte) string {
	switch c {
	case '~':
		return "unquoted tilde is expanded"
	case '\\':
		return "backslash at the end of the template"
	}
	return unquotedReason(c)
}
