// Source: coder/coder, agent/agentcontainers/execer.go (commandEnvExecer.prepare), before PR #26235
// Label: vulnerable
// Shape: each argument formatted with %q (Go quoting) into a sh -c line (the shell name reduced to /bin/sh)
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package coderbefore

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
)

func prepare(ctx context.Context, name string, args ...string) *exec.Cmd {
	var sb strings.Builder
	sb.WriteString(fmt.Sprintf("%q", name))
	for _, arg := range args {
		sb.WriteString(" ")
		sb.WriteString(fmt.Sprintf("%q", arg))
	}
	return exec.CommandContext(ctx, "/bin/sh", "-c", sb.String())
}
