// Source: u-root/cpu, client/client.go (Cmd.Start, the -port9p option)
// Label: safe-lookalike
// Shape: only an integer formatted into the ssh session's command
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package cpuport

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

// StartServer starts the remote server on a 9p port.
func (c *Cmd) StartServer() error {
	cmd := "cpud -remote"
	if c.port9p != 0 {
		cmd += fmt.Sprintf(" -port9p %v", c.port9p)
	}
	return c.session.Start(cmd)
}

var _ = strings.Join
