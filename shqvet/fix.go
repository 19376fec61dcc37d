package shqvet

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// A piece of a script expression: literal text or a string value.
type piece struct {
	lit   string
	isLit bool
	expr  ast.Expr
}

// fix returns the rewrite of a simple SHELL -c SCRIPT call to the shq
// builder, where the surrounding code allows one, and the builder
// expression itself, where the script is one simple command.
func (st *state) fix(fn *ssa.Function, call ssa.CallInstruction, arg argument, s scriptSink) (*analysis.SuggestedFix, string) {
	if !s.simple || arg.expr == nil {
		return nil, ""
	}
	callExpr := st.calls[call.Pos()]
	if callExpr == nil {
		return nil, ""
	}
	file := st.fileOf(callExpr.Pos())
	if file == nil {
		return nil, ""
	}
	ps, ok := st.pieces(arg.expr)
	if !ok {
		return nil, ""
	}
	words, ok := splitWords(ps)
	if !ok {
		return nil, ""
	}
	shqName, shqImported := importName(file, shqPath, "shq")
	var b strings.Builder
	b.WriteString(shqName + ".Command(")
	i := 0
	for ; i < len(words) && words[i].isLit; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(words[i].lit))
	}
	b.WriteString(")")
	for ; i < len(words); i++ {
		if words[i].isLit {
			b.WriteString(".Fixed(" + strconv.Quote(words[i].lit) + ")")
		} else {
			b.WriteString(".Arg(" + st.source(words[i].expr) + ")")
		}
	}
	builder := b.String()

	// The rewrite: NAME := exec.Command(...) in a function whose last
	// result is an error.
	sel, ok := callExpr.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil, builder
	}
	pkgIdent, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil, builder
	}
	execPkg, ok := st.pass.TypesInfo.Uses[pkgIdent].(*types.PkgName)
	if !ok || execPkg.Imported().Path() != "os/exec" {
		return nil, builder
	}
	path, _ := astutil.PathEnclosingInterval(file, callExpr.Pos(), callExpr.End())
	if len(path) < 2 || path[0] != callExpr {
		return nil, builder
	}
	assign, ok := path[1].(*ast.AssignStmt)
	if !ok || assign.Tok != token.DEFINE || len(assign.Lhs) != 1 || len(assign.Rhs) != 1 {
		return nil, builder
	}
	lhs, ok := assign.Lhs[0].(*ast.Ident)
	if !ok || lhs.Name == "err" || lhs.Name == "_" {
		return nil, builder
	}
	var results *ast.FieldList
	for _, n := range path {
		if fd, ok := n.(*ast.FuncDecl); ok {
			results = fd.Type.Results
			break
		}
		if fl, ok := n.(*ast.FuncLit); ok {
			results = fl.Type.Results
			break
		}
	}
	ret, ok := st.returnErr(results)
	if !ok {
		return nil, builder
	}
	scope := st.pass.Pkg.Scope().Innermost(assign.Pos())
	if scope != nil {
		if _, o := scope.LookupParent("err", assign.Pos()); o != nil && !types.Identical(o.Type(), errorType) {
			return nil, builder
		}
		if _, o := scope.LookupParent(shqName, assign.Pos()); o != nil && !shqImported {
			return nil, builder
		}
		if o := scope.Lookup("err"); o != nil && o.Pos() > assign.Pos() {
			// A later err := in this scope would no longer declare anything.
			return nil, builder
		}
	}
	ctx := ""
	ctxName, ctxImported := importName(file, "context", "context")
	if sel.Sel.Name == "CommandContext" {
		ctx = st.source(callExpr.Args[0])
		ctxImported = true
	} else if sel.Sel.Name == "Command" {
		ctx = ctxName + ".Background()"
	} else {
		return nil, builder
	}

	content, err := st.pass.ReadFile(st.pass.Fset.File(assign.Pos()).Name())
	if err != nil {
		return nil, builder
	}
	tf := st.pass.Fset.File(assign.Pos())
	lineStart := tf.LineStart(tf.Line(assign.Pos()))
	indent := leadingSpace(content[tf.Offset(lineStart):])
	var r strings.Builder
	fmt.Fprintf(&r, "%s, err := %s.ExecCommand(%s)\n", lhs.Name, builder, ctx)
	fmt.Fprintf(&r, "%sif err != nil {\n%s\treturn %s\n%s}", indent, indent, ret, indent)
	edits := []analysis.TextEdit{{Pos: assign.Pos(), End: assign.End(), NewText: []byte(r.String())}}

	var add []string
	if !shqImported {
		add = append(add, shqPath)
	}
	if !ctxImported {
		add = append(add, "context")
	}
	var kept []ast.Node
	for _, w := range words {
		if !w.isLit {
			kept = append(kept, w.expr)
		}
	}
	if sel.Sel.Name == "CommandContext" {
		kept = append(kept, callExpr.Args[0])
	}
	ie, ok := st.importEdits(file, add, st.unusedAfter(file, callExpr, kept))
	if !ok {
		return nil, builder
	}
	edits = append(edits, ie...)
	return &analysis.SuggestedFix{
		Message:   "run it without a shell: " + builder,
		TextEdits: edits,
	}, builder
}

var errorType = types.Universe.Lookup("error").Type()

// returnErr returns the operands of `return ..., err` for a function
// whose last result is an error.
func (st *state) returnErr(results *ast.FieldList) (string, bool) {
	if results == nil || len(results.List) == 0 {
		return "", false
	}
	var types_ []types.Type
	for _, f := range results.List {
		t := st.pass.TypesInfo.TypeOf(f.Type)
		if t == nil {
			return "", false
		}
		n := len(f.Names)
		if n == 0 {
			n = 1
		}
		for range n {
			types_ = append(types_, t)
		}
	}
	if !types.Identical(types_[len(types_)-1], errorType) {
		return "", false
	}
	var ops []string
	for _, t := range types_[:len(types_)-1] {
		z, ok := zeroValue(t)
		if !ok {
			return "", false
		}
		ops = append(ops, z)
	}
	return strings.Join(append(ops, "err"), ", "), true
}

func zeroValue(t types.Type) (string, bool) {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsString != 0:
			return `""`, true
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		case u.Info()&types.IsNumeric != 0:
			return "0", true
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil", true
	}
	return "", false
}

// pieces flattens a script expression: constants, string concatenation
// and fmt.Sprintf with %s and %v of strings.
func (st *state) pieces(e ast.Expr) ([]piece, bool) {
	e = ast.Unparen(e)
	tv, ok := st.pass.TypesInfo.Types[e]
	if !ok {
		return nil, false
	}
	if tv.Value != nil {
		if tv.Value.Kind() != constant.String {
			return nil, false
		}
		return []piece{{lit: constant.StringVal(tv.Value), isLit: true}}, true
	}
	if b, ok := tv.Type.Underlying().(*types.Basic); !ok || b.Kind() != types.String {
		return nil, false
	}
	switch e := e.(type) {
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return nil, false
		}
		x, ok := st.pieces(e.X)
		if !ok {
			return nil, false
		}
		y, ok := st.pieces(e.Y)
		if !ok {
			return nil, false
		}
		return append(x, y...), true
	case *ast.CallExpr:
		if st.isFunc(e.Fun, "fmt", "Sprintf") && !e.Ellipsis.IsValid() && len(e.Args) >= 1 {
			ftv := st.pass.TypesInfo.Types[e.Args[0]]
			if ftv.Value == nil || ftv.Value.Kind() != constant.String {
				return nil, false
			}
			return sprintfPieces(constant.StringVal(ftv.Value), e.Args[1:], st.pass.TypesInfo)
		}
	}
	return []piece{{expr: e}}, true
}

func sprintfPieces(f string, args []ast.Expr, info *types.Info) ([]piece, bool) {
	var out []piece
	var lit strings.Builder
	n := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			lit.WriteByte(f[i])
			continue
		}
		if i+1 >= len(f) {
			return nil, false
		}
		i++
		switch f[i] {
		case '%':
			lit.WriteByte('%')
		case 's', 'v':
			if n >= len(args) {
				return nil, false
			}
			if b, ok := info.TypeOf(args[n]).Underlying().(*types.Basic); !ok || b.Kind() != types.String {
				return nil, false
			}
			if lit.Len() > 0 {
				out = append(out, piece{lit: lit.String(), isLit: true})
				lit.Reset()
			}
			out = append(out, piece{expr: args[n]})
			n++
		default:
			return nil, false
		}
	}
	if n != len(args) {
		return nil, false
	}
	if lit.Len() > 0 {
		out = append(out, piece{lit: lit.String(), isLit: true})
	}
	return out, true
}

// splitWords splits pieces into the words of one simple command: literal
// words of plain characters and whole-word values. It reports false for
// anything a shell would read as more than that.
func splitWords(ps []piece) ([]piece, bool) {
	var words []piece
	var cur strings.Builder
	inWord := false // cur or a value is open
	lastValue := false
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, piece{lit: cur.String(), isLit: true})
			cur.Reset()
		}
		inWord = false
		lastValue = false
	}
	for _, p := range ps {
		if !p.isLit {
			if inWord {
				return nil, false // a value glued to other text
			}
			words = append(words, p)
			inWord, lastValue = true, true
			continue
		}
		for i := 0; i < len(p.lit); i++ {
			c := p.lit[i]
			if c == ' ' {
				flush()
				continue
			}
			if !plainByte(c) || lastValue {
				return nil, false
			}
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	if len(words) == 0 || !words[0].isLit || strings.IndexByte(words[0].lit, '=') >= 0 || keywords[words[0].lit] {
		return nil, false
	}
	return words, true
}

var keywords = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "fi": true, "for": true, "while": true,
	"until": true, "do": true, "done": true, "case": true, "esac": true, "function": true,
	"select": true, "time": true, "exec": true, "eval": true, "command": true, "builtin": true,
	"source": true, ".": true, "cd": true, "export": true, "set": true,
}

func plainByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_@%+=:,./-", c) >= 0
}

func (st *state) isFunc(e ast.Expr, pkg, name string) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	pn, ok := st.pass.TypesInfo.Uses[id].(*types.PkgName)
	return ok && pn.Imported().Path() == pkg
}

func (st *state) source(e ast.Expr) string {
	tf := st.pass.Fset.File(e.Pos())
	content, err := st.pass.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	return string(content[tf.Offset(e.Pos()):tf.Offset(e.End())])
}

func (st *state) fileOf(pos token.Pos) *ast.File {
	for _, f := range st.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// importName returns the name under which file imports path, or def and
// false where it does not.
func importName(file *ast.File, path, def string) (string, bool) {
	for _, is := range file.Imports {
		p, _ := strconv.Unquote(is.Path.Value)
		if p != path {
			continue
		}
		if is.Name != nil {
			if is.Name.Name == "_" || is.Name.Name == "." {
				continue
			}
			return is.Name.Name, true
		}
		return def, true
	}
	return def, false
}

// unusedAfter returns the packages that file uses only inside n, outside
// the kept parts of n: those the rewrite of n leaves unused.
func (st *state) unusedAfter(file *ast.File, n ast.Node, kept []ast.Node) map[*types.PkgName]bool {
	uses := func(root ast.Node, skip func(ast.Node) bool) map[*types.PkgName]bool {
		m := map[*types.PkgName]bool{}
		ast.Inspect(root, func(x ast.Node) bool {
			if x == nil || skip(x) {
				return false
			}
			if id, ok := x.(*ast.Ident); ok {
				if pn, ok := st.pass.TypesInfo.Uses[id].(*types.PkgName); ok {
					m[pn] = true
				}
			}
			return true
		})
		return m
	}
	isKept := func(x ast.Node) bool {
		for _, k := range kept {
			if x == k {
				return true
			}
		}
		return false
	}
	inside := uses(n, isKept)
	outside := uses(file, func(x ast.Node) bool { return x == n })
	for _, k := range kept {
		for pn := range uses(k, func(ast.Node) bool { return false }) {
			outside[pn] = true
		}
	}
	out := map[*types.PkgName]bool{}
	for pn := range inside {
		if !outside[pn] {
			out[pn] = true
		}
	}
	return out
}

// importEdits adds the paths to file's import block and removes the
// imports of the packages in remove. It handles a file with one import
// declaration and no comments in it.
func (st *state) importEdits(file *ast.File, add []string, remove map[*types.PkgName]bool) ([]analysis.TextEdit, bool) {
	var decls []*ast.GenDecl
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			decls = append(decls, gd)
		}
	}
	if len(decls) != 1 {
		return nil, false
	}
	gd := decls[0]
	for _, cg := range file.Comments {
		if cg.Pos() >= gd.Pos() && cg.End() <= gd.End() {
			return nil, false
		}
	}
	tf := st.pass.Fset.File(gd.Pos())
	var edits []analysis.TextEdit
	var specs []string // for a declaration without parentheses
	for _, sp := range gd.Specs {
		is := sp.(*ast.ImportSpec)
		var pn *types.PkgName
		if is.Name != nil {
			pn, _ = st.pass.TypesInfo.Defs[is.Name].(*types.PkgName)
		} else {
			pn, _ = st.pass.TypesInfo.Implicits[is].(*types.PkgName)
		}
		if pn != nil && remove[pn] {
			if gd.Lparen.IsValid() {
				// Delete the spec's line: edits this small let several
				// fixes in one file merge.
				l := tf.Line(is.Pos())
				if tf.Line(is.End()) != l || l >= tf.LineCount() {
					return nil, false
				}
				edits = append(edits, analysis.TextEdit{Pos: tf.LineStart(l), End: tf.LineStart(l + 1)})
			}
			continue
		}
		s := is.Path.Value
		if is.Name != nil {
			s = is.Name.Name + " " + s
		}
		specs = append(specs, s)
	}
	var b bytes.Buffer
	if gd.Lparen.IsValid() {
		for _, p := range add {
			b.WriteString("\t" + strconv.Quote(p) + "\n")
		}
		if b.Len() > 0 {
			at := tf.LineStart(tf.Line(gd.Rparen))
			if tf.Line(gd.Rparen) == tf.Line(gd.Lparen) {
				return nil, false
			}
			edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: b.Bytes()})
		}
		return edits, true
	}
	for _, p := range add {
		specs = append(specs, strconv.Quote(p))
	}
	b.WriteString("import (\n")
	for _, s := range specs {
		b.WriteString("\t" + s + "\n")
	}
	b.WriteString(")")
	return []analysis.TextEdit{{Pos: gd.Pos(), End: gd.End(), NewText: b.Bytes()}}, true
}

func leadingSpace(b []byte) string {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return string(b[:i])
}
