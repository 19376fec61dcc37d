package shtemplate

import (
	"reflect"
	"sync"
	"text/template/parse"
)

// A program is a template that Execute can run without text/template:
// one made only of text, comments and actions that print a field chain
// of dot ({{.A.B}}) or dot itself, each through its escaper. Running it
// writes what text/template's Execute writes for the rewritten tree,
// without the reflect call of each escaper.
//
// A program runs only the cases it can run exactly as text/template
// would: each step of a field chain is a key of a map[string]any or
// map[string]string, or an exported field of a struct whose type has no
// method of that name. Anything else (a missing key, a pointer that is
// nil, a method, a refused value) stops the run, and Execute runs the
// template with text/template instead, whose result and error are the
// ones returned. A run writes only to its own buffer and reads the data
// without calling any of its methods, so stopping it has no effect.
type program struct {
	ops []op
}

// An op is a text node (act is nil) or an action.
type op struct {
	text  []byte
	act   *action
	chain []string // the field chain; nil for dot
}

// compile returns the program of tr, or nil if tr holds anything a
// program does not run.
func (ns *nameSpace) compile(tr *parse.Tree) *program {
	p := &program{}
	for _, n := range tr.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			p.ops = append(p.ops, op{text: n.Text})
		case *parse.CommentNode:
		case *parse.ActionNode:
			o, ok := ns.compileAction(n)
			if !ok {
				return nil
			}
			p.ops = append(p.ops, o)
		default:
			return nil
		}
	}
	return p
}

func (ns *nameSpace) compileAction(n *parse.ActionNode) (op, bool) {
	act := ns.actions[n]
	if act == nil || len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 2 {
		return op{}, false
	}
	arg, esc := n.Pipe.Cmds[0], n.Pipe.Cmds[1]
	if len(arg.Args) != 1 || len(esc.Args) != 1 || identOf(esc) != act.name {
		return op{}, false
	}
	switch x := arg.Args[0].(type) {
	case *parse.DotNode:
		return op{act: act}, true
	case *parse.FieldNode:
		if len(x.Ident) == 0 {
			return op{}, false
		}
		return op{act: act, chain: x.Ident}, true
	}
	return op{}, false
}

// run appends the script to dst. ok is false if the run stopped: then
// Execute must run the template with text/template.
func (p *program) run(dst []byte, data any) (_ []byte, ok bool) {
	if _, isValue := data.(reflect.Value); isValue {
		return dst, false // text/template executes the value it holds
	}
	for i := range p.ops {
		o := &p.ops[i]
		if o.act == nil {
			dst = append(dst, o.text...)
			continue
		}
		v := data
		for _, name := range o.chain {
			if v, ok = fieldOf(v, name); !ok {
				return dst, false
			}
		}
		var err error
		if dst, err = o.act.appendValue(dst, v); err != nil {
			return dst, false
		}
	}
	return dst, true
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
