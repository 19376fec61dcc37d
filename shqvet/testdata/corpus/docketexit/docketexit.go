// Source: dokku/docket, subprocess/ssh.go (closing the ControlMaster socket)
// Label: safe-lookalike
// Shape: ssh with a computed option value and destination but no remote command
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package docketexit

import (
	"os/exec"
	"path/filepath"
)

func closeMaster(userHost, dir string) error {
	socket := filepath.Join(dir, "docket.sock")
	return exec.Command("ssh", "-o", "ControlPath="+socket, "-O", "exit", userHost).Run()
}
