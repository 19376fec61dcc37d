package shtemplate

import (
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"
	"unsafe"

	"mvdan.cc/sh/v3/syntax"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

const bashDialect = shq.Bash

// maxArgLen is the longest argument Linux accepts (MAX_ARG_STRLEN less the
// NUL), the limit package shq applies too.
const maxArgLen = 131071

// A TrustedScript is shell text written by the program, not taken from
// outside: the one kind of value written as it is. It goes only where a
// whole command is (an action alone on a line) or as the whole script of
// sh -c; anywhere else it is refused, and a string is refused there. Build
// one with [UncheckedScript], whose name review can grep for.
type TrustedScript struct{ text string }

// UncheckedScript returns text as a TrustedScript. text must be complete
// shell commands that the program itself wrote; nothing in it is checked
// but that it parses.
func UncheckedScript(text string) TrustedScript { return TrustedScript{text} }

// String returns the script text.
func (s TrustedScript) String() string { return s.text }

type kind uint8

const (
	kWord       kind = iota // unquoted word or part of one
	kDouble                 // inside the author's "…"
	kSingle                 // inside the author's '…'
	kHeredoc                // here-document body, unquoted delimiter
	kHeredocRaw             // here-document body, quoted delimiter
	kStatement              // alone as a whole command: TrustedScript only
	kScript                 // the whole script of sh -c: TrustedScript only
)

// A layer is one level of a context: the innermost is where the value is,
// the others (embed) the words of sh -c around it.
type layer struct {
	kind                                                       kind
	name                                                       string
	embed                                                      bool
	whole, start, option, force, list, assign, validator, test bool
	bash                                                       bool // kStatement, kScript: parse a TrustedScript as bash
	sshDest                                                    bool // the destination of ssh: before+value+after must pass validate.SSHDestination
	// word, in a layer of the remote command of ssh (kLoginWord and up),
	// is the word of the remote line the action is in: its text's length
	// and number of actions (none: no bound but Login's own).
	word loginWordLen
	// Here-documents.
	delim, before, after string
	dash, known          bool
}

// An action is one {{…}} of the template with its context.
type action struct {
	node   *parse.ActionNode
	tree   *parse.Tree
	ns     *nameSpace
	layers []layer
	rules  []string
	checks []func(string) error
	keep   int // pipeline commands kept (the trailing checks are removed)
	name   string
}

func (a *action) sameContext(b *action) bool {
	if len(a.layers) != len(b.layers) {
		return false
	}
	for i := range a.layers {
		if a.layers[i] != b.layers[i] {
			return false
		}
	}
	return true
}

// sameWord reports whether a and b differ at most in the words of the
// remote command of ssh of their layers: the same context, in words of
// other lengths.
func (a *action) sameWord(b *action) bool {
	if len(a.layers) != len(b.layers) {
		return false
	}
	for i := range a.layers {
		x, y := a.layers[i], b.layers[i]
		x.word, y.word = loginWordLen{}, loginWordLen{}
		if x != y {
			return false
		}
	}
	return true
}

func (a *action) errorf(err error, text string) *Error {
	e := &Error{Name: a.tree.Name, Err: err}
	if text != "" {
		e.Err = because(err, text)
	}
	e.Line, e.Col = position(a.tree, a.node.Pos)
	if len(a.layers) > 0 {
		e.Context = a.layers[0].name
	}
	return e
}

func (a *action) errorCtx(ctx string, err error, reason string) *Error {
	if err == nil {
		err = ErrContext
	}
	e := a.errorf(err, reason)
	e.Context = ctx
	return e
}

// trailingChecks returns the rules of the check commands at the end of
// n's pipeline and how many commands come before them; keep < 0 reports a
// check whose arguments are not known rule names.
func trailingChecks(n *parse.ActionNode) (rules []string, keep int) {
	cmds := n.Pipe.Cmds
	keep = len(cmds)
	rules = []string{}
	for keep > 1 {
		cmd := cmds[keep-1]
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if !ok || id.Ident != "check" {
			break
		}
		var rs []string
		for _, arg := range cmd.Args[1:] {
			s, ok := arg.(*parse.StringNode)
			if !ok {
				return nil, -1
			}
			if _, ok := validate.Lookup(s.Text); !ok {
				return nil, -1
			}
			rs = append(rs, s.Text)
		}
		if len(rs) == 0 {
			return nil, -1
		}
		rules = append(rs, rules...)
		keep--
	}
	return rules, keep
}

func identOf(c *parse.CommandNode) string {
	if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
		return id.Ident
	}
	return ""
}

// static checks what can be checked before any value is known.
func (a *action) static() error {
	for _, r := range a.rules {
		f, _ := validate.Lookup(r)
		a.checks = append(a.checks, f)
	}
	in := a.layers[0]
	a.checks = append(a.checks, contextChecks(in)...)
	if in.validator && len(a.checks) == 0 {
		return a.errorf(ErrValidator, `name a rule: {{.f | check "filename"}}`)
	}
	return nil
}

// rewrite makes the action's pipeline end in its escaper, in place of
// the trailing checks, which the escaper runs.
func (a *action) rewrite(n *parse.ActionNode) {
	cmds := n.Pipe.Cmds[:a.keep:a.keep]
	if k := len(n.Pipe.Cmds); k > 0 && strings.HasPrefix(identOf(n.Pipe.Cmds[k-1]), escPrefix) {
		// A copy of a rewritten tree: its escaper is replaced.
		cmds = n.Pipe.Cmds[: k-1 : k-1]
	}
	id := parse.NewIdentifier(a.name).SetTree(a.tree).SetPos(n.Pos)
	n.Pipe.Cmds = append(cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{id}})
}

// escape is the escaper function of the action: it checks the value and
// returns it written for its context.
func (a *action) escape(v any) (string, error) {
	var buf [256]byte
	b, err := a.appendValue(buf[:0], v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// appendValue checks the value and appends it to dst written for its
// context. On error the returned slice is dst, truncated to its length
// on entry.
func (a *action) appendValue(dst []byte, v any) ([]byte, error) {
	in := &a.layers[0]
	start := len(dst)
	script := in.kind == kStatement || in.kind == kScript
	if s, ok := v.(string); ok && !script {
		dst, err := a.appendOne(dst, s)
		if err != nil || len(a.layers) == 1 {
			return dst, err
		}
		return a.appendOuter(dst, start)
	}
	if ts, ok := v.(TrustedScript); ok {
		if !script {
			return dst, a.errorf(ErrTrusted, "a TrustedScript goes only alone as a command or as the whole script of sh -c")
		}
		lang := syntax.LangPOSIX
		if in.bash {
			lang = syntax.LangBash
		}
		if strings.IndexByte(ts.text, 0) >= 0 {
			return dst, a.errorf(shq.ErrNUL, "")
		}
		if _, err := syntax.NewParser(syntax.Variant(lang)).Parse(strings.NewReader(ts.text), ""); err != nil {
			return dst, a.errorf(ErrSyntax, "the TrustedScript does not parse")
		}
		return a.appendOuter(append(dst, ts.text...), start)
	}
	if script {
		return dst, a.errorf(ErrTrusted, "build the script with UncheckedScript")
	}
	s, vals, isList, err := toValue(v)
	if err != nil {
		return dst, a.errorf(err, "")
	}
	if isList && !in.list {
		return dst, a.errorf(ErrType, "a list goes only where it may stand for several words")
	}
	if isList {
		for i, s := range vals {
			if i > 0 {
				dst = append(dst, ' ')
			}
			if dst, err = a.appendOne(dst, s); err != nil {
				return dst[:start], err
			}
		}
	} else if dst, err = a.appendOne(dst, s); err != nil {
		return dst, err
	}
	return a.appendOuter(dst, start)
}

// appendOuter rewrites dst[start:], the value written for the innermost
// context, for the words of sh -c around it, innermost first.
func (a *action) appendOuter(dst []byte, start int) ([]byte, error) {
	for _, ly := range a.layers[1:] {
		// s is the text so far. Appending the quoting after it writes
		// past it or into a new array, never over it, so s stays valid
		// while it is read; the quoting is then moved down to start.
		s := unsafe.String(unsafe.SliceData(dst[start:]), len(dst)-start)
		if ly.kind >= kLoginWord {
			w, err := a.login(s, &ly)
			if err != nil {
				return dst[:start], err
			}
			// w is s itself or a new string: copying it to start is safe.
			dst = append(dst[:start], w...)
			continue
		}
		if rawOK(s, ly.kind) {
			continue
		}
		mid := len(dst)
		var err error
		if dst, err = appendQuoted(dst, s, ly.kind); err != nil {
			return dst[:start], a.errorf(err, "")
		}
		dst = append(dst[:start], dst[mid:]...)
	}
	if len(a.layers) > 1 && len(dst)-start > maxArgLen {
		return dst[:start], a.errorf(shq.ErrTooLong, "the script of sh -c")
	}
	return dst, nil
}

var testOperators = map[string]bool{"!": true, "(": true, ")": true, "=": true, "==": true, "!=": true, "<": true, ">": true}

// appendOne checks one value and appends it to dst written for the
// innermost context. On error dst is returned unchanged.
func (a *action) appendOne(dst []byte, s string) ([]byte, error) {
	in := &a.layers[0]
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return dst, a.errorf(shq.ErrNUL, "")
	case len(s) > maxArgLen:
		return dst, a.errorf(shq.ErrTooLong, "")
	case in.whole && s == "":
		return dst, a.errorf(shq.ErrEmpty, "")
	case in.whole && validate.IsBlank(s):
		return dst, a.errorf(shq.ErrBlank, "")
	case in.option && s != "" && s[0] == '-':
		return dst, a.errorf(shq.ErrOptionLike, "")
	case in.test && in.whole && testOperators[s]:
		return dst, a.errorf(shq.ErrOptionLike, "test would read it as an operator")
	}
	for _, f := range a.checks {
		if err := f(s); err != nil {
			return dst, a.errorf(err, "")
		}
	}
	switch in.kind {
	case kLoginWord, kLoginSingle:
		w, err := a.login(s, in)
		if err != nil {
			return dst, err
		}
		return append(dst, w...), nil
	case kHeredocRaw:
		if err := a.heredocCheck(s, s); err != nil {
			return dst, err
		}
		return append(dst, s...), nil
	case kHeredoc:
		w := heredocEscape(s)
		if err := a.heredocCheck(s, w); err != nil {
			return dst, err
		}
		return append(dst, w...), nil
	}
	if rawOK(s, in.kind) {
		return append(dst, s...), nil
	}
	start := len(dst)
	dst, err := appendQuoted(dst, s, in.kind)
	if err != nil {
		return dst[:start], a.errorf(err, "")
	}
	// Inside the author's quotes the result is never s: it is two bytes
	// longer than its quoting.
	if in.force && string(dst[start:]) == s {
		dst = append(dst[:start], '\'')
		dst = append(dst, s...)
		return append(dst, '\''), nil
	}
	return dst, nil
}

// appendQuoted appends s written with shq.AppendQuote, closing the
// author's double or single quotes of kind k before it and reopening them
// after it.
func appendQuoted(dst []byte, s string, k kind) ([]byte, error) {
	dst = appendAuthorQuote(dst, k)
	dst, err := shq.AppendQuote(dst, s)
	if err != nil {
		return dst, err
	}
	return appendAuthorQuote(dst, k), nil
}

// appendAuthorQuote appends the quote character of kind k, if it is one
// of the author's quotes.
func appendAuthorQuote(dst []byte, k kind) []byte {
	switch k {
	case kDouble:
		return append(dst, '"')
	case kSingle:
		return append(dst, '\'')
	}
	return dst
}

// rawOK reports whether s may be written as it is inside the author's
// double or single quotes: ASCII only (no byte a multi-byte locale could
// join with the closing quote), with no byte that is special there (and
// no '!', which an interactive bash expands inside double quotes).
func rawOK(s string, k kind) bool {
	if k != kDouble && k != kSingle {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == 0 {
			return false
		}
		if k == kSingle && c == '\'' || k == kDouble && (c == '"' || c == '$' || c == '`' || c == '\\' || c == '!') {
			return false
		}
	}
	return true
}

// heredocEscape puts a backslash before each byte that is special in the
// body of a here-document with an unquoted delimiter.
func heredocEscape(s string) string {
	if !strings.ContainsAny(s, "$`\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '$' || c == '`' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// heredocCheck refuses a value (s, written as w) that would end the
// here-document early or hide a syntax byte in a multi-byte character.
func (a *action) heredocCheck(s, w string) error {
	in := &a.layers[0]
	if !utf8.ValidString(s) {
		// ksh93 drops a here-document with invalid UTF-8 under a UTF-8
		// locale (and crashes on one inside $(…)).
		return a.errorf(ErrMultibyte, "a here-document value must be valid UTF-8")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if in.kind == kHeredoc && (c == '$' || c == '`' || c == '\\') && i > 0 && s[i-1] >= 0x80 {
			return a.errorf(ErrMultibyte, "")
		}
		if i > 0 && hazardPair(s[i-1], c) && (i+1 == len(s) || isSyntax(s[i+1])) {
			return a.errorf(ErrMultibyte, "")
		}
	}
	if n := len(s); n >= 2 && hazardPair(s[n-2], s[n-1]) {
		return a.errorf(ErrMultibyte, "")
	}
	if in.dash && (strings.Contains(w, "\n\t") || strings.TrimLeft(in.before, "\t") == "" && strings.HasPrefix(w, "\t")) {
		return a.errorf(ErrDelimiter, "a line of the value starts with a tab, which <<- strips")
	}
	// The lines of the value are walked in place: the first is glued to
	// the text before the value, the last to the text after it.
	hit := false
	for rest, first := w, true; ; first = false {
		line, tail, more := strings.Cut(rest, "\n")
		if !in.known {
			if strings.Contains(line, in.delim) {
				return a.errorf(ErrDelimiter, "")
			}
		} else {
			pre, post := "", ""
			if first {
				pre = in.before
			}
			if !more {
				post = in.after
			}
			hit = hit || isDelim(pre, line, post, in.delim, in.dash)
		}
		if !more {
			break
		}
		rest = tail
	}
	if hit {
		return a.errorf(ErrDelimiter, "")
	}
	return nil
}

// isDelim reports whether the line pre+line+post, with its leading tabs
// removed if dash, is delim.
func isDelim(pre, line, post, delim string, dash bool) bool {
	n := len(pre) + len(line) + len(post)
	if n < len(delim) || !dash && n != len(delim) {
		return false
	}
	l := pre + line + post
	if dash {
		l = strings.TrimLeft(l, "\t")
	}
	return l == delim
}

func isSyntax(c byte) bool {
	return c < 0x80 && (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z')
}

// toStrings returns the strings a value stands for: one for a string or an
// integer, the elements of a []string (isList).
func toStrings(v any) (vals []string, isList bool, err error) {
	s, vals, isList, err := toValue(v)
	if err != nil || isList {
		return vals, isList, err
	}
	return []string{s}, false, nil
}

// toValue returns the string a value stands for (a string or an
// integer), or the elements of a []string (isList).
func toValue(v any) (s string, vals []string, isList bool, err error) {
	switch x := v.(type) {
	case string:
		return x, nil, false, nil
	case []string:
		return "", x, true, nil
	case int:
		return strconv.Itoa(x), nil, false, nil
	case nil:
		return "", nil, false, because(ErrType, "no value")
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String(), nil, false, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), nil, false, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10), nil, false, nil
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.String {
			out := make([]string, rv.Len())
			for i := range out {
				out[i] = rv.Index(i).String()
			}
			return "", out, true, nil
		}
	}
	return "", nil, false, because(ErrType, "want a string, an integer or a []string")
}

func reflectTypeName(n any) string { return reflect.TypeOf(n).String() }

func itoa(i int) string { return strconv.Itoa(i) }
