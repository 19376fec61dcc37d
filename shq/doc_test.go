package shq

import (
	"testing"

	"github.com/safeshell/safeshell/internal/doccheck"
)

// TestDocs requires a doc comment for every exported identifier and an
// example that go/doc attaches for every exported function, type and
// method. The examples listed are named after error sentinels (variables),
// so go/doc drops them; they are still to be folded into the examples of
// the error types and functions that return them.
func TestDocs(t *testing.T) {
	doccheck.Check(t, ".",
		"ExampleErrNUL", "ExampleErrKeyword", "ExampleErrDialect", "ExampleErrNotLiteral", "ExampleErrUnterminated",
		"ExampleErrEmpty", "ExampleErrBlank", "ExampleErrOptionLike", "ExampleErrTooLong", "ExampleErrFlag",
		"ExampleErrPlaceholder", "ExampleErrMissingValue", "ExampleErrUnknownPlaceholder",
	)
}
