// Source: docker/cli, cli/connhelper/connhelper.go (ssh dialer), before PR #6147
// Label: vulnerable
// Shape: the socket path from the ssh:// URL appended to the remote docker command unquoted
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package dockerbefore

import (
	"context"
	"os/exec"
)

func dial(ctx context.Context, host, socketPath string) *exec.Cmd {
	args := []string{"docker"}
	if socketPath != "" {
		args = append(args, "--host", "unix://"+socketPath)
	}
	args = append(args, "system", "dial-stdio")
	return exec.CommandContext(ctx, "ssh", append([]string{"-T", "-o", "ConnectTimeout=30", "--", host}, args...)...)
}
