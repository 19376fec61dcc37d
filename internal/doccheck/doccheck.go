// Package doccheck checks that a package's documentation is complete as
// pkg.go.dev shows it, so that the docs are tests: every exported identifier
// has a doc comment, every exported function, type and method has a
// testable example, and no example function is one that go/doc drops.
package doccheck

import (
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Report is what [Inspect] finds in one package directory.
type Report struct {
	// Examples counts the example functions of the test files (every
	// function go/doc recognises as one: Example…, no parameters, no
	// results).
	Examples int
	// Attached counts the examples that go/doc attaches to the package, a
	// function, a type or a method, the ones pkg.go.dev shows.
	Attached int
	// Dropped names the example functions go/doc does not attach, sorted:
	// ones named after a variable or constant (ExampleErrNUL), after no
	// exported identifier, or with a suffix that does not start with a
	// lower-case letter.
	Dropped []string
	// Problems lists each exported identifier without a doc comment, and
	// each exported function, type and method without an attached example,
	// sorted, as "Name: no doc comment" or "Type.Method: no example".
	Problems []string
}

// Inspect reads the package in dir, its test files included, and builds its
// documentation with go/doc the way pkg.go.dev does (doc.NewFromFiles, which
// attaches examples by go/doc's own naming rules). Variables and constants
// need a doc comment but cannot have an example: go/doc attaches none to
// them. Methods of unexported types are not checked.
func Inspect(dir string) (*Report, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files, tests []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
			continue // another platform's file, or one for a build tag
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
		if strings.HasSuffix(name, "_test.go") {
			tests = append(tests, f)
		}
	}
	p, err := doc.NewFromFiles(fset, files, "example.com/pkg")
	if err != nil {
		return nil, err
	}
	r := &Report{}
	attached := map[string]bool{}
	attach := func(exs []*doc.Example) {
		for _, ex := range exs {
			attached["Example"+ex.Name] = true
		}
	}
	check := func(name, docText string, exs []*doc.Example, wantExample bool) {
		if strings.TrimSpace(docText) == "" {
			r.Problems = append(r.Problems, name+": no doc comment")
		}
		if wantExample && len(exs) == 0 {
			r.Problems = append(r.Problems, name+": no example")
		}
		attach(exs)
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
					check(n.Name, text, nil, false)
				}
			}
		}
	}
	attach(p.Examples)
	values(p.Consts)
	values(p.Vars)
	for _, f := range p.Funcs {
		check(f.Name, f.Doc, f.Examples, true)
	}
	for _, ty := range p.Types {
		check(ty.Name, ty.Doc, ty.Examples, true)
		values(ty.Consts)
		values(ty.Vars)
		for _, f := range ty.Funcs {
			check(f.Name, f.Doc, f.Examples, true)
		}
		for _, m := range ty.Methods {
			check(ty.Name+"."+m.Name, m.Doc, m.Examples, true)
		}
	}
	for _, ex := range doc.Examples(tests...) {
		r.Examples++
		if name := "Example" + ex.Name; attached[name] {
			r.Attached++
		} else {
			r.Dropped = append(r.Dropped, name)
		}
	}
	sort.Strings(r.Dropped)
	sort.Strings(r.Problems)
	return r, nil
}

// TB is the part of [testing.TB] that [Check] uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
	Logf(format string, args ...any)
}

// Check fails t for each problem [Inspect] finds in the package in dir and
// for each example function that go/doc drops, except those named in
// pending: examples known to be dropped that are still to be folded into
// the example of a function or type. A pending name that is not a dropped
// example (it was folded, renamed or attached) fails t too, so that the list
// only shrinks.
func Check(t TB, dir string, pending ...string) {
	t.Helper()
	r, err := Inspect(dir)
	if err != nil {
		t.Fatal(err)
		return
	}
	for _, m := range r.Problems {
		t.Errorf("%s", m)
	}
	for _, name := range r.Dropped {
		if !slices.Contains(pending, name) {
			t.Errorf("%s: go/doc attaches it to nothing, so pkg.go.dev does not show it "+
				"(name examples after an exported function, type or method: ExampleF, ExampleT, ExampleT_M, with an optional _suffix)", name)
		}
	}
	for _, name := range pending {
		if !slices.Contains(r.Dropped, name) {
			t.Errorf("%s is listed as pending but is not a dropped example: remove it from the list", name)
		}
	}
	t.Logf("%d examples, %d attached by go/doc", r.Examples, r.Attached)
}
