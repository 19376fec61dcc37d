// Command ssh runs a program on a remote host over SSH with
// golang.org/x/crypto/ssh, building the remote command from untrusted
// values with safeshell: the line that Session.Run hands to the remote
// user's login shell is the Login dialect's, which that shell reads back
// as exactly the argument vector built here, whichever shell it is (sh,
// bash, zsh, fish, tcsh, csh…).
//
// Usage:
//
//	ssh -key FILE -known-hosts FILE [-port N] user@host VALUE...
//
// It runs `printf '%s\n' VALUE...` remotely, each value one argument (a
// value starting with '-' is refused).
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// RemoteLine returns the line for Session.Run that runs program with
// values as its arguments under the remote user's login shell: the Login
// line of the command. program is trusted configuration.
func RemoteLine(program string, values []string) (string, error) {
	return shq.UncheckedCommand(program).Args(values).LineFor(shq.Login)
}

// Run connects to dest ([user@]host, checked with validate.SSHDestination)
// and runs line there, returning its standard output.
func Run(dest string, port int, signer ssh.Signer, hostKeys ssh.HostKeyCallback, line string) ([]byte, error) {
	if err := validate.SSHDestination(dest); err != nil {
		return nil, err
	}
	user, host := "", dest
	for i := len(dest) - 1; i >= 0; i-- {
		if dest[i] == '@' {
			user, host = dest[:i], dest[i+1:]
			break
		}
	}
	if user == "" {
		user = os.Getenv("USER")
	}
	client, err := ssh.Dial("tcp", net.JoinHostPort(host, strconv.Itoa(port)), &ssh.ClientConfig{
		User:            user,
		Auth:            []ssh.AuthMethod{ssh.PublicKeys(signer)},
		HostKeyCallback: hostKeys,
	})
	if err != nil {
		return nil, err
	}
	defer client.Close()
	session, err := client.NewSession()
	if err != nil {
		return nil, err
	}
	defer session.Close()
	return session.Output(line)
}

func main() {
	keyFile := flag.String("key", "", "private key file")
	knownHosts := flag.String("known-hosts", "", "known_hosts file")
	port := flag.Int("port", 22, "port")
	flag.Parse()
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: ssh -key FILE -known-hosts FILE [-port N] user@host VALUE...")
		os.Exit(2)
	}
	if err := run(*keyFile, *knownHosts, *port, flag.Arg(0), flag.Args()[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ssh:", err)
		os.Exit(1)
	}
}

func run(keyFile, knownHostsFile string, port int, dest string, values []string) error {
	pem, err := os.ReadFile(keyFile)
	if err != nil {
		return err
	}
	signer, err := ssh.ParsePrivateKey(pem)
	if err != nil {
		return err
	}
	hostKeys, err := knownhosts.New(knownHostsFile)
	if err != nil {
		return err
	}
	line, err := RemoteLine("printf", append([]string{`%s\n`}, values...))
	if err != nil {
		return err
	}
	out, err := Run(dest, port, signer, hostKeys, line)
	os.Stdout.Write(out)
	return err
}
