package shqvet_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/safeshell/safeshell/shqvet"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// ExampleAnalyzer runs the analyzer, as a multichecker or golangci-lint
// would, on a package with one injection and the safe idioms beside it.
func ExampleAnalyzer() {
	const src = `package list

import "os/exec"

func List(bucket string) ([]byte, error) {
	cmd := exec.Command("sh", "-c", "aws s3 ls "+bucket)
	return cmd.Output()
}

func Safe(bucket string) ([]byte, error) {
	exec.Command("aws", "s3", "ls", bucket)                      // no shell
	return exec.Command("sh", "-c", ` + "`aws s3 ls \"$1\"`" + `, "sh", bucket).Output() // a positional parameter
}
`
	dir, err := os.MkdirTemp("", "shqvet-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/list\n\ngo 1.26.0\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "list.go"), []byte(src), 0o644)

	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: append(os.Environ(), "GOWORK=off")}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := checker.Analyze([]*analysis.Analyzer{shqvet.Analyzer}, pkgs, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, act := range g.Roots {
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			fmt.Printf("%s:%d:%d: %s\n", filepath.Base(p.Filename), p.Line, p.Column, d.Message)
			for _, f := range d.SuggestedFixes {
				fmt.Println("fix:", f.Message)
			}
		}
	}
	// Output:
	// list.go:6:34: shqvet: bucket (a string parameter) is pasted into the script of sh -c: the shell parses it, so ";", "$(...)" or a space in it changes the command; pass it as an argument (shq.Command("aws", "s3", "ls").Arg(bucket)) or quote it with shq.Quote
	// fix: run it without a shell: shq.Command("aws", "s3", "ls").Arg(bucket)
}
