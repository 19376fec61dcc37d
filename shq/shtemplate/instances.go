package shtemplate

import (
	"fmt"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
)

// A template called with {{template}} from places in different contexts
// is escaped once per context, as html/template does: each instance of a
// called template (the template as reached through one chain of calls)
// has a signature, the contexts of its actions and the signatures of the
// instances it calls, by position. The first signature a tree is escaped
// for claims it; an instance with another signature gets a copy of the
// tree, added to the set under a derived name (name$shq1, …) that its
// {{template}} node is renamed to. A claimed tree is never changed again,
// so a template that already runs keeps its escapers.

// escaping is the result of the analysis of one executed template.
type escaping struct {
	found    map[instance]*action
	calls    map[string]call
	byPath   map[string][]instance
	children map[string][]string
	sigs     map[string]string
}

func newEscaping(found map[instance]*action, calls map[string]call) *escaping {
	e := &escaping{found: found, calls: calls, byPath: map[string][]instance{},
		children: map[string][]string{}, sigs: map[string]string{}}
	for k := range found {
		e.byPath[k.path] = append(e.byPath[k.path], k)
	}
	for p, c := range calls {
		e.children[c.parent] = append(e.children[c.parent], p)
	}
	for _, s := range e.byPath {
		slices.SortFunc(s, func(a, b instance) int { return int(a.node.Pos) - int(b.node.Pos) })
	}
	for _, s := range e.children {
		slices.SortFunc(s, func(a, b string) int { return int(calls[a].node.Pos) - int(calls[b].node.Pos) })
	}
	return e
}

// sig returns the signature of the instance at path: it names nodes by
// position, which a copy of a tree keeps.
func (e *escaping) sig(path string) string {
	if s, ok := e.sigs[path]; ok {
		return s
	}
	var b strings.Builder
	for _, k := range e.byPath[path] {
		fmt.Fprintf(&b, "%d=%#v;", k.node.Pos, e.found[k].layers)
	}
	for _, cp := range e.children[path] {
		c := e.calls[cp]
		fmt.Fprintf(&b, "%d{%s}", c.node.Pos, e.sig(cp))
	}
	e.sigs[path] = b.String()
	return e.sigs[path]
}

// place rewrites the actions of tt and of the templates it calls for the
// contexts found, adding their escapers to funcs.
func (ns *nameSpace) place(tt *template.Template, found map[instance]*action, calls map[string]call, funcs template.FuncMap) error {
	if ns.claims == nil {
		ns.claims, ns.copies = map[*parse.Tree]string{}, map[string]string{}
	}
	e := newEscaping(found, calls)
	sig := e.sig("")
	if claim, ok := ns.claims[tt.Tree]; ok {
		if claim != sig {
			for _, k := range e.byPath[""] {
				if old := ns.actions[k.node]; old != nil && !old.sameContext(e.found[k]) {
					return e.found[k].errorf(ErrBranches, "the action is in another context when this template is executed")
				}
			}
			return &Error{Name: tt.Name(), Err: because(ErrBranches, "the template is called in another context when it is executed")}
		}
		return nil
	}
	ns.claims[tt.Tree] = sig
	return ns.placeTree(tt, e, "", nil, funcs)
}

// placeTree rewrites the instance at path in a tree just claimed, whose
// nodes are the analysed ones through m (nil: the same tree).
func (ns *nameSpace) placeTree(root *template.Template, e *escaping, path string, m map[parse.Node]parse.Node, funcs template.FuncMap) error {
	for _, k := range e.byPath[path] {
		act := e.found[k]
		node := k.node
		if m != nil {
			node = m[node].(*parse.ActionNode)
		}
		if old := ns.actions[node]; old != nil {
			if !old.sameContext(act) {
				return act.errorf(ErrBranches, "the action is in another context when this template is executed")
			}
			continue
		}
		act.node = node
		ns.nextID++
		act.name = escPrefix + itoa(ns.nextID)
		ns.actions[node] = act
		funcs[act.name] = act.escape
		act.rewrite(node)
	}
	for _, cp := range e.children[path] {
		c := e.calls[cp]
		node := c.node
		if m != nil {
			node = m[node].(*parse.TemplateNode)
		}
		called := root.Lookup(c.name)
		if called == nil || called.Tree == nil {
			return &Error{Name: c.name, Err: errUndefined}
		}
		// node is in a tree claimed just now, perhaps a copy made after
		// the node it copies was renamed: its name is always set.
		sig := e.sig(cp)
		claim, claimed := ns.claims[called.Tree]
		switch {
		case !claimed:
			ns.claims[called.Tree] = sig
			node.Name = c.name
			if err := ns.placeTree(root, e, cp, nil, funcs); err != nil {
				return err
			}
		case claim == sig:
			// Already escaped for these contexts.
			node.Name = c.name
		default:
			key := c.name + "\x00" + sig
			name, ok := ns.copies[key]
			if !ok {
				var cm map[parse.Node]parse.Node
				var err error
				if name, cm, err = copyTree(root, called); err != nil {
					return err
				}
				ns.copies[key] = name
				ns.claims[root.Lookup(name).Tree] = sig
				if err := ns.placeTree(root, e, cp, cm, funcs); err != nil {
					return err
				}
			}
			node.Name = name
		}
	}
	return nil
}

// copyTree adds a copy of t's tree to the set of root under a new name and
// returns the name and the map from t's nodes to the copy's.
func copyTree(root, t *template.Template) (string, map[parse.Node]parse.Node, error) {
	name := ""
	for i := 1; ; i++ {
		name = t.Name() + "$shq" + itoa(i)
		if root.Lookup(name) == nil {
			break
		}
	}
	tr := t.Tree.Copy()
	tr.Name = name
	if _, err := root.AddParseTree(name, tr); err != nil {
		return "", nil, err
	}
	m := map[parse.Node]parse.Node{}
	pairNodes(m, t.Tree.Root, tr.Root)
	return name, m, nil
}

// pairNodes maps the nodes of list a to those of b, its copy.
func pairNodes(m map[parse.Node]parse.Node, a, b *parse.ListNode) {
	if a == nil || b == nil {
		return
	}
	for i, n := range a.Nodes {
		c := b.Nodes[i]
		m[n] = c
		switch n := n.(type) {
		case *parse.IfNode:
			pairBranch(m, &n.BranchNode, &c.(*parse.IfNode).BranchNode)
		case *parse.WithNode:
			pairBranch(m, &n.BranchNode, &c.(*parse.WithNode).BranchNode)
		case *parse.RangeNode:
			pairBranch(m, &n.BranchNode, &c.(*parse.RangeNode).BranchNode)
		}
	}
}

func pairBranch(m map[parse.Node]parse.Node, a, b *parse.BranchNode) {
	pairNodes(m, a.List, b.List)
	pairNodes(m, a.ElseList, b.ElseList)
}
