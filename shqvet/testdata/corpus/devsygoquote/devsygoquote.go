// Source: devsy-org/devsy, cmd/machine/ssh.go (SSHCmd.Run), PR #468
// Label: vulnerable
// Shape: the agent path formatted with %q, whose double quotes leave $() and backquotes live
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package devsygoquote

import (
	"fmt"

	"golang.org/x/crypto/ssh"
)

type machineClient struct{ agentPath string }

func (m *machineClient) AgentPath() string { return m.agentPath }

func startHelper(s *ssh.Session, m *machineClient) error {
	command := fmt.Sprintf("%q internal helper ssh-server --stdio", m.AgentPath())
	return s.Run(command)
}
