package shqvet

import (
	"path"
	"strings"
)

// A word is one element of an argument vector as the analyzer sees it: its
// constant text when it has one.
type word struct {
	text   string
	known  bool
	spread bool // stands for any number of words
}

// A scriptSink is an element of an argument vector that a shell parses.
type scriptSink struct {
	index  int    // position in the argument vector
	where  string // "the script of sh -c", "the remote command of ssh"
	remote bool   // a remote shell (ssh) parses it
	joined bool   // joined with other words before a shell parses it
	simple bool   // the vector is exactly SHELL -c SCRIPT: a builder rewrite fits
}

// shells are the program names whose -c operand is a script.
var shells = map[string]bool{
	"sh": true, "bash": true, "dash": true, "zsh": true, "ksh": true, "ksh93": true,
	"mksh": true, "pdksh": true, "oksh": true, "fish": true, "ash": true, "hush": true,
	"yash": true, "posh": true, "rbash": true, "tcsh": true, "csh": true, "lksh": true,
}

// sshOptArg are the ssh options that take the next word as their value.
const sshOptArg = "BbcDEeFIiJLlmOopQRSWw"

// scriptSinks finds the words of argv that a shell parses as program
// text: the operand of -c of a shell, directly or behind a wrapper such as
// env, sudo or docker exec, and the remote command of ssh. A word it cannot
// read (not a constant where a program name or option is expected) ends the
// search with no finding: the analyzer reports only what it can show.
func scriptSinks(argv []word) []scriptSink {
	i := 0
	wrapped := false
	for i < len(argv) {
		if !argv[i].known {
			return nil
		}
		name := path.Base(argv[i].text)
		switch {
		case shells[name]:
			return shellScript(argv, i, name, wrapped)
		case name == "busybox":
			i++
			continue
		case name == "su":
			for j := i + 1; j+1 < len(argv); j++ {
				if argv[j].known && (argv[j].text == "-c" || argv[j].text == "--command") {
					return []scriptSink{{index: j + 1, where: "the command of su -c"}}
				}
			}
			return nil
		case name == "ssh":
			return sshRemote(argv, i)
		case name == "env":
			i = skipOpts(argv, i+1, "uCS", true)
		case name == "sudo" || name == "doas":
			i = skipOpts(argv, i+1, "ugCDhprtUT", true)
		case name == "nice":
			i = skipOpts(argv, i+1, "n", false)
		case name == "ionice":
			i = skipOpts(argv, i+1, "cnp", false)
		case name == "nohup" || name == "setsid" || name == "stdbuf" || name == "time" || name == "command" || name == "exec":
			i = skipOpts(argv, i+1, "", false)
		case name == "chroot":
			i = skipOpts(argv, i+1, "", false) + 1
		case name == "timeout":
			i = skipOpts(argv, i+1, "sk", false) + 1 // the duration
		case name == "xargs":
			i = skipOpts(argv, i+1, "adEILnPs", false)
		case name == "docker" || name == "podman" || name == "nerdctl":
			i = containerExec(argv, i+1)
		case name == "kubectl" || name == "oc":
			i = kubectlExec(argv, i+1)
		default:
			return nil
		}
		if i < 0 {
			return nil
		}
		wrapped = true
	}
	return nil
}

// shellScript reads the options of the shell at argv[i] and returns its
// -c operand.
func shellScript(argv []word, i int, name string, wrapped bool) []scriptSink {
	for j := i + 1; j < len(argv); j++ {
		w := argv[j]
		if !w.known {
			return nil // a script file or an option we cannot read
		}
		t := w.text
		switch {
		case t == "--command" || t == "-c" || (len(t) > 1 && t[0] == '-' && t[1] != '-' && strings.IndexByte(t, 'c') > 0 && isLetters(t[1:])):
			if j+1 >= len(argv) {
				return nil
			}
			return []scriptSink{{
				index:  j + 1,
				where:  "the script of " + name + " " + t,
				simple: !wrapped && j == i+1 && t == "-c" && j+2 == len(argv),
			}}
		case t == "-o" || t == "+o" || t == "-O" || t == "+O":
			j++
		case t == "--":
			return nil
		case len(t) > 0 && (t[0] == '-' || t[0] == '+'):
		default:
			return nil // a script file: its name is data, not program text
		}
	}
	return nil
}

// sshRemote returns the words after ssh's destination, which ssh joins
// with spaces and hands to the remote user's shell.
func sshRemote(argv []word, i int) []scriptSink {
	j := i + 1
	for ; j < len(argv); j++ {
		w := argv[j]
		if !w.known {
			break // the destination
		}
		t := w.text
		if t == "--" {
			j++
			break
		}
		if len(t) < 2 || t[0] != '-' {
			break
		}
		if strings.IndexByte(sshOptArg, t[len(t)-1]) >= 0 {
			j++ // the option's value is the next word
		}
	}
	var out []scriptSink
	for k := j + 1; k < len(argv); k++ {
		out = append(out, scriptSink{index: k, where: "the remote command of ssh", remote: true, joined: len(argv)-j > 2 || argv[k].spread})
	}
	return out
}

// skipOpts skips the options of a wrapper program starting at argv[i] and
// returns the index of the wrapped program, or -1 where a word it must read
// is not a constant. Options in withArg take the next word as their value
// unless it is attached; assignments NAME=VALUE are skipped where assign.
func skipOpts(argv []word, i int, withArg string, assign bool) int {
	for i < len(argv) {
		w := argv[i]
		if !w.known {
			return -1
		}
		t := w.text
		switch {
		case t == "--":
			return i + 1
		case len(t) == 2 && t[0] == '-' && strings.IndexByte(withArg, t[1]) >= 0:
			i += 2
		case len(t) > 1 && t[0] == '-':
			i++
		case assign && strings.IndexByte(t, '=') > 0:
			i++
		default:
			return i
		}
	}
	return -1
}

// containerExec reads "exec [options] CONTAINER" or "run [options] IMAGE"
// of docker and podman and returns the index of the program run inside.
func containerExec(argv []word, i int) int {
	if i < len(argv) && argv[i].known && argv[i].text == "container" {
		i++
	}
	if i >= len(argv) || !argv[i].known || (argv[i].text != "exec" && argv[i].text != "run") {
		return -1
	}
	long := map[string]bool{
		"--env": true, "--env-file": true, "--user": true, "--workdir": true, "--detach-keys": true,
		"--volume": true, "--name": true, "--network": true, "--entrypoint": true, "--mount": true,
		"--platform": true, "--label": true, "--publish": true, "--hostname": true,
	}
	for i++; i < len(argv); i++ {
		w := argv[i]
		if !w.known {
			return i + 1 // the container or image
		}
		t := w.text
		switch {
		case long[t]:
			i++
		case len(t) == 2 && t[0] == '-' && strings.IndexByte("euwvplh", t[1]) >= 0:
			i++
		case len(t) > 1 && t[0] == '-':
		default:
			return i + 1
		}
	}
	return -1
}

// kubectlExec reads "exec ... -- PROGRAM" of kubectl and returns the index
// of the program.
func kubectlExec(argv []word, i int) int {
	exec := false
	for ; i < len(argv); i++ {
		if !argv[i].known {
			continue
		}
		switch argv[i].text {
		case "exec":
			exec = true
		case "--":
			if exec {
				return i + 1
			}
			return -1
		}
	}
	return -1
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return s != ""
}
