package shtemplate

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"mvdan.cc/sh/v3/syntax"

	"github.com/safeshell/safeshell/shq"
)

// The analysis renders the template without data: each text node as its
// text and each action that prints as a marker, a plain word such as
// SHQACT00003Z that a shell parser reads as a literal (and as a name, so
// that X{{.v}}=1 and ${{.v}} show up as the name and parameter contexts
// they are). The rendered script is parsed with mvdan.cc/sh and walked to
// find the context of each marker.
//
// Branches: a variant of the rendering picks one alternative at each
// {{if}}, {{with}} and {{range}} (a range renders its body once, never or
// twice). The default variant takes the first alternative everywhere; then
// each control node is flipped to each other alternative in turn, with the
// nodes around it as in the variant where it was first reached. Every
// variant must parse, every action must get the same context in each
// variant and each place it is rendered, and the script after each
// rendering of a flipped node must parse to the same nodes, at the same
// offsets from the end of the node and inside the same quotes and
// substitutions, as without the flip: a node whose alternatives leave the
// shell's lexical state different is refused. Flipping one node at a time
// is enough because each node is then shown to leave the state after it as
// it found it, whatever the alternative.

const (
	markerPrefix = "SHQACT"
	markerDigits = 5
	markerLen    = len(markerPrefix) + markerDigits + 1
	maxOccur     = 99999
	maxVariants  = 4096
	maxDepth     = 4 // nested scripts: sh -c in sh -c in sh -c in sh -c
)

// errUndefined is the reason of a call of an undefined template: Parse
// lets it pass (a later Parse may define it), Execute does not.
var errUndefined = because(ErrTemplate, "call of an undefined template")

func marker(i int) string {
	s := strconv.Itoa(i)
	return markerPrefix + strings.Repeat("0", markerDigits-len(s)) + s + "Z"
}

// markersIn returns the occurrence numbers of the markers in s, in order.
func markersIn(s string) (occ []int, offs []int) {
	for i := 0; ; {
		j := strings.Index(s[i:], markerPrefix)
		if j < 0 {
			return
		}
		j += i
		if n, ok := markerAt(s, j); ok {
			occ = append(occ, n)
			offs = append(offs, j)
			i = j + markerLen
			continue
		}
		i = j + 1
	}
}

func markerAt(s string, j int) (int, bool) {
	if j+markerLen > len(s) || s[j+markerLen-1] != 'Z' || !strings.HasPrefix(s[j:], markerPrefix) {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s[j+len(markerPrefix) : j+markerLen-1]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// An occurrence is one rendering of an action in a variant.
type occurrence struct {
	node *parse.ActionNode
	tree *parse.Tree
	path string // the {{template}} calls it was rendered in (callPath)
	off  int    // offset of the marker in the rendered script
}

// An instance is an action as rendered through one chain of {{template}}
// calls: the same node called from two places is two instances, which
// may be in different contexts (Execute then escapes a copy of the
// called template for each).
type instance struct {
	path string
	node *parse.ActionNode
}

// A call is one {{template}} node as reached through a chain of calls.
type call struct {
	node   *parse.TemplateNode
	name   string // the name called when it was rendered
	parent string // the path of the template the node is in
}

// callPath returns the key of a chain of {{template}} calls.
func callPath(calls []*parse.TemplateNode) string {
	var b strings.Builder
	for _, c := range calls {
		fmt.Fprintf(&b, "%p/", c)
	}
	return b.String()
}

// A chunk maps a run of the rendered script back to a text node.
type chunk struct {
	off  int
	tree *parse.Tree
	pos  parse.Pos
	n    int
}

type span struct{ start, end int }

// A variant is one rendering.
type variant struct {
	choice  map[parse.Node]int
	src     string
	occ     []occurrence
	chunks  []chunk
	spans   map[parse.Node][]span
	visited []parse.Node // control nodes in the order first rendered
	alts    map[parse.Node]int
	file    *syntax.File
}

type analysis struct {
	ns    *nameSpace
	root  *template.Template
	lang  syntax.LangVariant
	found map[instance]*action
	calls map[string]call // by the path of the called template
}

func newAnalysis(ns *nameSpace, root *template.Template) *analysis {
	lang := syntax.LangPOSIX
	if ns.dialect == bashDialect {
		lang = syntax.LangBash
	}
	return &analysis{ns: ns, root: root, lang: lang, found: map[instance]*action{}, calls: map[string]call{}}
}

// run analyses the template whose tree is tr as a whole script and returns
// the context of every instance of an action it renders.
func (a *analysis) run(tr *parse.Tree) (map[instance]*action, error) {
	base, err := a.variant(tr, map[parse.Node]int{})
	if err != nil {
		return nil, err
	}
	explored := map[parse.Node]bool{}
	queue := []*variant{base}
	count := 1
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		for _, n := range b.visited {
			if explored[n] {
				continue
			}
			explored[n] = true
			for alt := 1; alt < b.alts[n]; alt++ {
				if count++; count > maxVariants {
					return nil, a.nodeErr(tr, n, ErrTemplate, "too many branches to analyse")
				}
				choice := make(map[parse.Node]int, len(b.choice)+1)
				for k, v := range b.choice {
					choice[k] = v
				}
				choice[n] = alt
				v, err := a.variant(tr, choice)
				if err != nil {
					return nil, err
				}
				if err := a.sameAfter(b, v, n); err != nil {
					return nil, err
				}
				queue = append(queue, v)
			}
		}
	}
	return a.found, nil
}

// variant renders, parses and classifies one variant.
func (a *analysis) variant(tr *parse.Tree, choice map[parse.Node]int) (*variant, error) {
	r := &renderer{a: a, v: &variant{choice: choice, spans: map[parse.Node][]span{}, alts: map[parse.Node]int{}}}
	if err := r.list(tr, tr.Root, nil); err != nil {
		return nil, err
	}
	v := r.v
	v.src = string(r.buf)
	p := syntax.NewParser(syntax.Variant(a.lang), syntax.KeepComments(true))
	f, err := p.Parse(strings.NewReader(v.src), "")
	if err != nil {
		return nil, a.syntaxErr(v, err)
	}
	v.file = f
	c := &classifier{a: a, v: v, ctx: make([]*result, len(v.occ))}
	c.file(v.src, f, nil, 0)
	for i, o := range v.occ {
		res := c.ctx[i]
		if res == nil {
			res = &result{refused: "unknown context"}
		}
		act := &action{node: o.node, tree: o.tree, ns: a.ns}
		if res.refused != "" {
			return nil, act.errorCtx(res.refused, res.err, res.reason)
		}
		act.layers = res.layers
		if old := a.ns.actions[o.node]; old != nil {
			act.rules, act.keep = old.rules, old.keep
		} else {
			act.rules, act.keep = trailingChecks(o.node)
		}
		if act.rules == nil && act.keep < 0 {
			return nil, act.errorf(ErrTemplate, "check takes rule names that are string constants known to package validate")
		}
		if err := act.static(); err != nil {
			return nil, err
		}
		key := instance{o.path, o.node}
		if old := a.found[key]; old != nil {
			if !old.sameContext(act) {
				if old.sameWord(act) {
					return nil, act.errorf(shq.ErrLoginLength, "the text or the number of actions of the action's word of the remote command of ssh depends on {{if}}, {{with}} or {{range}}, and csh limits a word's length (many values in one word: one action with a []string)")
				}
				return nil, act.errorf(ErrBranches, "the action is in "+old.layers[0].name+" in one rendering and in "+act.layers[0].name+" in another")
			}
			continue
		}
		a.found[key] = act
	}
	return v, nil
}

// sameAfter checks that after each rendering of node n the script parses
// the same in b and in v.
func (a *analysis) sameAfter(b, v *variant, n parse.Node) error {
	sb, sv := b.spans[n], v.spans[n]
	if len(sb) != len(sv) {
		return a.nodeErr(nil, n, ErrBranches, "branches leave the script in different states")
	}
	for i := range sb {
		eb, ev := len(b.src), len(v.src)
		if i+1 < len(sb) {
			eb, ev = sb[i+1].start, sv[i+1].start
		}
		if !equalSigs(signature(b.file, sb[i].end, eb), signature(v.file, sv[i].end, ev)) {
			return a.nodeErr(nil, n, ErrBranches, "branches leave the script in different states (quotes, substitutions or here-documents left open differently)")
		}
	}
	return nil
}

type sig struct {
	typ        string
	start, end int
	lex        string
}

func equalSigs(x, y []sig) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// signature lists the nodes of f that start in [lo, hi), lo excluded,
// with their offsets from lo and the quotes and substitutions around them.
func signature(f *syntax.File, lo, hi int) []sig {
	var out []sig
	var stack []syntax.Node
	var lex []byte
	var pushed []bool
	syntax.Walk(f, func(n syntax.Node) bool {
		if n == nil {
			top := len(stack) - 1
			if pushed[top] {
				lex = lex[:len(lex)-1]
			}
			stack, pushed = stack[:top], pushed[:top]
			return true
		}
		code := byte(0)
		switch x := n.(type) {
		case *syntax.DblQuoted:
			code = 'D'
		case *syntax.SglQuoted:
			code = 'S'
		case *syntax.CmdSubst:
			code = 'C'
		case *syntax.ParamExp:
			code = 'P'
		case *syntax.ArithmExp, *syntax.ArithmCmd:
			code = 'A'
		case *syntax.ProcSubst:
			code = 'R'
		case *syntax.TestClause:
			code = 'T'
		case *syntax.Word:
			if len(stack) > 0 {
				if r, ok := stack[len(stack)-1].(*syntax.Redirect); ok && r.Hdoc == x {
					code = 'H'
				}
			}
		}
		if s := int(n.Pos().Offset()); s > lo && s < hi && n.Pos().IsValid() {
			out = append(out, sig{typ: typeName(n), start: s - lo, end: int(n.End().Offset()) - lo, lex: string(lex)})
		}
		stack = append(stack, n)
		pushed = append(pushed, code != 0)
		if code != 0 {
			lex = append(lex, code)
		}
		return true
	})
	return out
}

func typeName(n syntax.Node) string {
	switch n.(type) {
	case *syntax.Lit:
		return "Lit"
	case *syntax.Word:
		return "Word"
	case *syntax.Stmt:
		return "Stmt"
	}
	// Rare types: the dynamic type name is good enough.
	return strings.TrimPrefix(reflectTypeName(n), "*syntax.")
}

// renderer renders one variant.
type renderer struct {
	a   *analysis
	v   *variant
	buf []byte
}

func (r *renderer) list(tr *parse.Tree, l *parse.ListNode, calls []*parse.TemplateNode) error {
	if l == nil {
		return nil
	}
	for _, n := range l.Nodes {
		if err := r.node(tr, n, calls); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) node(tr *parse.Tree, n parse.Node, calls []*parse.TemplateNode) error {
	switch n := n.(type) {
	case *parse.TextNode:
		if strings.Contains(string(n.Text), markerPrefix) {
			return r.a.nodeErr(tr, n, ErrTemplate, "template text holds the reserved word "+markerPrefix)
		}
		r.v.chunks = append(r.v.chunks, chunk{off: len(r.buf), tree: tr, pos: n.Pos, n: len(n.Text)})
		r.buf = append(r.buf, n.Text...)
	case *parse.ActionNode:
		if len(n.Pipe.Decl) > 0 {
			return nil // {{$x := …}} prints nothing
		}
		if len(r.v.occ) >= maxOccur {
			return r.a.nodeErr(tr, n, ErrTemplate, "too many actions")
		}
		r.v.occ = append(r.v.occ, occurrence{node: n, tree: tr, path: callPath(calls), off: len(r.buf)})
		r.buf = append(r.buf, marker(len(r.v.occ)-1)...)
	case *parse.CommentNode:
	case *parse.IfNode:
		return r.branch(tr, n, 2, &n.BranchNode, calls)
	case *parse.WithNode:
		return r.branch(tr, n, 2, &n.BranchNode, calls)
	case *parse.RangeNode:
		return r.branch(tr, n, 3, &n.BranchNode, calls)
	case *parse.TemplateNode:
		for _, c := range calls {
			if c.Name == n.Name {
				return r.a.nodeErr(tr, n, ErrTemplate, "recursive template call")
			}
		}
		if len(calls) > 32 {
			return r.a.nodeErr(tr, n, ErrTemplate, "template calls nested too deep")
		}
		t := r.a.root.Lookup(n.Name)
		if t == nil || t.Tree == nil || t.Tree.Root == nil {
			return r.a.nodeErr(tr, n, errUndefined, "")
		}
		inner := append(calls[:len(calls):len(calls)], n)
		r.a.calls[callPath(inner)] = call{node: n, name: n.Name, parent: callPath(calls)}
		return r.list(t.Tree, t.Tree.Root, inner)
	case *parse.BreakNode, *parse.ContinueNode:
		return r.a.nodeErr(tr, n, ErrTemplate, "{{break}} and {{continue}} are not supported")
	default:
		return r.a.nodeErr(tr, n, ErrTemplate, "unknown template node")
	}
	return nil
}

// branch renders a control node: alternative 0 is the first branch (for a
// range, its body once), 1 the else branch (a range: never), 2 a range's
// body twice.
func (r *renderer) branch(tr *parse.Tree, n parse.Node, alts int, b *parse.BranchNode, calls []*parse.TemplateNode) error {
	if _, ok := r.v.alts[n]; !ok {
		r.v.alts[n] = alts
		r.v.visited = append(r.v.visited, n)
	}
	start := len(r.buf)
	var err error
	switch alt := r.v.choice[n]; {
	case alt == 0:
		err = r.list(tr, b.List, calls)
	case alt == 1:
		err = r.list(tr, b.ElseList, calls)
	default:
		if err = r.list(tr, b.List, calls); err == nil {
			err = r.list(tr, b.List, calls)
		}
	}
	r.v.spans[n] = append(r.v.spans[n], span{start, len(r.buf)})
	return err
}

// nodeErr is an error at a template node.
func (a *analysis) nodeErr(tr *parse.Tree, n parse.Node, err error, text string) error {
	e := &Error{Err: err}
	if text != "" {
		e.Err = because(err, text)
	}
	if tr == nil {
		tr = a.root.Tree
	}
	if tr != nil {
		e.Name = tr.Name
		e.Line, e.Col = position(tr, n.Position())
	}
	return e
}

// position returns the 1-based line and column of pos in tr's text.
func position(tr *parse.Tree, pos parse.Pos) (line, col int) {
	loc, _ := tr.ErrorContext(&parse.TextNode{NodeType: parse.NodeText, Pos: pos})
	i := strings.LastIndexByte(loc, ':')
	j := strings.LastIndexByte(loc[:max(i, 0)], ':')
	if i < 0 || j < 0 {
		return 0, 0
	}
	line, _ = strconv.Atoi(loc[j+1 : i])
	col, _ = strconv.Atoi(loc[i+1:])
	return line, col + 1
}

// syntaxErr maps a parse error of a rendered variant back to the template.
func (a *analysis) syntaxErr(v *variant, err error) error {
	var pe syntax.ParseError
	off := -1
	text := "the script does not parse"
	if errors.As(err, &pe) {
		off = int(pe.Pos.Offset())
		text = pe.Text
	} else {
		var le syntax.LangError
		if errors.As(err, &le) {
			off = int(le.Pos.Offset())
			text = le.Feature + " is not in this shell language"
		}
	}
	return a.offsetErr(v, off, ErrSyntax, text)
}

// offsetErr is an error at an offset of the rendered script.
func (a *analysis) offsetErr(v *variant, off int, err error, text string) error {
	e := &Error{Name: a.root.Name(), Err: because(err, text)}
	for i := len(v.chunks) - 1; i >= 0 && off >= 0; i-- {
		c := v.chunks[i]
		if off >= c.off {
			d := min(off-c.off, c.n)
			e.Name = c.tree.Name
			e.Line, e.Col = position(c.tree, c.pos+parse.Pos(d))
			break
		}
	}
	return e
}
