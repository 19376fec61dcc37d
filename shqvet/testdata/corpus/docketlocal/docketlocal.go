// Source: dokku/docket, subprocess/exec.go (the local path named unaffected in issue #301)
// Label: safe-lookalike
// Shape: the dokku command and its arguments as argv, no shell
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package docketlocal

import (
	"context"
	"os/exec"
)

func callLocal(ctx context.Context, command string, args []string) error {
	return exec.CommandContext(ctx, "dokku", append([]string{command}, args...)...).Run()
}
