// Source: heketi/heketi, pkg/remoteexec/ssh/ssh.go (SshExec.ExecCommands), PR #1541 (commit 48fca17d)
// Label: fixed
// Shape: single quotes escaped as '\\” inside the single-quoted bash -c operand
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package heketiafter

import (
	"golang.org/x/crypto/ssh"
	"strings"
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
		command = "/bin/bash -c '" +
			strings.Replace(command, `'`, `'\''`, -1) +
			"'"
		if err := session.Start(command); err != nil {
			return err
		}
	}
	return nil
}
