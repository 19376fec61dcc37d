// Source: docker/cli, cli/connhelper/connhelper.go (ssh dialer), PR #6147
// Label: fixed
// Shape: every remote word quoted with syntax.Quote (the project forks mvdan.cc/sh/v3/syntax; the upstream package here)
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package dockerafter

import (
	"context"
	"os/exec"

	"mvdan.cc/sh/v3/syntax"
)

func dial(ctx context.Context, host, socketPath string) (*exec.Cmd, error) {
	args := []string{"docker"}
	if socketPath != "" {
		args = append(args, "--host", "unix://"+socketPath)
	}
	args = append(args, "system", "dial-stdio")
	remote := []string{"-T", "-o", "ConnectTimeout=30", "--", host}
	for _, a := range args {
		q, err := syntax.Quote(a, syntax.LangPOSIX)
		if err != nil {
			return nil, err
		}
		remote = append(remote, q)
	}
	return exec.CommandContext(ctx, "ssh", remote...), nil
}
