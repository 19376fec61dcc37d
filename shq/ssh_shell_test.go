package shq

import (
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq/validate"
)

// sshValues are the values sent through sshd: the hazards, every byte but
// NUL and newline alone and between letters, and random strings, in
// chunks whose line stays short: the three-layer line, quoted as one word
// for the login shell, must stay within LoginMaxWord.
func sshValues(t *testing.T) [][]string {
	var chunks [][]string
	var cur []string
	size := 0
	in := loginInputs(t)
	in = in[:len(in)-300] // shellInputs' random strings: fewer, from another seed
	for _, s := range append(in, randomStrings(100, 11)...) {
		if strings.IndexByte(s, '\n') >= 0 {
			continue
		}
		q, _ := Login.Quote(s)
		if size+len(q) > 1200 && len(cur) > 0 {
			chunks, cur, size = append(chunks, cur), nil, 0
		}
		cur = append(cur, s)
		size += len(q) + 1
	}
	return append(chunks, cur)
}

// runSSH runs the OpenSSH client with argv[1:] (no local shell) and
// returns the printer calls it printed.
func runSSH(t *testing.T, argv []string) ([][]string, string) {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatalf("ssh: %v", err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil || stderr.Len() > 0 {
			return nil, "ssh: " + strings.TrimSpace(err2s(err)+" "+stderr.String())
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		return nil, "ssh timed out"
	}
	calls, err := shelltest.ParseRecords(stdout.Bytes())
	if err != nil {
		return nil, "printer output: " + err.Error() + ": " + strconv.Quote(stdout.String())
	}
	return calls, ""
}

func err2s(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestSSHD runs values through a real OpenSSH server to the login shells
// of six local users (dash, bash, zsh, fish, tcsh, csh), with the ssh
// client run without a local shell:
//
//   - one layer: `ssh … -- user@127.0.0.1 LINE`, LINE the Login line of the
//     printer and the values (Login.Join, empty and blank values included);
//   - three layers, built with the command builder: ssh → sh -c → bash -c →
//     printer, the ssh part with ScriptFor(Login, …) and the two inner
//     shells with Script.
//
// Every byte of every value must come back.
func TestSSHD(t *testing.T) {
	if testing.Short() {
		t.Skip("starts sshd")
	}
	srv := shelltest.StartSSHD(t, shelltest.LoginUsers...)
	printer := shelltest.RemotePrinter(t)
	chunks := sshValues(t)
	port := strconv.Itoa(srv.Port)
	for _, user := range shelltest.LoginUsers {
		t.Run(user, func(t *testing.T) {
			t.Parallel()
			t.Logf("%s: login shell %s", user, shelltest.LoginShellOf(user))
			dest := user + "@127.0.0.1"
			sent := 0
			for _, chunk := range chunks {
				// One layer.
				line, err := Login.Join(append([]string{printer}, chunk...)...)
				if err != nil {
					t.Fatal(err)
				}
				argv := append(append([]string{"ssh"}, srv.SSHArgs()...), "--", dest, line)
				calls, fail := runSSH(t, argv)
				if fail != "" || len(calls) != 1 || !equalWords(calls[0], chunk) {
					t.Errorf("one layer: %s; calls %s; want %s", fail, shelltest.FormatCalls(calls), shelltest.FormatWords(chunk))
				}
				// Three layers, from the builder. It refuses empty and
				// blank values, which the one-layer line carried.
				inner := UncheckedCommand(printer)
				var want []string
				for _, v := range chunk {
					if refusal(v, true) == nil {
						inner.ArgAllowDash(v)
						want = append(want, v)
					}
				}
				outer := Command("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
					"-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes").
					FlagArg("-o", "UserKnownHostsFile="+srv.KnownHosts).
					FlagArg("-i", srv.Key).
					FlagArg("-p", port).
					EndOptions().
					Arg(dest, validate.SSHDestination).
					ScriptFor(Login, Command("sh", "-c").Script(Command("bash", "-c").Script(inner)))
				argv, err = outer.Argv()
				if err != nil {
					t.Fatal(err)
				}
				calls, fail = runSSH(t, argv)
				if fail != "" || len(calls) != 1 || !equalWords(calls[0], want) {
					t.Errorf("three layers: %s; calls %s; want %s", fail, shelltest.FormatCalls(calls), shelltest.FormatWords(want))
				}
				sent += len(chunk)
			}
			t.Logf("%s: %d values in %d lines, one and three layers deep", user, sent, len(chunks))
		})
	}
}
