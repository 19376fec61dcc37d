// Source: josenk/terraform-provider-esxi, esxi/esxi_remote_cmds.go (runRemoteSshCommand), issue #148
// Label: vulnerable
// Shape: printf-built vim-cmd lines handed to a helper that runs them in an ssh session
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package esxipoweron

import (
	"fmt"

	"golang.org/x/crypto/ssh"
)

func runRemoteSshCommand(client *ssh.Client, remoteSshCommand, shortCmdDesc string) (string, error) {
	session, err := client.NewSession()
	if err != nil {
		return "", err
	}
	out, err := session.CombinedOutput(remoteSshCommand)
	return string(out), err
}

func guestPowerOn(client *ssh.Client, vmid string) (string, error) {
	remoteCmd := fmt.Sprintf("vim-cmd vmsvc/power.on %s", vmid)
	return runRemoteSshCommand(client, remoteCmd, "vmsvc/power.on")
}
