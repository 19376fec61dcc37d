// Source: dokku/docket, subprocess/ssh.go (buildSshArgv), PR #361 fixing issue #301 (commit de52d80)
// Label: fixed
// Shape: each remote word quoted with mvdan.cc/sh/v3/syntax.Quote for POSIX
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package docketafter

import (
	"context"
	"os"
	"os/exec"

	"mvdan.cc/sh/v3/syntax"
)

type sshTarget struct{ user, host string }

func (t sshTarget) UserHost() string { return t.user + "@" + t.host }

func buildSshArgv(target sshTarget, remote []string) ([]string, error) {
	argv := []string{"-o", "ControlMaster=auto", "-o", "BatchMode=yes", target.UserHost()}
	if os.Getenv("DOKKU_SUDO") == "1" {
		argv = append(argv, "sudo", "-n")
	}
	for _, arg := range remote {
		quoted, err := syntax.Quote(arg, syntax.LangPOSIX)
		if err != nil {
			return nil, err
		}
		argv = append(argv, quoted)
	}
	return argv, nil
}

func callSsh(ctx context.Context, target sshTarget, command string, args []string) error {
	remote := append([]string{command}, args...)
	argv, err := buildSshArgv(target, remote)
	if err != nil {
		return err
	}
	return exec.CommandContext(ctx, "ssh", argv...).Run()
}
