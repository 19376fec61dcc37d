package shqvet

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A culprit is one part of a string that is neither constant nor built by
// shq: the reason a script is an injection.
type culprit struct {
	what   string         // "bucket (a string parameter)"
	param  *ssa.Parameter // the parameter it comes from, if any
	elem   bool           // an element of the parameter (a []string), not the parameter
	whole  bool           // the value is exactly the parameter (or element), nothing added
	goq    bool           // it went through Go quoting (%q, strconv.Quote)
	printf bool           // param is the format of Sprintf(param, args...)
}

const maxCulprits = 8

// An evaluator finds the culprits of string values within one package.
type evaluator struct {
	st    *state
	seen  map[ssa.Value]bool
	steps int // values visited, against maxSteps
}

// maxSteps bounds the work for one sink: past it, what is left counts as
// non-constant, so a value too tangled to follow is reported, not passed.
const maxSteps = 20000

func (e *evaluator) value(v ssa.Value) []culprit {
	if v == nil {
		return nil
	}
	if e.steps++; e.steps > maxSteps {
		return []culprit{{what: "a value built in too many steps to follow"}}
	}
	if noSyntax(v.Type()) {
		return nil
	}
	if e.seen[v] {
		return nil // a cycle (loop phi): its other edges decide
	}
	e.seen[v] = true
	defer delete(e.seen, v)
	switch v := v.(type) {
	case *ssa.Const:
		return nil
	case *ssa.Parameter:
		return []culprit{{what: v.Name() + " (a " + kindOf(v.Type()) + " parameter)", param: v, whole: true}}
	case *ssa.FreeVar:
		if bs, ok := bindings(v); ok {
			var out []culprit
			for _, b := range bs {
				out = union(out, e.value(b))
			}
			return out
		}
		return []culprit{{what: v.Name() + " (a variable captured by a closure)", whole: true}}
	case *ssa.Global:
		return []culprit{{what: "the package variable " + v.Name(), whole: true}}
	case *ssa.BinOp:
		if v.Op != token.ADD {
			return nil
		}
		// Flatten the concatenation, so that the single-quote idiom
		// '...' + strings.ReplaceAll(x, "'", `'\''`) + '...' is seen whole.
		ops := concatOperands(v, nil)
		var out []culprit
		for i, op := range ops {
			if i > 0 && i+1 < len(ops) && singleQuoted(ops[i-1], op, ops[i+1]) {
				continue
			}
			out = union(out, e.value(op))
		}
		return notWhole(out)
	case *ssa.Phi:
		var out []culprit
		for _, ed := range v.Edges {
			out = union(out, e.value(ed))
		}
		return out
	case *ssa.ChangeType:
		return e.value(v.X)
	case *ssa.MakeInterface:
		return e.value(v.X)
	case *ssa.Convert:
		if b, ok := v.X.Type().Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
			return []culprit{{what: "a character made from an integer"}}
		}
		if _, ok := v.X.Type().Underlying().(*types.Slice); ok {
			return e.byteSlice(v.X)
		}
		return e.value(v.X)
	case *ssa.Slice:
		if _, ok := v.X.Type().Underlying().(*types.Basic); ok {
			return notWhole(e.value(v.X))
		}
		return e.slice(v)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 {
			if isShqProducer(&call.Call) {
				return e.shqAppendDst(&call.Call)
			}
			if cs, ok := e.callSummary(&call.Call); ok {
				return cs
			}
			return []culprit{{what: "the result of " + calleeName(&call.Call), whole: true}}
		}
		return []culprit{{what: "a value of unknown origin", whole: true}}
	case *ssa.Call:
		return e.call(&v.Call)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return e.load(v.X)
		}
		return nil
	case *ssa.Lookup:
		return []culprit{{what: "a map value", whole: true}}
	case *ssa.Field:
		return []culprit{{what: fieldName(v.X.Type(), v.Field) + " (a struct field)", whole: true}}
	case *ssa.Index:
		return []culprit{{what: "an array element", whole: true}}
	case *ssa.TypeAssert:
		return []culprit{{what: "the result of a type assertion", whole: true}}
	case *ssa.Alloc:
		return e.stores(v)
	case *ssa.MakeMap:
		var out []culprit
		for _, r := range *v.Referrers() {
			if u, ok := r.(*ssa.MapUpdate); ok && u.Map == v {
				out = union(out, union(e.value(u.Key), e.value(u.Value)))
			}
		}
		return out
	}
	return []culprit{{what: "a value of unknown origin", whole: true}}
}

// load finds the culprits of the value loaded from addr.
func (e *evaluator) load(addr ssa.Value) []culprit {
	switch a := addr.(type) {
	case *ssa.Alloc:
		return e.stores(a)
	case *ssa.FieldAddr:
		name := fieldName(a.X.Type(), a.Field)
		if p, ok := a.X.(*ssa.Parameter); ok {
			name = p.Name() + "." + name
		}
		return []culprit{{what: name + " (a struct field)", whole: true}}
	case *ssa.IndexAddr:
		if p, ok := a.X.(*ssa.Parameter); ok {
			return []culprit{{what: "an element of " + p.Name() + " (a " + kindOf(p.Type()) + " parameter)", param: p, elem: true, whole: true}}
		}
		if al, ok := arrayAlloc(a.X); ok {
			return notWhole(e.stores(al))
		}
		return []culprit{{what: "a slice element", whole: true}}
	case *ssa.Global:
		return []culprit{{what: "the package variable " + a.Name(), whole: true}}
	case *ssa.FreeVar:
		if bs, ok := bindings(a); ok {
			var out []culprit
			for _, b := range bs {
				out = union(out, e.load(b))
			}
			return out
		}
		return []culprit{{what: a.Name() + " (a variable captured by a closure)", whole: true}}
	}
	return []culprit{{what: "a value loaded through a pointer", whole: true}}
}

// stores finds the culprits of everything stored into a local variable,
// its fields and elements included, and of what escapes to a call.
func (e *evaluator) stores(a *ssa.Alloc) []culprit {
	return e.storesInto(a, a.Comment)
}

// storesInto is stores for a local variable or a slice from make: what is
// stored into root, through fields and elements, and what calls write.
func (e *evaluator) storesInto(a ssa.Value, name string) []culprit {
	_, isSlice := a.(*ssa.MakeSlice)
	var out []culprit
	var visit func(addr ssa.Value, depth int)
	visit = func(addr ssa.Value, depth int) {
		refs := addr.Referrers()
		if refs == nil || depth > 3 {
			return
		}
		for _, r := range *refs {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr == addr {
					out = union(out, e.value(r.Val))
				}
			case *ssa.FieldAddr:
				visit(r, depth+1)
			case *ssa.IndexAddr:
				visit(r, depth+1)
			case *ssa.MakeInterface:
				for _, rr := range *r.Referrers() {
					if call, ok := rr.(*ssa.Call); ok {
						if isWriterUse(&call.Call) {
							out = union(out, e.builderWrites(call))
						} else {
							out = union(out, []culprit{{what: name + " (written by " + calleeName(&call.Call) + ")"}})
						}
					}
				}
			case *ssa.Call:
				if b, ok := r.Call.Value.(*ssa.Builtin); ok {
					if b.Name() == "copy" {
						out = union(out, []culprit{{what: name + " (written by copy)"}})
					}
					continue // len, cap, append: they read
				}
				if isSlice {
					continue // a callee that writes into a []string it is given is rare
				}
				if isBuilderMethod(&r.Call) {
					out = union(out, e.builderWrites(r))
				} else if !isReadOnly(&r.Call) {
					out = union(out, []culprit{{what: name + " (written by " + calleeName(&r.Call) + ")"}})
				}
			}
		}
	}
	visit(a, 0)
	return out
}

// slice finds the culprits of the elements of a []string.
func (e *evaluator) slice(v ssa.Value) []culprit {
	switch v := v.(type) {
	case *ssa.Const:
		return nil
	case *ssa.Slice:
		if al, ok := arrayAlloc(v.X); ok {
			return e.stores(al)
		}
		return e.slice(v.X)
	case *ssa.Alloc:
		return e.stores(v)
	case *ssa.MakeSlice:
		return notWhole(e.storesInto(v, "a slice"))
	case *ssa.UnOp:
		if fa, ok := v.X.(*ssa.FieldAddr); ok && v.Op == token.MUL {
			name := fieldName(fa.X.Type(), fa.Field)
			return []culprit{{what: "an element of " + name + " (a struct field)"}}
		}
	case *ssa.Phi:
		var out []culprit
		if e.seen[v] {
			return nil
		}
		e.seen[v] = true
		defer delete(e.seen, v)
		for _, ed := range v.Edges {
			out = union(out, e.slice(ed))
		}
		return out
	case *ssa.Parameter:
		return []culprit{{what: "an element of " + v.Name() + " (a " + kindOf(v.Type()) + " parameter)", param: v, elem: true, whole: true}}
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Call.Args) == 2 {
			return union(e.slice(v.Call.Args[0]), e.slice(v.Call.Args[1]))
		}
		if fn := staticFunc(&v.Call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "strings" && (fn.Name() == "Fields" || fn.Name() == "Split") {
			return notWhole(e.value(v.Call.Args[0]))
		}
	case *ssa.ChangeType:
		return e.slice(v.X)
	}
	if noSyntax(elemType(v.Type())) {
		return nil
	}
	return []culprit{{what: "a slice of unknown origin"}}
}

// call finds the culprits of the string a call returns.
func (e *evaluator) call(c *ssa.CallCommon) []culprit {
	fn := staticFunc(c)
	if fn == nil {
		return []culprit{{what: "the result of " + calleeName(c), whole: true}}
	}
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Path()
	}
	args := c.Args
	switch pkg + "." + recvName(fn) + fn.Name() {
	case "fmt.Sprintf":
		cs := e.printf(args[0], args[1])
		if len(cs) == 1 && cs[0].printf {
			return cs
		}
		return notWhole(cs)
	case "fmt.Sprint", "fmt.Sprintln":
		return notWhole(e.slice(args[0]))
	case "strings.Join":
		return notWhole(union(e.slice(args[0]), e.value(args[1])))
	case "strconv.Itoa", "strconv.FormatInt", "strconv.FormatUint", "strconv.FormatBool", "strconv.FormatFloat",
		"strconv.FormatComplex", "strconv.AppendInt", "strconv.AppendUint", "strconv.AppendBool":
		return nil
	case "github.com/alessio/shellescape.Quote", "github.com/alessio/shellescape.QuoteCommand",
		"al.essio.dev/pkg/shellescape.Quote", "al.essio.dev/pkg/shellescape.QuoteCommand",
		"github.com/kballard/go-shellquote.Join":
		// Third-party POSIX quoting, as trusted as shq's.
		return nil
	case "strconv.Quote", "strconv.QuoteToASCII", "strconv.QuoteToGraphic":
		return goQuoted(e.value(args[0]))
	case "strings.Builder.String", "bytes.Buffer.String", "bytes.Buffer.Bytes":
		return notWhole(e.builder(args[0]))
	}
	switch pkg {
	case "strings", "bytes", "path", "path/filepath":
		// Pure functions of their arguments: the culprit is the argument.
		var out []culprit
		for _, a := range args {
			out = union(out, e.value(a))
		}
		return notWhole(out)
	}
	if cs, ok := e.callSummary(c); ok {
		return cs
	}
	return []culprit{{what: "the result of " + calleeName(c), whole: true}}
}

// callSummary applies the summary of a function's first result: constant
// but for the listed parameters. It reports false where there is none.
func (e *evaluator) callSummary(c *ssa.CallCommon) ([]culprit, bool) {
	fn := staticFunc(c)
	if fn == nil {
		return nil, false
	}
	sum, ok := e.st.resultSummary(c.StaticCallee(), fn)
	if !ok {
		return nil, false
	}
	var out []culprit
	for _, p := range sum.Params {
		if p < len(c.Args) {
			out = union(out, e.value(c.Args[p]))
		}
	}
	return notWhole(out), true
}

// printf finds the culprits of fmt.Sprintf(format, args...): a verb that
// prints a number or hexadecimal digits adds no syntax; %s, %v and %q
// print the value (and %q is Go quoting, not shell quoting).
func (e *evaluator) printf(format, args ssa.Value) []culprit {
	fc, ok := format.(*ssa.Const)
	if p, isParam := format.(*ssa.Parameter); isParam {
		if q, ok := args.(*ssa.Parameter); ok && q.Parent() == p.Parent() && paramIndex(p.Parent(), q) == paramIndex(p.Parent(), p)+1 {
			// Sprintf(format, args...) of the function's own parameters:
			// a printf-style wrapper, checked at its callers.
			return []culprit{{what: p.Name() + " (a format parameter)", param: p, whole: true, printf: true}}
		}
	}
	if !ok || fc.Value == nil || fc.Value.Kind() != constant.String {
		return union(e.value(format), e.slice(args))
	}
	verbs, ok := parseVerbs(constant.StringVal(fc.Value))
	vals, known := elems(args)
	if !ok || !known {
		return e.slice(args)
	}
	var out []culprit
	for i, v := range vals {
		verb := byte('v')
		if i < len(verbs) {
			verb = verbs[i]
		}
		x := v
		if mi, ok := v.(*ssa.MakeInterface); ok {
			x = mi.X
		}
		switch {
		case verb == 'x' || verb == 'X':
			continue
		case strings.IndexByte("dtbofeEgGU", verb) >= 0 && noSyntax(x.Type()):
			continue
		case verb == 'q':
			out = union(out, goQuoted(e.value(x)))
		default:
			out = union(out, e.value(x))
		}
	}
	return out
}

// builder finds the culprits of what was written to a strings.Builder or
// bytes.Buffer.
func (e *evaluator) builder(recv ssa.Value) []culprit {
	if a, ok := recv.(*ssa.Alloc); ok {
		return e.stores(a)
	}
	return []culprit{{what: "the contents of a " + kindOf(recv.Type()), whole: true}}
}

// builderWrites finds the culprits of one call that takes a builder.
func (e *evaluator) builderWrites(call *ssa.Call) []culprit {
	c := &call.Call
	fn := staticFunc(c)
	switch fn.Name() {
	case "WriteString", "Write", "WriteByte", "WriteRune":
		if _, ok := c.Args[1].Type().Underlying().(*types.Slice); ok {
			return e.byteSlice(c.Args[1])
		}
		return e.value(c.Args[1])
	case "Fprintf":
		return e.printf(c.Args[1], c.Args[2])
	case "Fprint", "Fprintln":
		return e.slice(c.Args[1])
	case "Execute":
		return templateData(e.value(c.Args[2]))
	case "ExecuteTemplate":
		return templateData(e.value(c.Args[3]))
	}
	return nil
}

func (e *evaluator) byteSlice(v ssa.Value) []culprit {
	if e.steps++; e.steps > maxSteps {
		return []culprit{{what: "a value built in too many steps to follow", whole: true}}
	}
	switch v := v.(type) {
	case *ssa.Convert:
		return e.value(v.X)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 && isShqProducer(&call.Call) {
			return e.shqAppendDst(&call.Call)
		}
	case *ssa.Const:
		if v.IsNil() {
			return nil
		}
	case *ssa.MakeSlice:
		return nil // zero bytes
	case *ssa.Slice:
		return e.byteSlice(v.X)
	case *ssa.Alloc:
		return e.stores(v)
	case *ssa.Phi:
		if e.seen[v] {
			return nil
		}
		e.seen[v] = true
		defer delete(e.seen, v)
		var out []culprit
		for _, ed := range v.Edges {
			out = union(out, e.byteSlice(ed))
		}
		return out
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" && len(v.Call.Args) == 2 {
			more := v.Call.Args[1]
			if bt, ok := more.Type().Underlying().(*types.Basic); ok && bt.Info()&types.IsString != 0 {
				return notWhole(union(e.byteSlice(v.Call.Args[0]), e.value(more)))
			}
			return notWhole(union(e.byteSlice(v.Call.Args[0]), e.byteSlice(more)))
		}
		if fn := staticFunc(&v.Call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "bytes" && recvName(fn)+fn.Name() == "Buffer.Bytes" {
			return notWhole(e.builder(v.Call.Args[0]))
		}
	}
	return []culprit{{what: "a byte slice of unknown origin", whole: true}}
}

// shqAppendDst returns the culprits of what an Append form of shq appends
// to: the quoted part is safe, the slice before it is what it was.
func (e *evaluator) shqAppendDst(c *ssa.CallCommon) []culprit {
	fn := staticFunc(c)
	if fn == nil || !strings.HasPrefix(fn.Name(), "Append") {
		return nil
	}
	for _, a := range c.Args {
		if s, ok := a.Type().Underlying().(*types.Slice); ok {
			if b, ok := s.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
				return notWhole(e.byteSlice(a))
			}
		}
	}
	return nil
}

func templateData(cs []culprit) []culprit {
	for i := range cs {
		cs[i].what += " (data of a text/template)"
		cs[i].whole = false
	}
	return cs
}

// isBuilderMethod reports whether c writes to a builder it takes: a
// method of strings.Builder or bytes.Buffer, fmt.Fprint*, or a template's
// Execute.
func isBuilderMethod(c *ssa.CallCommon) bool {
	fn := staticFunc(c)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + recvName(fn) + fn.Name() {
	case "strings.Builder.WriteString", "strings.Builder.Write", "strings.Builder.WriteByte", "strings.Builder.WriteRune",
		"bytes.Buffer.WriteString", "bytes.Buffer.Write", "bytes.Buffer.WriteByte", "bytes.Buffer.WriteRune":
		return true
	}
	return false
}

// isWriterUse reports whether c writes formatted text or a template's
// output to the io.Writer it takes.
func isWriterUse(c *ssa.CallCommon) bool {
	fn := staticFunc(c)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + recvName(fn) + fn.Name() {
	case "fmt.Fprintf", "fmt.Fprint", "fmt.Fprintln",
		"text/template.Template.Execute", "text/template.Template.ExecuteTemplate":
		return true
	}
	return false
}

// isReadOnly reports whether a call that takes a pointer to a local
// variable leaves what it holds as it was.
func isReadOnly(c *ssa.CallCommon) bool {
	fn := staticFunc(c)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + recvName(fn) + fn.Name() {
	case "strings.Builder.String", "strings.Builder.Len", "strings.Builder.Grow", "strings.Builder.Cap",
		"bytes.Buffer.String", "bytes.Buffer.Bytes", "bytes.Buffer.Len", "bytes.Buffer.Grow", "bytes.Buffer.Cap":
		return true
	}
	return false
}

// bindings returns what the enclosing function binds to a closure's free
// variable at each MakeClosure of it, or false where it cannot see them all.
func bindings(fv *ssa.FreeVar) ([]ssa.Value, bool) {
	fn := fv.Parent()
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	if idx < 0 || fn.Parent() == nil {
		return nil, false
	}
	var out []ssa.Value
	for _, b := range fn.Parent().Blocks {
		for _, in := range b.Instrs {
			if mc, ok := in.(*ssa.MakeClosure); ok && mc.Fn == fn && idx < len(mc.Bindings) {
				out = append(out, mc.Bindings[idx])
			}
		}
	}
	return out, len(out) > 0
}

// elems recovers the elements of a slice built from a literal, such as the
// variadic arguments of a call. It reports false where it cannot.
func elems(v ssa.Value) ([]ssa.Value, bool) {
	if c, ok := v.(*ssa.Const); ok && c.IsNil() {
		return nil, true
	}
	s, ok := v.(*ssa.Slice)
	if !ok {
		return nil, false
	}
	al, ok := arrayAlloc(s.X)
	if !ok {
		return nil, false
	}
	n := al.Type().(*types.Pointer).Elem().Underlying().(*types.Array).Len()
	out := make([]ssa.Value, n)
	for _, r := range *al.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		ic, ok := ia.Index.(*ssa.Const)
		if !ok {
			return nil, false
		}
		i, _ := constant.Int64Val(ic.Value)
		for _, rr := range *ia.Referrers() {
			if st, ok := rr.(*ssa.Store); ok && st.Addr == ia && i >= 0 && i < n {
				out[i] = st.Val
			}
		}
	}
	return out, true
}

func arrayAlloc(v ssa.Value) (*ssa.Alloc, bool) {
	al, ok := v.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	p, ok := al.Type().(*types.Pointer)
	if !ok {
		return nil, false
	}
	_, ok = p.Elem().Underlying().(*types.Array)
	return al, ok
}

// parseVerbs returns the verb letter of each argument a format consumes,
// or false for a format whose arguments it cannot map (explicit indexes).
func parseVerbs(f string) ([]byte, bool) {
	var out []byte
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		for i++; i < len(f); i++ {
			c := f[i]
			if c == '[' {
				return nil, false
			}
			if c == '*' {
				out = append(out, 'd')
				continue
			}
			if strings.IndexByte("+-# 0123456789.", c) >= 0 {
				continue
			}
			if c != '%' {
				out = append(out, c)
			}
			break
		}
	}
	return out, true
}

// noSyntax reports whether values of t cannot carry shell syntax when
// printed: numbers and booleans.
func noSyntax(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsNumeric|types.IsBoolean) != 0
}

func elemType(t types.Type) types.Type {
	if s, ok := t.Underlying().(*types.Slice); ok {
		return s.Elem()
	}
	return t
}

func union(a, b []culprit) []culprit {
	for _, c := range b {
		if len(a) >= maxCulprits {
			break
		}
		a = append(a, c)
	}
	return a
}

func notWhole(cs []culprit) []culprit {
	for i := range cs {
		cs[i].whole = false
		cs[i].printf = false
	}
	return cs
}

func goQuoted(cs []culprit) []culprit {
	for i := range cs {
		cs[i].goq = true
		cs[i].whole = false
	}
	return cs
}

func kindOf(t types.Type) string {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Name()
	case *types.Slice:
		return "[]" + kindOf(u.Elem())
	case *types.Pointer:
		return kindOf(u.Elem())
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return t.String()
}

func fieldName(t types.Type, i int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if s, ok := t.Underlying().(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Name()
	}
	return fmt.Sprintf("field %d", i)
}

// staticFunc returns the function a call statically calls, or nil.
func staticFunc(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return nil
	}
	if f := c.StaticCallee(); f != nil {
		if o, ok := f.Object().(*types.Func); ok {
			return o
		}
		if f.Origin() != nil {
			if o, ok := f.Origin().Object().(*types.Func); ok {
				return o
			}
		}
	}
	return nil
}

// recvName returns "T." for a method of T (or *T), "" for a function.
func recvName(fn *types.Func) string {
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name() + "."
	}
	return ""
}

func calleeName(c *ssa.CallCommon) string {
	if c.IsInvoke() {
		return c.Method.Name()
	}
	if fn := staticFunc(c); fn != nil {
		if fn.Pkg() != nil {
			return fn.Pkg().Name() + "." + recvName(fn) + fn.Name()
		}
		return fn.Name()
	}
	if f := c.StaticCallee(); f != nil {
		return "a function literal"
	}
	return "a function value"
}

const shqPath = "github.com/safeshell/safeshell/shq"

// shqProducers are the functions and methods of shq whose string result is
// quoted for a shell.
var shqProducers = map[string]bool{
	"Quote": true, "Join": true, "AppendQuote": true, "AppendJoin": true,
	"Dialect.Quote": true, "Dialect.Join": true, "Dialect.AppendQuote": true, "Dialect.AppendJoin": true,
	"Cmd.Line": true, "Cmd.LineFor": true, "Template.Line": true, "Template.LineFor": true,
}

func isShqProducer(c *ssa.CallCommon) bool {
	fn := staticFunc(c)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Name() == "Quote" && (fn.Pkg().Path() == "mvdan.cc/sh/v3/syntax" || fn.Pkg().Name() == "syntax" && strings.HasSuffix(fn.Pkg().Path(), "/internal/syntax")) {
		// mvdan.cc/sh's (string, error) quoting, or a fork of it kept
		// internal (docker/cli has one).
		return true
	}
	return fn.Pkg().Path() == shqPath && shqProducers[recvName(fn)+fn.Name()]
}

// concatOperands lists the operands of a chain of string + in order.
func concatOperands(v ssa.Value, out []ssa.Value) []ssa.Value {
	if b, ok := v.(*ssa.BinOp); ok && b.Op == token.ADD {
		out = concatOperands(b.X, out)
		return concatOperands(b.Y, out)
	}
	return append(out, v)
}

// singleQuoted reports whether mid is the body of the POSIX single-quote
// idiom: a constant ending in ' before it, a constant starting with '
// after it, and mid is strings.ReplaceAll(x, "'", `'\”`) (or `'"'"'`, or
// strings.Replace with n = -1). Inside single quotes a shell reads every
// byte literally, and the replacement closes, escapes and reopens.
func singleQuoted(before, mid, after ssa.Value) bool {
	b, ok1 := constString(before)
	a, ok2 := constString(after)
	if !ok1 || !ok2 || !strings.HasSuffix(b, "'") || !strings.HasPrefix(a, "'") {
		return false
	}
	call, ok := mid.(*ssa.Call)
	if !ok {
		return false
	}
	fn := staticFunc(&call.Call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "strings" {
		return false
	}
	args := call.Call.Args
	switch fn.Name() {
	case "ReplaceAll":
	case "Replace":
		n, ok := args[3].(*ssa.Const)
		if !ok || n.Int64() != -1 {
			return false
		}
	default:
		return false
	}
	old, ok1 := constString(args[1])
	repl, ok2 := constString(args[2])
	return ok1 && ok2 && old == "'" && (repl == `'\''` || repl == `'"'"'`)
}
