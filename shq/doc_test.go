package shq

import (
	"testing"

	"github.com/safeshell/safeshell/internal/doccheck"
)

// TestDocs requires a doc comment for every exported identifier and an
// example that go/doc attaches for every exported function, type and
// method; the sentinels appear in the examples of the error types and
// functions that return them.
func TestDocs(t *testing.T) {
	doccheck.Check(t, ".")
}
