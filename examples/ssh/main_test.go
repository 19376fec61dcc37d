package main

import (
	"fmt"
	"os"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
)

// values are what the test sends: classic hazards, and every byte but NUL
// and newline (which the Login dialect refuses) alone and between letters.
func values() []string {
	v := []string{"", " ", "it's", `\'$(touch PWNED)"\'`, "a!b", "!!", "$HOME", "`id`", "$(id)",
		"a;id", "a|id", "*", "~", "~root", "{a,b}", "%self", "#x", "^a^b", "a\rb", "\\", `\\`,
		"-x", "--", "if", "naïve café ☕", "\x81\\", "\x810'", "\x8e\xa1'", "€';echo X;#\xff"}
	for c := 1; c < 256; c++ {
		if c != '\n' {
			b := string([]byte{byte(c)})
			v = append(v, b, "a"+b+"b")
		}
	}
	return v
}

// chunks cuts vs into groups whose three-layer line stays within
// shq.LoginMaxWord.
func chunks(vs []string) [][]string {
	var out [][]string
	for len(vs) > 0 {
		n := min(len(vs), 120)
		out = append(out, vs[:n])
		vs = vs[n:]
	}
	return out
}

// TestSessionRun sends the values through x/crypto/ssh's Session.Run to a
// real sshd, for users whose login shells are dash, bash, zsh, fish, tcsh
// and csh: one layer (the Login line of the printer and the values) and
// three (login shell → sh -c → bash -c → printer, built with ScriptFor and
// Script). The printer's records must give back every byte.
func TestSessionRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts sshd")
	}
	srv := shelltest.StartSSHD(t, shelltest.LoginUsers...)
	printer := shelltest.RemotePrinter(t)
	pem, err := os.ReadFile(srv.Key)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	hostKey, _, _, _, err := ssh.ParseAuthorizedKey(srv.HostKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, user := range shelltest.LoginUsers {
		t.Run(user, func(t *testing.T) {
			t.Parallel()
			for _, chunk := range chunks(values()) {
				line, err := shq.Login.Join(append([]string{printer}, chunk...)...)
				if err != nil {
					t.Fatal(err)
				}
				check(t, user, srv.Port, signer, ssh.FixedHostKey(hostKey), "one layer", line, chunk)

				// The builder refuses empty and blank values, which the
				// one-layer line carried.
				inner := shq.UncheckedCommand(printer)
				var want []string
				for _, v := range chunk {
					if shq.UncheckedCommand(printer).ArgAllowDash(v).Err() == nil {
						inner.ArgAllowDash(v)
						want = append(want, v)
					}
				}
				line, err = shq.Command("sh", "-c").Script(shq.Command("bash", "-c").Script(inner)).LineFor(shq.Login)
				if err != nil {
					t.Fatal(err)
				}
				check(t, user, srv.Port, signer, ssh.FixedHostKey(hostKey), "three layers", line, want)
			}
		})
	}
}

func check(t *testing.T, user string, port int, signer ssh.Signer, hk ssh.HostKeyCallback, what, line string, want []string) {
	t.Helper()
	out, err := Run(user+"@127.0.0.1", port, signer, hk, line)
	if err != nil {
		t.Errorf("%s: %s: %v (output %q)", user, what, err, out)
		return
	}
	calls, err := shelltest.ParseRecords(out)
	if err != nil || len(calls) != 1 || !equal(calls[0], want) {
		t.Errorf("%s: %s: %v: got %s, want %s", user, what, err, shelltest.FormatCalls(calls), shelltest.FormatWords(want))
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRemoteLineRefuses(t *testing.T) {
	if _, err := RemoteLine("printf", []string{"a\nb"}); err == nil {
		t.Error("a newline was accepted")
	}
	if _, err := Run("-oProxyCommand=x", 22, nil, nil, "true"); err == nil {
		t.Error("an option-shaped destination was accepted")
	}
}

func ExampleRemoteLine() {
	line, err := RemoteLine("printf", []string{`%s\n`, "it's", "a!b", `C:\tmp`})
	fmt.Println(line, err)
	// Output: printf '%s'\\'n' 'it'"'"'s' 'a'\!'b' 'C:'\\'tmp' <nil>
}
