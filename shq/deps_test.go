package shq

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestNoShellParser checks that the package links no shell parser:
// mvdan.cc/sh is the oracle of the tests, not a dependency of programs that
// quote, split or build commands.
func TestNoShellParser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-deps", ".").Output()
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
