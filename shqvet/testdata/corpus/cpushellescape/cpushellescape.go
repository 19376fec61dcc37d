// Source: u-root/cpu, client/client.go (Cmd.Start), PR #164 (commit e56bb27)
// Label: fixed
// Shape: arguments quoted with shellescape.QuoteCommand
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package cpushellescape

import (
	"github.com/alessio/shellescape"
	"golang.org/x/crypto/ssh"
)

// Cmd is a command to run on a cpu server.
type Cmd struct {
	session *ssh.Session
	Args    []string
}

// Start starts the remote command.
func (c *Cmd) Start() error {
	cmd := "cpud -remote"
	cmd += " " + shellescape.QuoteCommand(c.Args)
	return c.session.Start(cmd)
}
