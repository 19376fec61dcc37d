package validate

import (
	"testing"

	"github.com/safeshell/safeshell/internal/doccheck"
)

// TestDocs requires a doc comment for every exported identifier, an example
// that go/doc attaches for every exported function, type and method, and
// no example that go/doc drops.
func TestDocs(t *testing.T) { doccheck.Check(t, ".") }
