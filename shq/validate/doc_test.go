package validate

import (
	"testing"

	"github.com/safeshell/safeshell/internal/doccheck"
)

// TestDocs requires a doc comment and a testable example for every exported
// identifier.
func TestDocs(t *testing.T) { doccheck.Check(t, ".") }
