// Package doccheck checks that a package documents every exported
// identifier and shows it in a testable example, so that the docs are tests.
package doccheck

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// Check fails t for each exported identifier of the package in dir that has
// no doc comment, or no example function in the package's test files named
// after it: ExampleQuote, ExampleDialect_Quote, ExampleErrNUL (a constant
// or variable), with an optional lower-case suffix (ExampleQuote_empty).
// Methods of unexported types are not checked.
func Check(t *testing.T, dir string) {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	examples := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(name, "_test.go") {
			files = append(files, f)
			continue
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Example") {
				examples[exampleTarget(fn.Name.Name)] = true
			}
		}
	}
	p, err := doc.NewFromFiles(fset, files, "example.com/pkg", doc.PreserveAST)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	check := func(name, docText string) {
		if strings.TrimSpace(docText) == "" {
			missing = append(missing, name+": no doc comment")
		}
		if !examples[name] {
			missing = append(missing, name+": no example")
		}
	}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			for _, spec := range v.Decl.Specs {
				s := spec.(*ast.ValueSpec)
				for _, n := range s.Names {
					if !n.IsExported() {
						continue
					}
					text := v.Doc
					if s.Doc != nil {
						text += s.Doc.Text()
					}
					check(n.Name, text)
				}
			}
		}
	}
	values(p.Consts)
	values(p.Vars)
	for _, f := range p.Funcs {
		check(f.Name, f.Doc)
	}
	for _, ty := range p.Types {
		check(ty.Name, ty.Doc)
		values(ty.Consts)
		values(ty.Vars)
		for _, f := range ty.Funcs {
			check(f.Name, f.Doc)
		}
		for _, m := range ty.Methods {
			check(ty.Name+"_"+m.Name, m.Doc)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("%s", strings.Replace(m, "_", ".", 1))
	}
}

// exampleTarget returns the identifier an example function is named after:
// ExampleDialect_Quote_fish is about Dialect_Quote.
func exampleTarget(name string) string {
	name = strings.TrimPrefix(name, "Example")
	if i := strings.LastIndexByte(name, '_'); i >= 0 && i+1 < len(name) && unicode.IsLower(rune(name[i+1])) {
		name = name[:i]
	}
	return name
}
