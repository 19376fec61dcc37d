package shtemplate

import (
	"reflect"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// result is the context found for one marker occurrence.
type result struct {
	layers  []layer
	refused string // the context, when no value may go there
	err     error  // reason of a refusal, ErrContext if nil
	reason  string
}

// role is what a word is to the command around it.
type role struct {
	name      string
	option    bool // a leading '-' would be read as an option
	force     bool // quote even a value that needs no quoting
	list      bool // a []string may give several words
	assign    bool // an assignment value: no option check
	prefix    bool // NAME= comes first in the word (export, env)
	validator bool // needs a check (redirection target)
	test      bool // argument of test or [
	dest      bool // the destination of ssh
}

var argRole = role{name: "argument", option: true, list: true}

// classifier walks a parsed variant and finds the context of each marker.
type classifier struct {
	a   *analysis
	v   *variant
	ctx []*result
	// inPipe is set while classifying the commands of && || and |, where
	// an action alone is not a whole command of the script.
	inPipe int
	// inSubst is set inside $(…) and <(…): posh and ksh93 misread a
	// here-document there (a quote or a trailing backslash in its body
	// breaks the substitution), so no value goes into one.
	inSubst int
	// login is set in the remote command of ssh, which the remote user's
	// login shell reads: its words are written with shq.Login.
	login bool
	// words are the spans of the remote line that each word of the local
	// script gave, in the remote command of ssh.
	words []span
}

func (c *classifier) set(occ int, r *result) {
	if occ < 0 || occ >= len(c.ctx) {
		return
	}
	old := c.ctx[occ]
	switch {
	case old != nil && old.refused != "":
	case old == nil || r.refused != "":
		c.ctx[occ] = r
	default:
		c.ctx[occ] = &result{refused: "ambiguous context"}
	}
}

// refuseText refuses every marker in s.
func (c *classifier) refuseText(s, what string) {
	occ, _ := markersIn(s)
	for _, o := range occ {
		c.set(o, &result{refused: what})
	}
}

// refuseNode refuses every marker in the source of n.
func (c *classifier) refuseNode(src string, n syntax.Node, what string) {
	if n == nil || reflect.ValueOf(n).IsNil() || !n.Pos().IsValid() {
		return
	}
	lo, hi := int(n.Pos().Offset()), int(n.End().Offset())
	if lo < 0 || hi > len(src) || lo > hi {
		c.refuseText(src, what)
		return
	}
	c.refuseText(src[lo:hi], what)
}

func (c *classifier) file(src string, f *syntax.File, outer []layer, depth int) {
	c.stmts(src, f.Stmts, outer, depth)
	for _, cm := range f.Last {
		c.refuseText(cm.Text, "comment")
	}
}

func (c *classifier) stmts(src string, list []*syntax.Stmt, outer []layer, depth int) {
	for _, s := range list {
		c.stmt(src, s, outer, depth)
	}
}

func (c *classifier) stmt(src string, s *syntax.Stmt, outer []layer, depth int) {
	for _, cm := range s.Comments {
		c.refuseText(cm.Text, "comment")
	}
	if ce, ok := s.Cmd.(*syntax.CallExpr); ok && readsScript(ce.Args) {
		// The here-document or here-string is a script to it.
		for _, r := range s.Redirs {
			if r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc || r.Op == syntax.WordHdoc {
				c.refuseNode(src, r.Hdoc, "here-document read by a shell as a script")
				c.refuseNode(src, r.Word, "here-string read by a shell as a script")
			}
		}
	}
	for _, r := range s.Redirs {
		c.redirect(src, r, outer)
	}
	switch x := s.Cmd.(type) {
	case nil:
	case *syntax.CallExpr:
		c.call(src, s, x, outer, depth)
	case *syntax.BinaryCmd:
		if x.Op == syntax.Pipe || x.Op == syntax.PipeAll {
			// What an earlier stage writes may reach a later stage that
			// reads its standard input as a script (… | sh).
			stages := pipeStages(s, nil)
			for i := range stages {
				for _, later := range stages[i+1:] {
					if ce, ok := later.Cmd.(*syntax.CallExpr); ok && readsScript(ce.Args) {
						c.refuseNode(src, stages[i], "output piped into a shell that reads it as a script")
						break
					}
				}
			}
		}
		c.inPipe++
		c.stmt(src, x.X, outer, depth)
		c.stmt(src, x.Y, outer, depth)
		c.inPipe--
	case *syntax.Block:
		c.stmts(src, x.Stmts, outer, depth)
	case *syntax.Subshell:
		c.stmts(src, x.Stmts, outer, depth)
	case *syntax.IfClause:
		for ic := x; ic != nil; ic = ic.Else {
			c.stmts(src, ic.Cond, outer, depth)
			c.stmts(src, ic.Then, outer, depth)
		}
	case *syntax.WhileClause:
		c.stmts(src, x.Cond, outer, depth)
		c.stmts(src, x.Do, outer, depth)
	case *syntax.ForClause:
		if wi, ok := x.Loop.(*syntax.WordIter); ok {
			c.refuseNode(src, wi.Name, "loop variable name")
			if braces(wi.Items) {
				c.refuseWords(src, wi.Items, "for list with a brace expansion ({a,b} and {1..3}: bash, zsh and ksh make several words of it, or none)")
			}
			for _, w := range wi.Items {
				c.word(src, w, role{name: "for list", force: true, list: true}, outer)
			}
		} else {
			c.refuseNode(src, x.Loop, "arithmetic")
		}
		c.stmts(src, x.Do, outer, depth)
	case *syntax.CaseClause:
		c.word(src, x.Word, role{name: "case word", force: true}, outer)
		for _, it := range x.Items {
			for _, cm := range it.Comments {
				c.refuseText(cm.Text, "comment")
			}
			for _, p := range it.Patterns {
				c.word(src, p, role{name: "case pattern", force: true}, outer)
			}
			c.stmts(src, it.Stmts, outer, depth)
		}
		for _, cm := range x.Last {
			c.refuseText(cm.Text, "comment")
		}
	case *syntax.FuncDecl:
		c.refuseNode(src, x.Name, "function name")
		c.stmt(src, x.Body, outer, depth)
	case *syntax.TimeClause:
		if x.Stmt != nil {
			c.stmt(src, x.Stmt, outer, depth)
		}
	case *syntax.TestClause:
		c.testExpr(src, x.X, outer)
	case *syntax.DeclClause:
		for _, as := range x.Args {
			c.assign(src, as, outer)
		}
	case *syntax.ArithmCmd, *syntax.LetClause:
		c.refuseNode(src, x, "arithmetic")
	default:
		c.refuseNode(src, x, "unknown context")
	}
}

// pipeStages lists the stages of the pipeline s, in order.
func pipeStages(s *syntax.Stmt, out []*syntax.Stmt) []*syntax.Stmt {
	if b, ok := s.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) {
		return pipeStages(b.Y, pipeStages(b.X, out))
	}
	return append(out, s)
}

func (c *classifier) redirect(src string, r *syntax.Redirect, outer []layer) {
	switch r.Op {
	case syntax.Hdoc, syntax.DashHdoc:
		c.refuseNode(src, r.Word, "here-document delimiter")
		if r.Hdoc != nil {
			c.heredoc(src, r, outer)
		}
	case syntax.WordHdoc:
		c.word(src, r.Word, role{name: "here-string", assign: true}, outer)
	default:
		c.word(src, r.Word, role{name: "redirection target", validator: true, assign: true}, outer)
	}
}

func (c *classifier) heredoc(src string, r *syntax.Redirect, outer []layer) {
	delim, lit := decode(r.Word)
	if c.inSubst > 0 {
		c.refuseNode(src, r.Hdoc, "here-document inside $(…)")
		return
	}
	if !lit {
		c.refuseNode(src, r.Hdoc, "here-document with a delimiter that is not literal")
		return
	}
	quoted := false
	for _, p := range r.Word.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			if strings.ContainsRune(x.Value, '\\') {
				quoted = true
			}
		default:
			quoted = true
		}
	}
	parts := r.Hdoc.Parts
	for i, p := range parts {
		l, ok := p.(*syntax.Lit)
		if !ok {
			c.refuseNode(src, p, "expansion inside a here-document")
			continue
		}
		occ, offs := markersIn(l.Value)
		for k, o := range occ {
			off := offs[k]
			if !c.checkBefore(src, l, off, o, !quoted) {
				continue
			}
			ly := layer{kind: kHeredoc, name: "here-document body", delim: delim, dash: r.Op == syntax.DashHdoc}
			if quoted {
				ly.kind, ly.name = kHeredocRaw, "here-document body (quoted delimiter)"
			}
			ls := strings.LastIndexByte(l.Value[:off], '\n') + 1
			le := strings.IndexByte(l.Value[off:], '\n')
			if le < 0 {
				le = len(l.Value)
			} else {
				le += off
			}
			ly.before, ly.after = l.Value[ls:off], l.Value[off+markerLen:le]
			ly.known = (ls > 0 || i == 0) && (le < len(l.Value) || i == len(parts)-1) &&
				!strings.Contains(ly.before, markerPrefix) && !strings.Contains(ly.after, markerPrefix)
			if !ly.known {
				ly.before, ly.after = "", ""
			}
			c.set(o, &result{layers: append([]layer{ly}, outer...)})
		}
	}
}

// checkBefore refuses occurrence o at offset off of l's value if the byte
// before it is a backslash (it would escape the first byte written) or the
// two bytes before it are a partial multi-byte character that would join
// the first byte written. It reports whether o may go on.
func (c *classifier) checkBefore(src string, l *syntax.Lit, off, o int, backslash bool) bool {
	if backslash && off > 0 && l.Value[off-1] == '\\' {
		c.set(o, &result{refused: "after a backslash"})
		return false
	}
	at := int(l.Pos().Offset()) + off
	if at >= 2 && at <= len(src) && hazardPair(src[at-2], src[at-1]) {
		c.set(o, &result{refused: "after a partial multi-byte character"})
		return false
	}
	return true
}

// hazardPair reports whether a, b is a two-byte prefix that glibc reads
// as an incomplete character whatever follows (GB18030 four-byte form,
// EUC-TW four-byte form).
func hazardPair(a, b byte) bool {
	return a >= 0x81 && a <= 0xfe && b >= '0' && b <= '9' || a == 0x8e && b >= 0xa1 && b <= 0xb0
}

func (c *classifier) assign(src string, as *syntax.Assign, outer []layer) {
	if as.Naked {
		// declare NAME, or an option of declare: a name, never a value.
		c.refuseNode(src, as.Name, "argument of a declaration (a name)")
		c.refuseNode(src, as.Value, "argument of a declaration (a name)")
		return
	}
	c.refuseNode(src, as.Name, "variable name")
	if as.Index != nil {
		c.refuseNode(src, as.Index, "arithmetic")
	}
	if as.Array != nil {
		c.refuseNode(src, as.Array, "array assignment")
	}
	if as.Value != nil {
		c.word(src, as.Value, role{name: "assignment value", assign: true}, outer)
	}
}

func (c *classifier) testExpr(src string, x syntax.TestExpr, outer []layer) {
	switch x := x.(type) {
	case *syntax.BinaryTest:
		c.testExpr(src, x.X, outer)
		switch x.Op {
		case syntax.TsMatch, syntax.TsMatchShort, syntax.TsNoMatch:
			if w, ok := x.Y.(*syntax.Word); ok {
				c.word(src, w, role{name: "[[ ]] pattern", force: true}, outer)
				return
			}
		case syntax.TsReMatch:
			c.refuseNode(src, x.Y, "[[ =~ ]] regular expression")
			return
		}
		c.testExpr(src, x.Y, outer)
	case *syntax.UnaryTest:
		c.testExpr(src, x.X, outer)
	case *syntax.ParenTest:
		c.testExpr(src, x.X, outer)
	case *syntax.Word:
		c.word(src, x, role{name: "[[ ]] operand", force: true}, outer)
	default:
		c.refuseNode(src, x, "unknown context")
	}
}

// word classifies the markers in w.
func (c *classifier) word(src string, w *syntax.Word, r role, outer []layer) {
	if w == nil {
		return
	}
	if end := int(w.End().Offset()); end < len(src) && (src[end] == '<' || src[end] == '>') {
		// A word of digits right before < or > would be read as the
		// redirection's file descriptor: echo 2>f.
		r.force = true
	}
	dec, _ := decode(w)
	if r.prefix {
		if i := strings.IndexByte(dec, '='); i >= 0 {
			dec = dec[i+1:]
		}
	}
	mk := func(k kind, name string, o int) layer {
		m := marker(o)
		if c.login {
			k, name = loginKind(k), name+" in the remote command of ssh"
		}
		ly := layer{kind: k, name: name, force: r.force, assign: r.assign, validator: r.validator, test: r.test}
		ly.whole = dec == m
		ly.start = strings.HasPrefix(dec, m)
		ly.option = r.option && ly.start
		ly.list = r.list && ly.whole && (k == kWord || k == kLoginWord)
		if r.dest {
			i := strings.Index(dec, m)
			ly.sshDest, ly.before, ly.after = true, dec[:i], dec[i+len(m):]
		}
		return ly
	}
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			occ, offs := markersIn(x.Value)
			for k, o := range occ {
				if !c.checkBefore(src, x, offs[k], o, true) {
					continue
				}
				name := r.name
				if dec != marker(o) {
					name = "part of " + r.name
				}
				c.set(o, &result{layers: append([]layer{mk(kWord, name, o)}, outer...)})
			}
		case *syntax.SglQuoted:
			if x.Dollar {
				c.refuseNode(src, x, "inside $'…'")
				continue
			}
			occ, _ := markersIn(x.Value)
			for _, o := range occ {
				c.set(o, &result{layers: append([]layer{mk(kSingle, r.name+", inside single quotes", o)}, outer...)})
			}
		case *syntax.DblQuoted:
			if x.Dollar {
				c.refuseNode(src, x, "inside $\"…\"")
				continue
			}
			if c.login {
				c.refuseNode(src, x, "inside double quotes in the remote command of ssh")
				continue
			}
			for _, q := range x.Parts {
				switch y := q.(type) {
				case *syntax.Lit:
					occ, offs := markersIn(y.Value)
					for k, o := range occ {
						if !c.checkBefore(src, y, offs[k], o, true) {
							continue
						}
						c.set(o, &result{layers: append([]layer{mk(kDouble, r.name+", inside double quotes", o)}, outer...)})
					}
				default:
					c.part(src, q, outer)
				}
			}
		default:
			c.part(src, p, outer)
		}
	}
}

// part classifies a word part that is not literal text.
func (c *classifier) part(src string, p syntax.WordPart, outer []layer) {
	switch x := p.(type) {
	case *syntax.CmdSubst:
		if x.Backquotes {
			c.refuseNode(src, x, "inside `…`")
			return
		}
		c.inSubst++
		c.stmts(src, x.Stmts, outer, 0)
		c.inSubst--
	case *syntax.ProcSubst:
		c.inSubst++
		c.stmts(src, x.Stmts, outer, 0)
		c.inSubst--
	case *syntax.ParamExp:
		c.refuseNode(src, x, "parameter expansion")
	case *syntax.ArithmExp:
		c.refuseNode(src, x, "arithmetic")
	case *syntax.ExtGlob:
		c.refuseNode(src, x, "extended glob pattern")
	default:
		c.refuseNode(src, x, "unknown context")
	}
}

// decode returns the value a shell gives w, with every part that is not
// literal text (an expansion) as a NUL byte, and whether there was none.
func decode(w *syntax.Word) (string, bool) {
	if w == nil {
		return "", false
	}
	var b strings.Builder
	lit := true
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			unescape(&b, x.Value, false)
		case *syntax.SglQuoted:
			if x.Dollar {
				b.WriteByte(0)
				lit = false
				continue
			}
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			if x.Dollar {
				b.WriteByte(0)
				lit = false
				continue
			}
			for _, q := range x.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					unescape(&b, l.Value, true)
				} else {
					b.WriteByte(0)
					lit = false
				}
			}
		default:
			b.WriteByte(0)
			lit = false
		}
	}
	return b.String(), lit
}

// unescape removes the backslashes a shell removes from s, unquoted or
// inside double quotes.
func unescape(b *strings.Builder, s string, dq bool) {
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		n := s[i+1]
		switch {
		case n == '\n':
			i++
		case !dq || n == '$' || n == '`' || n == '"' || n == '\\':
			b.WriteByte(n)
			i++
		default:
			b.WriteByte('\\')
		}
	}
}

// literal is decode for words that must be plain text.
func literal(w *syntax.Word) (string, bool) {
	s, ok := decode(w)
	return s, ok
}
