package shtemplate

import (
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"

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
	if len(n.Pipe.Cmds) > 0 && strings.HasPrefix(identOf(n.Pipe.Cmds[len(n.Pipe.Cmds)-1]), escPrefix) {
		return
	}
	cmds := n.Pipe.Cmds[:a.keep:a.keep]
	id := parse.NewIdentifier(a.name).SetTree(a.tree).SetPos(n.Pos)
	n.Pipe.Cmds = append(cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{id}})
}

// escape is the escaper function of the action: it checks the value and
// returns it written for its context.
func (a *action) escape(v any) (string, error) {
	in := a.layers[0]
	if s, ok := v.(string); ok && in.kind != kStatement && in.kind != kScript {
		out, err := a.one(s)
		if err != nil || len(a.layers) == 1 {
			return out, err
		}
		return a.outer(out)
	}
	if ts, ok := v.(TrustedScript); ok {
		if in.kind != kStatement && in.kind != kScript {
			return "", a.errorf(ErrTrusted, "a TrustedScript goes only alone as a command or as the whole script of sh -c")
		}
		lang := syntax.LangPOSIX
		if in.bash {
			lang = syntax.LangBash
		}
		if strings.IndexByte(ts.text, 0) >= 0 {
			return "", a.errorf(shq.ErrNUL, "")
		}
		if _, err := syntax.NewParser(syntax.Variant(lang)).Parse(strings.NewReader(ts.text), ""); err != nil {
			return "", a.errorf(ErrSyntax, "the TrustedScript does not parse")
		}
		return a.outer(ts.text)
	}
	if in.kind == kStatement || in.kind == kScript {
		return "", a.errorf(ErrTrusted, "build the script with UncheckedScript")
	}
	vals, isList, err := toStrings(v)
	if err != nil {
		return "", a.errorf(err, "")
	}
	if isList && !in.list {
		return "", a.errorf(ErrType, "a list goes only where it may stand for several words")
	}
	var out string
	if isList {
		var b strings.Builder
		for i, s := range vals {
			w, err := a.one(s)
			if err != nil {
				return "", err
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		out = b.String()
	} else {
		out, err = a.one(vals[0])
		if err != nil {
			return "", err
		}
	}
	return a.outer(out)
}

// outer writes s for the words of sh -c around the value, innermost
// first.
func (a *action) outer(s string) (string, error) {
	for _, ly := range a.layers[1:] {
		if ly.kind >= kLoginWord {
			var err error
			if s, err = a.login(s, ly.kind); err != nil {
				return "", err
			}
			continue
		}
		q, err := shq.Quote(s)
		if err != nil {
			return "", a.errorf(err, "")
		}
		switch {
		case rawOK(s, ly.kind):
		case ly.kind == kDouble:
			s = `"` + q + `"`
		case ly.kind == kSingle:
			s = "'" + q + "'"
		default:
			s = q
		}
	}
	if len(a.layers) > 1 && len(s) > maxArgLen {
		return "", a.errorf(shq.ErrTooLong, "the script of sh -c")
	}
	return s, nil
}

var testOperators = map[string]bool{"!": true, "(": true, ")": true, "=": true, "==": true, "!=": true, "<": true, ">": true}

// one checks one value and writes it for the innermost context.
func (a *action) one(s string) (string, error) {
	in := a.layers[0]
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return "", a.errorf(shq.ErrNUL, "")
	case len(s) > maxArgLen:
		return "", a.errorf(shq.ErrTooLong, "")
	case in.whole && s == "":
		return "", a.errorf(shq.ErrEmpty, "")
	case in.whole && validate.IsBlank(s):
		return "", a.errorf(shq.ErrBlank, "")
	case in.option && s != "" && s[0] == '-':
		return "", a.errorf(shq.ErrOptionLike, "")
	case in.test && in.whole && testOperators[s]:
		return "", a.errorf(shq.ErrOptionLike, "test would read it as an operator")
	}
	for _, f := range a.checks {
		if err := f(s); err != nil {
			return "", a.errorf(err, "")
		}
	}
	switch in.kind {
	case kLoginWord, kLoginSingle:
		return a.login(s, in.kind)
	case kHeredocRaw:
		if err := a.heredocCheck(s, s); err != nil {
			return "", err
		}
		return s, nil
	case kHeredoc:
		w := heredocEscape(s)
		if err := a.heredocCheck(s, w); err != nil {
			return "", err
		}
		return w, nil
	}
	if rawOK(s, in.kind) {
		return s, nil
	}
	q, err := shq.Quote(s)
	if err != nil {
		return "", a.errorf(err, "")
	}
	switch in.kind {
	case kDouble:
		return `"` + q + `"`, nil
	case kSingle:
		return "'" + q + "'", nil
	}
	if in.force && q == s {
		return "'" + s + "'", nil
	}
	return q, nil
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
	in := a.layers[0]
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
	eq := func(line string) bool {
		if in.dash {
			line = strings.TrimLeft(line, "\t")
		}
		return line == in.delim
	}
	lines := strings.Split(w, "\n")
	if !in.known {
		for _, l := range lines {
			if strings.Contains(l, in.delim) {
				return a.errorf(ErrDelimiter, "")
			}
		}
		return nil
	}
	n := len(lines)
	hit := false
	if n == 1 {
		hit = eq(in.before + lines[0] + in.after)
	} else {
		hit = eq(in.before+lines[0]) || eq(lines[n-1]+in.after)
		for _, l := range lines[1 : n-1] {
			hit = hit || eq(l)
		}
	}
	if hit {
		return a.errorf(ErrDelimiter, "")
	}
	return nil
}

func isSyntax(c byte) bool {
	return c < 0x80 && (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z')
}

// toStrings returns the strings a value stands for: one for a string or an
// integer, the elements of a []string (isList).
func toStrings(v any) (vals []string, isList bool, err error) {
	switch x := v.(type) {
	case string:
		return []string{x}, false, nil
	case []string:
		return x, true, nil
	case int:
		return []string{strconv.Itoa(x)}, false, nil
	case nil:
		return nil, false, because(ErrType, "no value")
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return []string{rv.String()}, false, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return []string{strconv.FormatInt(rv.Int(), 10)}, false, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return []string{strconv.FormatUint(rv.Uint(), 10)}, false, nil
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.String {
			out := make([]string, rv.Len())
			for i := range out {
				out[i] = rv.Index(i).String()
			}
			return out, true, nil
		}
	}
	return nil, false, because(ErrType, "want a string, an integer or a []string")
}

func reflectTypeName(n any) string { return reflect.TypeOf(n).String() }

func itoa(i int) string { return strconv.Itoa(i) }
