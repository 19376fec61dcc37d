// Package shqvet defines an analyzer that reports shell injection: a
// string that a shell will parse, built from parts that are neither
// constants nor produced by shq, reaching a shell.
//
// The shells it knows are the -c operand of sh, bash, dash, zsh, ksh,
// fish and the other POSIX-family shells run through os/exec.Command,
// exec.CommandContext, os.StartProcess or syscall.Exec, directly or behind
// env, sudo, su -c, nice, timeout, xargs, docker exec or kubectl exec; the
// remote command of ssh; and the command of an ssh session from
// golang.org/x/crypto/ssh. It follows a string through local variables,
// concatenation, fmt.Sprintf, strings.Join, strings.Builder, bytes.Buffer
// and text/template output, and across functions through facts: a helper
// whose result is constant or quoted by shq is safe, and a function that
// runs its parameter as a script makes its callers the place to report.
//
// A constant script that receives values as positional parameters, such
// as exec.Command("sh", "-c", `echo "$1"`, "sh", v), is the safe idiom and
// is not reported; nor is an argument vector run without a shell, nor a
// number. Where the script is one simple command of literal words and
// values, the diagnostic carries a fix that rewrites the call to the shq
// builder.
package shqvet

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

// Analyzer reports strings that reach a shell's parser without shq's
// quoting, with a rewrite to the shq builder where one fits.
var Analyzer = &analysis.Analyzer{
	Name:      "shqvet",
	Doc:       "report shell injection: non-constant strings parsed by a shell without shq quoting",
	URL:       "https://pkg.go.dev/github.com/safeshell/safeshell/shqvet",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer, inspect.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(resultFact), new(scriptParamsFact)},
}

// resultFact records that a function's first result is a string that is
// constant, or quoted by shq, except for what the listed parameters bring.
// A function with no listed parameters returns a string no shell misreads.
type resultFact struct {
	Params []int // indexes into the SSA parameters, receiver first
}

// AFact marks resultFact as an analysis fact.
func (*resultFact) AFact() {}

func (f *resultFact) String() string { return fmt.Sprintf("result(params %v)", f.Params) }

// scriptParamsFact records the parameters of a function that it hands, as
// they are, to a shell as program text: a caller passing a non-constant
// value there is reported at the call.
type scriptParamsFact struct {
	Params []scriptParam
}

// A scriptParam is one parameter that a function runs as a script.
type scriptParam struct {
	Index int  // index into the SSA parameters, receiver first
	Elem  bool // each element of the []string parameter is a script
	// Printf marks a format parameter: the function runs
	// fmt.Sprintf(format, args...) with the variadic parameter after it.
	Printf bool
	Remote bool   // a remote shell (ssh) parses it
	Where  string // the shell that parses it, "the script of sh -c"
}

// AFact marks scriptParamsFact as an analysis fact.
func (*scriptParamsFact) AFact() {}

func (f *scriptParamsFact) String() string {
	var b strings.Builder
	b.WriteString("script params")
	for _, p := range f.Params {
		fmt.Fprintf(&b, " %d", p.Index)
		if p.Elem {
			b.WriteString("[]")
		}
	}
	return b.String()
}

// state is what the analysis of one package keeps.
type state struct {
	pass    *analysis.Pass
	calls   map[token.Pos]*ast.CallExpr
	funcs   map[*types.Func]*ssa.Function // the package's own functions
	results map[*ssa.Function]*resultEntry
	scripts map[*types.Func][]scriptParam // the package's functions, found so far
	changed bool
	report  bool
}

type resultEntry struct {
	done bool
	ok   bool
	fact resultFact
}

func run(pass *analysis.Pass) (any, error) {
	ssaRes := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	st := &state{
		pass:    pass,
		calls:   map[token.Pos]*ast.CallExpr{},
		funcs:   map[*types.Func]*ssa.Function{},
		results: map[*ssa.Function]*resultEntry{},
		scripts: map[*types.Func][]scriptParam{},
	}
	ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
		c := n.(*ast.CallExpr)
		st.calls[c.Lparen] = c
	})
	for _, fn := range ssaRes.SrcFuncs {
		if o, ok := fn.Object().(*types.Func); ok {
			st.funcs[o] = fn
		}
	}
	// Find the functions that run their parameters as scripts, to a fixed
	// point (a wrapper of a wrapper), then report with them known.
	for range 8 {
		st.changed = false
		for _, fn := range ssaRes.SrcFuncs {
			st.function(fn)
		}
		if !st.changed {
			break
		}
	}
	st.report = true
	for _, fn := range ssaRes.SrcFuncs {
		st.function(fn)
	}
	// Export the facts of the package's functions.
	for o, fn := range st.funcs {
		if ps := st.scripts[o]; len(ps) > 0 {
			sort.Slice(ps, func(i, j int) bool { return ps[i].Index < ps[j].Index })
			pass.ExportObjectFact(o, &scriptParamsFact{Params: ps})
		}
		if rf, ok := st.resultSummary(fn, o); ok {
			pass.ExportObjectFact(o, &rf)
		}
	}
	return nil, nil
}

// function checks every call in fn.
func (st *state) function(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			call, ok := in.(ssa.CallInstruction)
			if !ok {
				continue
			}
			st.callSite(fn, call)
		}
	}
}

// An argument is one element of an argument vector at a call: its SSA
// value and, where the call spells it out, its expression.
type argument struct {
	v      ssa.Value
	expr   ast.Expr
	spread bool // any number of words: the elements of the slice v
	elem   bool // with spread: v is one word that may be absent or repeated
}

// argvOf recovers an argument vector built with append: a literal, then
// appended words, a branch that appends (its words after the common prefix
// become a spread), a loop that appends (its words become a spread), and
// the result of a function of this package that builds one, with its
// parameters replaced by the caller's arguments.
func argvOf(v ssa.Value, seen map[ssa.Value]bool) ([]argument, bool) {
	out, rel, ok := argvRel(v, seen, nil, 0)
	return out, ok && !rel
}

// argvRel is argvOf; rel reports a list relative to a phi being expanded
// (the loop's back edge: the phi's words come first).
func argvRel(v ssa.Value, seen map[ssa.Value]bool, subst map[*ssa.Parameter]ssa.Value, depth int) (out []argument, rel, ok bool) {
	word := func(x ssa.Value) ssa.Value {
		if p, ok := x.(*ssa.Parameter); ok && subst[p] != nil {
			return subst[p]
		}
		return x
	}
	switch v := v.(type) {
	case *ssa.Const:
		return nil, false, v.IsNil()
	case *ssa.Parameter:
		if a := subst[v]; a != nil {
			return argvRel(a, seen, nil, depth)
		}
		return []argument{{v: v, spread: true}}, false, true
	case *ssa.Slice:
		vals, ok := elems(v)
		if !ok {
			return nil, false, false
		}
		for _, x := range vals {
			out = append(out, argument{v: word(x)})
		}
		return out, false, true
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 {
			return argvCall(call, seen, subst, depth, 0)
		}
	case *ssa.Call:
		if b, ok := v.Call.Value.(*ssa.Builtin); ok {
			if b.Name() != "append" || len(v.Call.Args) != 2 {
				return nil, false, false
			}
			base, rel, ok := argvRel(v.Call.Args[0], seen, subst, depth)
			if !ok {
				return nil, false, false
			}
			if more, ok := elems(v.Call.Args[1]); ok {
				for _, x := range more {
					base = append(base, argument{v: word(x)})
				}
				return base, rel, true
			}
			return append(base, argument{v: word(v.Call.Args[1]), spread: true}), rel, true
		}
		return argvCall(v, seen, subst, depth, -1)
	case *ssa.Phi:
		if seen[v] {
			return nil, true, true
		}
		seen[v] = true
		defer delete(seen, v)
		var alts [][]argument
		var loop []argument
		for _, ed := range v.Edges {
			a, r, ok := argvRel(ed, seen, subst, depth)
			if !ok {
				return nil, false, false
			}
			if r {
				for _, x := range a {
					loop = append(loop, argument{v: x.v, spread: true, elem: !x.spread || x.elem})
				}
				continue
			}
			alts = append(alts, a)
		}
		if len(alts) == 0 {
			return nil, false, false
		}
		// The common prefix, then every other word as a spread.
		n := len(alts[0])
		for _, a := range alts[1:] {
			k := 0
			for k < n && k < len(a) && a[k].v == alts[0][k].v && a[k].spread == alts[0][k].spread {
				k++
			}
			n = k
		}
		out = append(out, alts[0][:n]...)
		for _, a := range alts {
			for _, x := range a[n:] {
				out = append(out, argument{v: x.v, spread: true, elem: !x.spread || x.elem})
			}
		}
		return append(out, loop...), false, true
	}
	return nil, false, false
}

// argvCall recovers the argument vector a function of this package
// returns, as result index (or the only result, for -1).
func argvCall(call *ssa.Call, seen map[ssa.Value]bool, subst map[*ssa.Parameter]ssa.Value, depth, index int) ([]argument, bool, bool) {
	callee := call.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 || depth > 2 {
		return nil, false, false
	}
	sub := map[*ssa.Parameter]ssa.Value{}
	for i, p := range callee.Params {
		if i < len(call.Call.Args) {
			a := call.Call.Args[i]
			if q, ok := a.(*ssa.Parameter); ok && subst[q] != nil {
				a = subst[q]
			}
			sub[p] = a
		}
	}
	if index < 0 {
		index = 0
	}
	var alts [][]argument
	for _, b := range callee.Blocks {
		for _, in := range b.Instrs {
			ret, ok := in.(*ssa.Return)
			if !ok || index >= len(ret.Results) {
				continue
			}
			if c, ok := ret.Results[index].(*ssa.Const); ok && c.IsNil() && len(ret.Results) > 1 {
				continue // an error return
			}
			a, rel, ok := argvRel(ret.Results[index], seen, sub, depth+1)
			if !ok || rel {
				return nil, false, false
			}
			alts = append(alts, a)
		}
	}
	if len(alts) != 1 {
		return nil, false, false
	}
	return alts[0], false, true
}

// callSite checks one call: a shell sink, or a function with script
// parameters.
func (st *state) callSite(fn *ssa.Function, call ssa.CallInstruction) {
	c := call.Common()
	callee := staticFunc(c)
	if callee == nil || callee.Pkg() == nil {
		return
	}
	ce := st.calls[call.Pos()]
	astArg := func(i int) ast.Expr {
		if ce == nil || ce.Ellipsis.IsValid() || i >= len(ce.Args) {
			return nil
		}
		return ce.Args[i]
	}
	key := callee.Pkg().Path() + "." + recvName(callee) + callee.Name()
	var argv []argument
	first := 0 // index of argv[0] among the call's arguments
	switch key {
	case "os/exec.Command", "os/exec.CommandContext":
		if key == "os/exec.CommandContext" {
			first = 1
		}
		argv = append(argv, argument{v: c.Args[first], expr: astArg(first)})
		if rest, ok := elems(c.Args[first+1]); ok {
			for i, v := range rest {
				argv = append(argv, argument{v: v, expr: astArg(first + 1 + i)})
			}
		} else if rest, ok := argvOf(c.Args[first+1], map[ssa.Value]bool{}); ok {
			// args... built with append: positions are approximate
			// where a loop or a branch appends.
			argv = append(argv, rest...)
		} else {
			return
		}
	case "os.StartProcess", "syscall.Exec", "syscall.ForkExec", "syscall.StartProcess":
		rest, ok := elems(c.Args[1])
		if !ok {
			return
		}
		for _, v := range rest {
			argv = append(argv, argument{v: v})
		}
		if len(argv) > 0 {
			// The program run is the first argument; argv[0] is its name.
			argv[0] = argument{v: c.Args[0], expr: astArg(0)}
		}
	case "golang.org/x/crypto/ssh.Session.Run", "golang.org/x/crypto/ssh.Session.Start",
		"golang.org/x/crypto/ssh.Session.Output", "golang.org/x/crypto/ssh.Session.CombinedOutput":
		st.sink(fn, call, argument{v: c.Args[1], expr: astArg(0)}, scriptSink{where: "the command of an ssh session", remote: true})
		return
	default:
		st.wrapperCall(fn, call, callee, astArg)
		return
	}
	words := make([]word, len(argv))
	for i, a := range argv {
		words[i].spread = a.spread
		if !a.spread {
			words[i].text, words[i].known = constString(a.v)
		}
	}
	for _, s := range scriptSinks(words) {
		if s.index < len(argv) {
			st.sink(fn, call, argv[s.index], s)
		}
	}
}

// wrapperCall checks a call of a function that runs some of its
// parameters as scripts.
func (st *state) wrapperCall(fn *ssa.Function, call ssa.CallInstruction, callee *types.Func, astArg func(int) ast.Expr) {
	var ps []scriptParam
	if callee.Pkg() == st.pass.Pkg {
		ps = st.scripts[callee]
	} else {
		var f scriptParamsFact
		if st.pass.ImportObjectFact(callee, &f) {
			ps = f.Params
		}
	}
	c := call.Common()
	offset := 0 // SSA arguments of a method call start with the receiver
	if sig := callee.Type().(*types.Signature); sig.Recv() != nil {
		offset = 1
	}
	for _, p := range ps {
		if p.Index >= len(c.Args) {
			continue
		}
		arg := argument{v: c.Args[p.Index], expr: astArg(p.Index - offset)}
		s := scriptSink{where: p.Where + " (through " + callee.Name() + ")", remote: p.Remote}
		switch {
		case p.Printf:
			if p.Index+1 < len(c.Args) {
				e := &evaluator{st: st, seen: map[ssa.Value]bool{}}
				cs := e.printf(c.Args[p.Index], c.Args[p.Index+1])
				if len(cs) != 1 || !cs[0].printf {
					cs = notWhole(cs)
				}
				st.culprits(fn, call, arg, s, cs)
			}
		case p.Elem:
			st.elemSink(fn, call, arg, s)
		default:
			st.sink(fn, call, arg, s)
		}
	}
}

// sink checks one value that a shell parses.
func (st *state) sink(fn *ssa.Function, call ssa.CallInstruction, arg argument, s scriptSink) {
	e := &evaluator{st: st, seen: map[ssa.Value]bool{}}
	var cs []culprit
	if arg.spread && !arg.elem {
		cs = e.slice(arg.v)
	} else {
		cs = e.value(arg.v)
	}
	if s.joined {
		cs = notWhole(cs)
	}
	st.culprits(fn, call, arg, s, cs)
}

// elemSink checks a []string whose every element a shell parses.
func (st *state) elemSink(fn *ssa.Function, call ssa.CallInstruction, arg argument, s scriptSink) {
	e := &evaluator{st: st, seen: map[ssa.Value]bool{}}
	// An element that is exactly a parameter of fn, or fn's own []string
	// parameter handed on, makes fn a wrapper too; culprits sees to it.
	st.culprits(fn, call, arg, s, e.slice(arg.v))
}

// culprits reports what reaches a sink, or records fn as a wrapper when
// what reaches it is exactly one of fn's parameters.
func (st *state) culprits(fn *ssa.Function, call ssa.CallInstruction, arg argument, s scriptSink, cs []culprit) {
	if len(cs) == 0 {
		return
	}
	if len(cs) == 1 && cs[0].whole && cs[0].param != nil && cs[0].param.Parent() == fn {
		if o, ok := fn.Object().(*types.Func); ok {
			idx := paramIndex(fn, cs[0].param)
			where, _, _ := strings.Cut(s.where, " (through ")
			st.addScript(o, scriptParam{Index: idx, Elem: cs[0].elem, Printf: cs[0].printf, Remote: s.remote, Where: where})
			return
		}
	}
	if !st.report {
		return
	}
	c := cs[0]
	pos := call.Pos()
	if arg.expr != nil {
		pos = arg.expr.Pos()
	}
	verb := "is pasted into"
	if c.whole {
		verb = "is"
	}
	parser := "the shell parses it"
	if s.remote {
		parser = "the remote shell parses it"
	}
	more := ""
	if len(cs) > 1 {
		more = fmt.Sprintf(" (and %d more non-constant part", len(cs)-1)
		if len(cs) > 2 {
			more += "s"
		}
		more += ")"
	}
	goq := ""
	if c.goq {
		goq = " (Go quoting with %q or strconv.Quote is not shell quoting)"
	}
	fix, builder := st.fix(fn, call, arg, s)
	var advice string
	switch {
	case builder != "":
		advice = "pass it as an argument (" + builder + ") or quote it with shq.Quote"
	case s.remote:
		advice = "quote it with shq.Quote, or build the line with shq.Command(...).Line()"
	default:
		advice = "pass it to a constant script as a positional parameter (exec.Command(\"sh\", \"-c\", `cmd \"$1\"`, \"sh\", value)) or quote it with shq.Quote"
	}
	msg := fmt.Sprintf("shqvet: %s%s %s %s%s: %s, so \";\", \"$(...)\" or a space in it changes the command; %s",
		c.what, goq, verb, s.where, more, parser, advice)
	d := analysis.Diagnostic{Pos: pos, Message: msg}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	st.pass.Report(d)
}

func (st *state) addScript(o *types.Func, p scriptParam) {
	for _, q := range st.scripts[o] {
		if q.Index == p.Index {
			return
		}
	}
	st.scripts[o] = append(st.scripts[o], p)
	st.changed = true
}

func paramIndex(fn *ssa.Function, p *ssa.Parameter) int {
	for i, q := range fn.Params {
		if q == p {
			return i
		}
	}
	return -1
}

// resultSummary returns the summary of fn's first result: from its fact
// for a function of another package, computed here for one of this
// package.
func (st *state) resultSummary(fn *ssa.Function, o *types.Func) (resultFact, bool) {
	if o.Pkg() != st.pass.Pkg {
		var f resultFact
		if st.pass.ImportObjectFact(o, &f) {
			return f, true
		}
		return resultFact{}, false
	}
	if own, ok := st.funcs[o]; ok {
		fn = own
	}
	if fn == nil || len(fn.Blocks) == 0 {
		return resultFact{}, false
	}
	sig := fn.Signature
	if sig.Results().Len() == 0 {
		return resultFact{}, false
	}
	if b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic); !ok || b.Kind() != types.String {
		return resultFact{}, false
	}
	if r, ok := st.results[fn]; ok {
		return r.fact, r.done && r.ok // a recursive call sees no summary
	}
	r := &resultEntry{}
	st.results[fn] = r
	e := &evaluator{st: st, seen: map[ssa.Value]bool{}}
	params := map[int]bool{}
	ok := true
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			ret, isRet := in.(*ssa.Return)
			if !isRet || len(ret.Results) == 0 {
				continue
			}
			for _, c := range e.value(ret.Results[0]) {
				if c.param == nil || c.param.Parent() != fn {
					ok = false
					break
				}
				params[paramIndex(fn, c.param)] = true
			}
		}
	}
	r.done, r.ok = true, ok
	for p := range params {
		r.fact.Params = append(r.fact.Params, p)
	}
	sort.Ints(r.fact.Params)
	return r.fact, ok
}

// constString returns the constant text of a string value.
func constString(v ssa.Value) (string, bool) {
	for {
		switch x := v.(type) {
		case *ssa.Const:
			if x.Value == nil {
				return "", false
			}
			if x.Value.Kind() != constant.String {
				return "", false
			}
			return constant.StringVal(x.Value), true
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		}
		return "", false
	}
}
