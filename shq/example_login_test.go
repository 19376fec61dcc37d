package shq_test

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// Login output is single-quoted text with ', \ and ! written outside the
// quotes, which every login shell reads back: here sh, bash, fish and csh
// each print the value once.
func ExampleDialect_login() {
	value := `\'$(touch PWNED)"\'!`
	line, _ := shq.Command("printf", "%s\\n").Arg(value).LineFor(shq.Login)
	fmt.Println(line)
	for _, shell := range []string{"sh", "bash", "fish", "csh"} {
		if _, err := exec.LookPath(shell); err != nil {
			fmt.Println(value) // not installed here
			continue
		}
		out, _ := exec.Command(shell, "-c", line).Output()
		fmt.Print(string(out))
	}
	// Output:
	// printf '%s'\\'n' \\"'"'$(touch PWNED)"'\\"'"\!
	// \'$(touch PWNED)"\'!
	// \'$(touch PWNED)"\'!
	// \'$(touch PWNED)"\'!
	// \'$(touch PWNED)"\'!
}

func ExampleQuoteError_newline() {
	_, err := shq.Login.Quote("line one\nline two")
	fmt.Println(errors.Is(err, shq.ErrNewline), err)
	// Output:
	// true shq: byte 8: newline cannot be carried by a word for an unknown login shell
}

func ExampleQuoteError_loginLength() {
	_, err := shq.Login.Quote(strings.Repeat("a b", 3000))
	fmt.Println(errors.Is(err, shq.ErrLoginLength), err)
	// Output:
	// true shq: byte 7998: quoted word longer than csh reads
}

func ExampleDialect_loginMaxWord() {
	long := strings.Repeat(" ", shq.LoginMaxWord-2)
	q, err := shq.Login.Quote(long)
	fmt.Println(len(q), err)
	_, err = shq.Login.Quote(long + " ")
	fmt.Println(errors.Is(err, shq.ErrLoginLength))
	// Output:
	// 8000 <nil>
	// true
}

// Script passes a built command as the script of sh -c: one argument, so
// the values need no quoting by hand, and the inner line may start with
// '-' or hold spaces (it is program text made by the package, not a value).
func ExampleCmd_Script() {
	inner := shq.Command("printf", "%s\\n").Arg("it's $HOME").Arg("a  b")
	outer := shq.Command("sh", "-c").Script(inner)
	argv, _ := outer.Argv()
	fmt.Printf("%q\n", argv)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = []string{"PATH=/usr/bin:/bin"} // no ENV, no BASH_ENV
	out, err := cmd.Output()
	fmt.Printf("%s%v\n", out, err)
	// Output:
	// ["sh" "-c" "printf '%s\\n' 'it'\"'\"'s $HOME' 'a  b'"]
	// it's $HOME
	// a  b
	// <nil>
}

// sudo runs its command with no shell, so sh -c is the one shell here.
func ExampleCmd_Script_sudo() {
	inner := shq.Command("grep", "-e").ArgAllowDash("-v it's").Fixed("/var/log/app.log")
	argv, _ := shq.Command("sudo", "-u").Arg("app", validate.Filename).Fixed("sh", "-c").Script(inner).Argv()
	fmt.Printf("%q\n", argv)
	// Output:
	// ["sudo" "-u" "app" "sh" "-c" "grep -e '-v it'\"'\"'s' /var/log/app.log"]
}

// docker exec and kubectl exec pass the words after their own options to
// the container unchanged: only the inner sh -c parses the script.
func ExampleCmd_Script_container() {
	inner := shq.Command("ls", "-l").Arg("$(id) dir")
	docker, _ := shq.Command("docker", "exec", "-i").Arg("web-1").Fixed("sh", "-c").Script(inner).Argv()
	kubectl, _ := shq.Command("kubectl", "exec").Arg("web-1").Fixed("--", "sh", "-c").Script(inner).Argv()
	bash, _ := shq.Command("bash", "-c").Script(inner).Argv()
	fmt.Printf("%q\n%q\n%q\n", docker, kubectl, bash)
	// Output:
	// ["docker" "exec" "-i" "web-1" "sh" "-c" "ls -l '$(id) dir'"]
	// ["kubectl" "exec" "web-1" "--" "sh" "-c" "ls -l '$(id) dir'"]
	// ["bash" "-c" "ls -l '$(id) dir'"]
}

// ScriptFor(Login, …) gives ssh its remote command: ssh hands it to the
// remote user's login shell, whatever it is. Three layers — ssh, then
// sudo's sh -c, then the program — are built from values with no quoting
// by hand; run the result with os/exec, not through a local shell.
func ExampleCmd_ScriptFor() {
	program := shq.Command("printf", "%s\\n").Arg("it's!")
	asApp := shq.Command("sudo", "-u").Arg("app", validate.Filename).Fixed("sh", "-c").Script(program)
	ssh := shq.Command("ssh", "-o", "BatchMode=yes", "--").
		Arg("deploy@build-1.example.com", validate.SSHDestination).
		ScriptFor(shq.Login, asApp)
	argv, err := ssh.Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["ssh" "-o" "BatchMode=yes" "--" "deploy@build-1.example.com" "sudo -u app sh -c 'printf '\"'\"'%s'\\\\'n'\"'\"' '\"'\"'it'\"'\"'\"'\"'\"'\"'\"'\"'s'\\!\"'\""] <nil>
}

// su -c hands its command to the target user's login shell, like ssh: use
// Login, or make su run sh.
func ExampleCmd_ScriptFor_su() {
	program := shq.Command("id").Arg("-un", validate.NoLeadingDash)
	fmt.Println(program.Err() != nil) // -un is option-shaped: refused
	program = shq.Command("printf", "%s\\n").Arg("a!b")
	argv, _ := shq.Command("su", "-c").ScriptFor(shq.Login, program).Arg("app", validate.Filename).Argv()
	viaSh, _ := shq.Command("su", "-s", "/bin/sh", "-c").Script(program).Arg("app", validate.Filename).Argv()
	fmt.Printf("%q\n%q\n", argv, viaSh)
	// Output:
	// true
	// ["su" "-c" "printf '%s'\\\\'n' 'a'\\!'b'" "app"]
	// ["su" "-s" "/bin/sh" "-c" "printf '%s\\n' 'a!b'" "app"]
}

// For golang.org/x/crypto/ssh, Session.Run(line) hands line to the remote
// login shell: take the line from LineFor(Login). A refusal of the inner
// command is the outer command's refusal.
func ExampleCmd_ScriptFor_session() {
	line, err := shq.Command("tar", "-czf", "-").Arg("my dir").LineFor(shq.Login)
	fmt.Println(line, err) // session.Run(line)

	_, err = shq.Command("ssh", "--").Arg("host").ScriptFor(shq.Login, shq.Command("echo").Arg("a\nb")).Argv()
	fmt.Println(errors.Is(err, shq.ErrNewline), err)
	// Output:
	// tar -czf - 'my dir' <nil>
	// true shq: argument 3: nested command: argument 1, byte 1: newline cannot be carried by a word for an unknown login shell
}
