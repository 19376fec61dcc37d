// Source: nuclio/nuclio, pkg/dockerclient/shell.go (ShellClient.GetVersion)
// Label: safe-lookalike
// Shape: the same printf-style sh -c runner with a constant format and no values
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package nuclioversion

import (
	"fmt"
	"os/exec"
)

type shellRunner struct{}

// Run runs fmt.Sprintf(format, vars...) with sh -c, as the project's
// command runner does (an interface there, a concrete type here).
func (r *shellRunner) Run(format string, vars ...any) (string, error) {
	out, err := exec.Command("/bin/sh", "-c", fmt.Sprintf(format, vars...)).Output()
	return string(out), err
}

type shellClient struct{ cmdRunner *shellRunner }

func (c *shellClient) runCommand(format string, vars ...any) (string, error) {
	return c.cmdRunner.Run(format, vars...)
}

// GetVersion returns docker's version as JSON.
func (c *shellClient) GetVersion() (string, error) {
	return c.runCommand(`docker version --format "{{json .}}"`)
}
