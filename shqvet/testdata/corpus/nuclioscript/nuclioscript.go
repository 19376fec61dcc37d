// Source: nuclio/nuclio, pkg/processor/runtime/shell/runtime.go (script handler branch, unchanged by PR #4030)
// Label: safe-lookalike
// Shape: a script path and header arguments as argv, no shell
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package nuclioscript

import (
	"context"
	"os/exec"
	"strings"
)

func runScript(ctx context.Context, scriptPath, headerArgs string) ([]byte, error) {
	args := strings.Split(headerArgs, " ")
	return exec.CommandContext(ctx, scriptPath, args...).Output()
}
