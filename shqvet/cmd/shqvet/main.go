// Command shqvet reports shell injection in Go code: strings that a shell
// parses, built from values that are neither constants nor quoted by shq.
//
// Run it on packages, or as go vet's tool:
//
//	shqvet ./...
//	go vet -vettool=$(command -v shqvet) ./...
//
// With -fix it applies the suggested rewrites to the shq builder.
package main

import (
	"github.com/safeshell/safeshell/shqvet"
	"golang.org/x/tools/go/analysis/singlechecker"
)

func main() { singlechecker.Main(shqvet.Analyzer) }
