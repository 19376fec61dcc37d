package shqvet_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shqvet"
	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis/analysistest"
)

// fixtures copies testdata/fixtures and testdata/corpus into a temporary module that requires
// the root module through a replace, as a user's module would, and the
// ssh API the fixtures call from a local copy. go.mod is written here, not
// kept in testdata, so the fixtures (vulnerable code on purpose) are no
// module of their own for CI's loops over every go.mod.
func fixtures(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("testdata", "fixtures")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// The stub modules' go.mod files have another name in testdata,
		// so that CI's loop over every go.mod does not take them for
		// modules of the project.
		rel = strings.TrimSuffix(rel, ".fixture")
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "corpus"), os.DirFS(filepath.Join("testdata", "corpus"))); err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	rootMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.Parse("go.mod", rootMod, nil)
	if err != nil {
		t.Fatal(err)
	}
	gomod := "module fixtures\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/safeshell/safeshell v0.0.0\n\tgolang.org/x/crypto v0.0.0\n\tgithub.com/alessio/shellescape v0.0.0\n"
	for _, r := range mf.Require {
		// The root module's requirements, which a user's module lists too.
		gomod += "\t" + r.Mod.Path + " " + r.Mod.Version + " // indirect\n"
	}
	gomod += ")\n\nreplace github.com/safeshell/safeshell => " + root + "\n\n" +
		"replace golang.org/x/crypto => ./xcrypto\n\n" +
		"replace github.com/alessio/shellescape => ./thirdparty/shellescape\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	dir := fixtures(t)
	analysistest.Run(t, dir, shqvet.Analyzer, "./a", "./b/...")
}

func TestSuggestedFixes(t *testing.T) {
	dir := fixtures(t)
	analysistest.RunWithSuggestedFixes(t, dir, shqvet.Analyzer, "./fix")
}

// TestFixedCodeBuilds puts the golden (rewritten) files in place of the
// originals and checks that the package builds and passes go vet: a fix
// that does not compile is worse than none.
func TestFixedCodeBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build and go vet")
	}
	dir := fixtures(t)
	goldens, err := filepath.Glob(filepath.Join(dir, "fix", "*.go.golden"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "shq.Command(") {
			t.Errorf("%s: no builder in the fixed code", filepath.Base(g))
		}
		if err := os.WriteFile(strings.TrimSuffix(g, ".golden"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(g)
	}
	for _, args := range [][]string{{"build", "./fix"}, {"vet", "./fix"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s on the fixed code: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestProducersExist checks that the shq functions the analyzer trusts
// exist under the names it matches: a rename in shq must not silently
// turn every quoted string into a finding.
func TestProducersExist(t *testing.T) {
	fns := []any{
		shq.Quote, shq.Join, shq.AppendQuote, shq.AppendJoin,
		shq.Dialect.Quote, shq.Dialect.Join, shq.Dialect.AppendQuote, shq.Dialect.AppendJoin,
		(*shq.Cmd).Line, (*shq.Cmd).LineFor, (*shq.Template).Line, (*shq.Template).LineFor,
	}
	want := shqvet.Producers()
	if len(want) != len(fns) {
		t.Errorf("analyzer trusts %d producers, test lists %d", len(want), len(fns))
	}
	for _, f := range fns {
		name := runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
		name = strings.TrimPrefix(name, "github.com/safeshell/safeshell/shq.")
		name = strings.NewReplacer("(*", "", ")", "").Replace(name)
		if !want[name] {
			t.Errorf("shq has %s, which the analyzer does not trust", name)
		}
	}
}
