// Source: u-root/cpu, client/client.go (Cmd.Start), commit 2ac2f2c (before PR #164)
// Label: vulnerable
// Shape: arguments joined with spaces and formatted with %v into the ssh session's command
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package cpujoined

import (
	"fmt"
	"strings"

	"golang.org/x/crypto/ssh"
)

// Cmd is a command to run on a cpu server.
type Cmd struct {
	session *ssh.Session
	Args    []string
	port9p  uint16
}

// Start starts the remote command.
func (c *Cmd) Start() error {
	cmd := "cpud -remote"
	cmd += fmt.Sprintf(" %v", strings.Join(c.Args, " "))
	return c.session.Start(cmd)
}
