package shtemplate

import (
	"reflect"
	"sync"
	"text/template"
	"text/template/parse"
)

// A program is a template that Execute can run without text/template,
// for templates made of text, comments, actions that print a field chain
// ({{.A.B}}, {{$.A}}) or dot through their escaper, {{if}}, {{with}} and
// {{range}} on such a chain, and {{template}} calls of such templates with
// one (no variables, functions or other pipelines). Running it writes
// what text/template's Execute writes for the rewritten tree, without the
// reflect call of each escaper.
//
// A program runs only the cases it can run exactly as text/template
// would: each step of a chain is a key of a map[string]any or
// map[string]string, or an exported field of a struct whose type has no
// method of that name; {{range}} goes over a []string or a []any. Anything
// else (a missing key, a nil pointer, a method, another type, a refused
// value) stops the run, and Execute runs the template with text/template
// instead, whose result and error are the ones returned. A run writes
// only to its own buffer and reads the data without calling any of its
// methods, so stopping it has no effect.
type program struct {
	ops []op
}

type opKind uint8

const (
	opText opKind = iota
	opAction
	opIf
	opWith
	opRange
	opCall
)

// An op is one node of the template.
type op struct {
	kind opKind
	text []byte
	act  *action
	arg  chain
	// opIf, opWith, opRange: the branches; opCall: the called template.
	list, elseList []op
}

// A chain is a field chain from dot, or from $ if root. none is the
// pipeline of a {{template}} call without one: no value.
type chain struct {
	root, none bool
	names      []string
}

// maxCallDepth bounds the {{template}} calls a program follows, as the
// analysis does.
const maxCallDepth = 32

// compile returns the program of tt, or nil if its tree holds anything a
// program does not run.
func (ns *nameSpace) compile(tt *template.Template) *program {
	ops, ok := ns.compileList(tt, tt.Tree.Root, 0)
	if !ok {
		return nil
	}
	return &program{ops: ops}
}

func (ns *nameSpace) compileList(tt *template.Template, l *parse.ListNode, depth int) ([]op, bool) {
	if l == nil {
		return nil, true
	}
	ops := []op{}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			ops = append(ops, op{kind: opText, text: n.Text})
		case *parse.CommentNode:
		case *parse.ActionNode:
			act := ns.actions[n]
			if act == nil || len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 2 {
				return nil, false
			}
			esc := n.Pipe.Cmds[1]
			if len(esc.Args) != 1 || identOf(esc) != act.name {
				return nil, false
			}
			c, ok := compileChain(n.Pipe.Cmds[0])
			if !ok {
				return nil, false
			}
			ops = append(ops, op{kind: opAction, act: act, arg: c})
		case *parse.IfNode:
			o, ok := ns.compileBranch(tt, opIf, &n.BranchNode, depth)
			if !ok {
				return nil, false
			}
			ops = append(ops, o)
		case *parse.WithNode:
			o, ok := ns.compileBranch(tt, opWith, &n.BranchNode, depth)
			if !ok {
				return nil, false
			}
			ops = append(ops, o)
		case *parse.RangeNode:
			o, ok := ns.compileBranch(tt, opRange, &n.BranchNode, depth)
			if !ok {
				return nil, false
			}
			ops = append(ops, o)
		case *parse.TemplateNode:
			called := tt.Lookup(n.Name)
			if called == nil || called.Tree == nil || called.Tree.Root == nil || depth >= maxCallDepth {
				return nil, false
			}
			o := op{kind: opCall, arg: chain{none: true}}
			if n.Pipe != nil {
				var ok bool
				if o.arg, ok = compilePipe(n.Pipe); !ok {
					return nil, false
				}
			}
			var ok bool
			if o.list, ok = ns.compileList(called, called.Tree.Root, depth+1); !ok {
				return nil, false
			}
			ops = append(ops, o)
		default:
			return nil, false
		}
	}
	return ops, true
}

func (ns *nameSpace) compileBranch(tt *template.Template, k opKind, b *parse.BranchNode, depth int) (op, bool) {
	c, ok := compilePipe(b.Pipe)
	if !ok {
		return op{}, false
	}
	o := op{kind: k, arg: c}
	if o.list, ok = ns.compileList(tt, b.List, depth); !ok {
		return op{}, false
	}
	if o.elseList, ok = ns.compileList(tt, b.ElseList, depth); !ok {
		return op{}, false
	}
	return o, true
}

// compilePipe returns the chain of a pipeline that is one, with no
// variable declared.
func compilePipe(p *parse.PipeNode) (chain, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return chain{}, false
	}
	return compileChain(p.Cmds[0])
}

// compileChain returns the chain of a command that is one: dot, a field
// chain of dot, $ or a field chain of $.
func compileChain(c *parse.CommandNode) (chain, bool) {
	if len(c.Args) != 1 {
		return chain{}, false
	}
	switch x := c.Args[0].(type) {
	case *parse.DotNode:
		return chain{}, true
	case *parse.FieldNode:
		if len(x.Ident) > 0 {
			return chain{names: x.Ident}, true
		}
	case *parse.VariableNode:
		if len(x.Ident) > 0 && x.Ident[0] == "$" {
			return chain{root: true, names: x.Ident[1:]}, true
		}
	}
	return chain{}, false
}

// run appends the script to dst. ok is false if the run stopped: then
// Execute must run the template with text/template.
func (p *program) run(dst []byte, data any) (_ []byte, ok bool) {
	if _, isValue := data.(reflect.Value); isValue {
		return dst, false // text/template executes the value it holds
	}
	return runList(dst, p.ops, data, data)
}

func runList(dst []byte, ops []op, dot, root any) (_ []byte, ok bool) {
	for i := range ops {
		o := &ops[i]
		if o.kind == opText {
			dst = append(dst, o.text...)
			continue
		}
		v, ok := o.arg.eval(dot, root)
		if !ok {
			return dst, false
		}
		switch o.kind {
		case opAction:
			var err error
			if dst, err = o.act.appendValue(dst, v); err != nil {
				return dst, false
			}
		case opIf, opWith:
			truth, ok := template.IsTrue(v)
			if !ok {
				return dst, false
			}
			switch {
			case truth && o.kind == opWith:
				dst, ok = runList(dst, o.list, v, root)
			case truth:
				dst, ok = runList(dst, o.list, dot, root)
			default:
				dst, ok = runList(dst, o.elseList, dot, root)
			}
			if !ok {
				return dst, false
			}
		case opRange:
			switch x := v.(type) {
			case []string:
				for _, e := range x {
					if dst, ok = runList(dst, o.list, e, root); !ok {
						return dst, false
					}
				}
				if len(x) > 0 {
					continue
				}
			case []any:
				for _, e := range x {
					if dst, ok = runList(dst, o.list, e, root); !ok {
						return dst, false
					}
				}
				if len(x) > 0 {
					continue
				}
			default:
				return dst, false
			}
			if dst, ok = runList(dst, o.elseList, dot, root); !ok {
				return dst, false
			}
		case opCall:
			if dst, ok = runList(dst, o.list, v, v); !ok {
				return dst, false
			}
		}
	}
	return dst, true
}

// eval returns the value of the chain, or false for a case a program does
// not run.
func (c *chain) eval(dot, root any) (v any, ok bool) {
	if c.none {
		return nil, true
	}
	v = dot
	if c.root {
		v = root
	}
	for _, name := range c.names {
		if v, ok = fieldOf(v, name); !ok {
			return nil, false
		}
	}
	return v, true
}

// fieldOf returns the value of .name of v, as text/template evaluates it,
// or false for a case a program does not run.
func fieldOf(v any, name string) (any, bool) {
	switch m := v.(type) {
	case map[string]any:
		x, ok := m[name]
		return x, ok
	case map[string]string:
		x, ok := m[name]
		return x, ok
	case nil:
		return nil, false
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil, false
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, false
	}
	i := structField(rv.Type(), name)
	if i < 0 {
		return nil, false
	}
	return rv.Field(i).Interface(), true
}

type fieldKey struct {
	t    reflect.Type
	name string
}

// fieldIndex caches structField.
var fieldIndex sync.Map // fieldKey → int

// structField returns the index of the exported field name of struct
// type t, declared in t itself, or -1 if there is none or if t or *t has
// a method of that name (which text/template would call).
func structField(t reflect.Type, name string) int {
	k := fieldKey{t, name}
	if i, ok := fieldIndex.Load(k); ok {
		return i.(int)
	}
	i := -1
	if _, isMethod := reflect.PointerTo(t).MethodByName(name); !isMethod {
		if f, ok := t.FieldByName(name); ok && f.IsExported() && len(f.Index) == 1 {
			i = f.Index[0]
		}
	}
	fieldIndex.Store(k, i)
	return i
}
