// Source: u-root/cpu, client/client.go (quoteArg, Cmd.Start), PR #165 (commit 40292fe)
// Label: fixed
// Shape: each argument single-quoted by a local helper ('"'"' for embedded quotes)
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package cpuquotearg

import (
	"strings"

	"golang.org/x/crypto/ssh"
)

// Cmd is a command to run on a cpu server.
type Cmd struct {
	session *ssh.Session
	Args    []string
}

func quoteArg(arg string) string {
	return "'" + strings.ReplaceAll(arg, "'", "'\"'\"'") + "'"
}

// Start starts the remote command.
func (c *Cmd) Start() error {
	cmd := "cpud -remote"
	quoted := make([]string, len(c.Args))
	for i, arg := range c.Args {
		quoted[i] = quoteArg(arg)
	}
	cmd += " " + strings.Join(quoted, " ")
	return c.session.Start(cmd)
}
