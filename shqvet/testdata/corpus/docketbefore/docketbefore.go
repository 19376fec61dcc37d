// Source: dokku/docket, subprocess/ssh.go (buildSshArgv), before PR #361 fixing issue #301
// Label: vulnerable
// Shape: dokku arguments appended to ssh's argv as bare words (go-execute's task reduced to exec.CommandContext)
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package docketbefore

import (
	"context"
	"os"
	"os/exec"
)

type sshTarget struct{ user, host string }

func (t sshTarget) UserHost() string { return t.user + "@" + t.host }

func buildSshArgv(target sshTarget, remote []string) []string {
	argv := []string{"-o", "ControlMaster=auto", "-o", "BatchMode=yes", target.UserHost()}
	if os.Getenv("DOKKU_SUDO") == "1" {
		argv = append(argv, "sudo", "-n")
	}
	argv = append(argv, remote...)
	return argv
}

func callSsh(ctx context.Context, target sshTarget, command string, args []string) error {
	remote := append([]string{command}, args...)
	argv := buildSshArgv(target, remote)
	return exec.CommandContext(ctx, "ssh", argv...).Run()
}
