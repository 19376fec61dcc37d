// Source: heketi/heketi, pkg/remoteexec/ssh/ssh.go (SshExec.ExecCommands), before PR #1541 (commit 48fca17d)
// Label: vulnerable
// Shape: each command wrapped in '...' for bash -c without escaping its single quotes
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package heketibefore

import (
	"golang.org/x/crypto/ssh"
)

// SshExec runs commands on storage nodes over ssh.
type SshExec struct{ client *ssh.Client }

// ExecCommands runs each command in a remote shell.
func (s *SshExec) ExecCommands(commands []string, useSudo bool) error {
	for _, command := range commands {
		session, err := s.client.NewSession()
		if err != nil {
			return err
		}
		if useSudo {
			command = "sudo " + command
		}
		command = "/bin/bash -c '" + command + "'"
		if err := session.Start(command); err != nil {
			return err
		}
	}
	return nil
}
