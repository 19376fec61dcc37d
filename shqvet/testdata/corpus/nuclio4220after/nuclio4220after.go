// Source: nuclio/nuclio, pkg/dockerclient/shell.go (ShellClient.GetContainers), PR #4220 (GHSA-2893-rq73-w22x)
// Label: fixed
// Shape: each filter token quoted as one shell word (common.Quote, here the single-quote idiom)
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package nuclio4220after

import (
	"fmt"
	"os/exec"
	"strings"
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

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// GetContainers lists containers whose labels match.
func (c *shellClient) GetContainers(name string, labels map[string]string) (string, error) {
	nameFilter := ""
	if name != "" {
		nameFilter = "--filter " + quote(fmt.Sprintf("name=^/%s$", name)) + " "
	}
	labelFilter := ""
	for k, v := range labels {
		labelFilter += "--filter " + quote(fmt.Sprintf("label=%s=%s", k, v)) + " "
	}
	return c.runCommand("docker ps --quiet %s %s", nameFilter, labelFilter)
}
