package shq

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/internal/shelltest"
)

// TestNoShellParser checks that the package links no shell parser:
// mvdan.cc/sh is the oracle of the tests, not a dependency of programs that
// quote, split or build commands.
func TestNoShellParser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		shelltest.Missing(t, "go: %v", err)
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 2 {
		t.Fatalf("go list -deps gave %q", deps)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "mvdan.cc/") {
			t.Errorf("package shq depends on %s", d)
		}
	}
}
