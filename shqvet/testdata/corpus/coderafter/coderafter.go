// Source: coder/coder, agent/agentcontainers/execer.go (commandEnvExecer.prepare), PR #26235 (backport #26289)
// Label: fixed
// Shape: a constant script that runs "$@", the command given as positional parameters
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package coderafter

import (
	"context"
	"os/exec"
)

func prepare(ctx context.Context, name string, args ...string) *exec.Cmd {
	argv := append([]string{"-c", `exec "$@"`, "sh", name}, args...)
	return exec.CommandContext(ctx, "/bin/sh", argv...)
}
