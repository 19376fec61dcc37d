package shtemplate

import (
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

func (c *classifier) call(src string, s *syntax.Stmt, ce *syntax.CallExpr, outer []layer, depth int) {
	for _, as := range ce.Assigns {
		c.assign(src, as, outer)
	}
	if len(ce.Args) == 0 {
		return
	}
	if !c.login && c.inPipe == 0 && len(ce.Args) == 1 && len(ce.Assigns) == 0 && len(s.Redirs) == 0 && !s.Negated && !s.Background && !s.Coprocess {
		w := ce.Args[0]
		if l, ok := w.Lit(), len(w.Parts) == 1; ok && len(l) == markerLen {
			if o, ok := markerAt(l, 0); ok {
				ly := layer{kind: kStatement, name: "whole command", bash: c.a.lang == syntax.LangBash && len(outer) == 0}
				c.set(o, &result{layers: append([]layer{ly}, outer...)})
				return
			}
		}
	}
	if braces(ce.Args) {
		c.refuseWords(src, ce.Args, "command with a brace expansion ({a,b} and {1..3}: bash, zsh and ksh make several words of it, or none)")
		return
	}
	c.command(src, ce.Args, outer, depth)
}

// braces reports whether a word of args has a brace expansion, which
// bash, zsh and ksh make into several words ({,} into none in bash) and
// dash leaves as it is: the words after it, an action among them, move.
// A POSIX template is taken to be run by any of them (sh is bash on some
// systems, and zsh -c and ksh -c scripts are parsed as POSIX).
func braces(args []*syntax.Word) bool {
	for _, w := range args {
		// The unquoted text of w, each escaped byte and each other part
		// as a NUL: a { then a , .. or an action, then a }, may expand.
		var b []byte
		for _, p := range w.Parts {
			l, ok := p.(*syntax.Lit)
			if !ok {
				b = append(b, 0)
				continue
			}
			for i := 0; i < len(l.Value); i++ {
				if l.Value[i] == '\\' {
					b = append(b, 0)
					i++
					continue
				}
				b = append(b, l.Value[i])
			}
		}
		t := string(b)
		o, e := strings.IndexByte(t, '{'), strings.LastIndexByte(t, '}')
		if o < 0 || e < o {
			continue
		}
		// An action there may write a , or .. unquoted ({{{.x}}} with
		// a,b).
		if in := t[o+1 : e]; strings.ContainsAny(in, ",") || strings.Contains(in, "..") || strings.Contains(in, markerPrefix) {
			return true
		}
	}
	return false
}

// shells are the programs read as POSIX or bash scripts.
var shells = set("sh", "bash", "rbash", "dash", "ksh", "ksh93", "mksh", "zsh", "ash", "yash", "posh")

// readsScript reports whether the command line args, through the wrappers
// the package knows, runs a program that reads its standard input as a
// script: a shell without -c, ssh (the remote shell), eval-like commands,
// or a program whose name is not literal.
func readsScript(args []*syntax.Word) bool {
	for depth := 0; len(args) > 0 && depth < 8; depth++ {
		name, ok := literal(args[0])
		if !ok {
			return true
		}
		base := name[strings.LastIndexByte(name, '/')+1:]
		rest := args[1:]
		switch {
		case shells[base]:
			for _, w := range rest {
				s, ok := literal(w)
				if !ok || s == "" || (s[0] != '-' && s[0] != '+') {
					return true // a script file, or stdin
				}
				if s[0] == '-' && s[1:] != "-" && strings.IndexByte(s, 'c') > 0 {
					return false
				}
			}
			return true
		case base == "busybox" && len(rest) > 0:
			args = rest
			continue
		case base == "ssh", base == "su", base == "source", base == ".", base == "eval",
			base == "fish", base == "csh", base == "tcsh", base == "bsd-csh", base == "pwsh":
			return true
		case base == "sudo" || base == "doas" || base == "env" || base == "nohup" || base == "setsid" ||
			base == "nice" || base == "exec" || base == "stdbuf" || base == "chroot" || base == "time" ||
			base == "command" || base == "xargs" || base == "timeout":
			// Skip the wrapper's options and assignments (and timeout's
			// duration, chroot's directory) to find its command.
			withArg := wrapOpts[base]
			switch base {
			case "sudo", "doas":
				withArg = sudoOpts
			case "env":
				withArg = envOpts
			case "xargs":
				withArg = xargsOpts
			}
			i := 0
			for i < len(rest) {
				s, ok := literal(rest[i])
				if !ok {
					return true
				}
				if s == "--" {
					i++
					break
				}
				if strings.HasPrefix(s, "-") {
					if withArg[s] {
						i++
					}
					i++
					continue
				}
				if strings.Contains(s, "=") {
					i++
					continue
				}
				break
			}
			if (base == "timeout" || base == "chroot") && i < len(rest) {
				i++
			}
			args = rest[i:]
		case interpreterKey(base) != "":
			return readsProgram(interpreterKey(base), rest)
		case (base == "docker" || base == "podman" || base == "kubectl") && len(rest) > 0:
			for i, w := range rest {
				if s, ok := literal(w); ok && s == "--" {
					args = rest[i+1:]
					break
				}
				if i == len(rest)-1 {
					// docker exec [opts] box CMD: take the words after
					// the first two that are not options.
					n := 0
					for j, w := range rest {
						if s, ok := literal(w); ok && !strings.HasPrefix(s, "-") {
							if n++; n == 3 {
								args = rest[j:]
								break
							}
						}
					}
					if n < 3 {
						return false
					}
				}
			}
		default:
			return false
		}
	}
	return false
}

// refuseWords refuses the markers in ws.
func (c *classifier) refuseWords(src string, ws []*syntax.Word, what string) {
	for _, w := range ws {
		c.refuseNode(src, w, what)
	}
}

// args classifies the arguments of a command that reads options until a
// literal "--".
func (c *classifier) args(src string, ws []*syntax.Word, r role, outer []layer) {
	for _, w := range ws {
		c.word(src, w, r, outer)
		if s, ok := literal(w); ok && s == "--" {
			r.option = false
		}
	}
}

// command classifies a command line whose first word is the program.
func (c *classifier) command(src string, args []*syntax.Word, outer []layer, depth int) {
	if len(args) == 0 {
		return
	}
	c.refuseNode(src, args[0], "command position")
	name, ok := literal(args[0])
	rest := args[1:]
	if !ok {
		c.args(src, rest, argRole, outer)
		return
	}
	base := name[strings.LastIndexByte(name, '/')+1:]
	if c.login && loginRunners[base] {
		c.refuseWords(src, rest, "argument of "+base+" in the remote command of ssh (a login shell's builtin or keyword that runs a command)")
		return
	}
	if c.login && loginNamers[base] {
		c.refuseWords(src, rest, "argument of "+base+" in the remote command of ssh (a variable name to fish, csh or tcsh)")
		return
	}
	switch base {
	case "eval", "trap", ".", "source", "alias", "let", "fc", "bind", "complete", "watch", "parallel",
		"emulate", "enable":
		// zsh's emulate sh -c CODE runs CODE; bash's enable -f FILE
		// loads FILE as a library.
		c.refuseWords(src, rest, "argument of "+base)
	case "awk", "gawk", "mawk", "nawk", "busybox-awk", "sed", "gsed", "perl", "ruby", "node", "nodejs", "python", "python2", "python3", "php", "lua", "tclsh", "Rscript":
		c.interpreter(src, base, rest, outer)
	case "flock", "ionice", "taskset", "strace", "ltrace", "nsenter", "unshare", "setpriv", "systemd-run",
		"runuser", "script", "tmux", "screen", "chpst", "pkexec", "firejail", "bwrap", "valgrind", "gdb",
		"dbus-run-session", "ssh-agent", "catchsegv", "su-exec", "gosu", "tini", "dumb-init", "sg", "newgrp":
		// Programs that run a command (or a shell command string) from
		// their arguments, with options the package does not model.
		c.refuseWords(src, rest, "argument of "+base+" (runs a command from its arguments)")
	case "builtin":
		if len(rest) > 0 {
			if s, ok := literal(rest[0]); !ok || strings.HasPrefix(s, "-") {
				// ksh93's builtin -f FILE loads FILE as a library.
				c.refuseWords(src, rest, "argument of builtin with an option")
				return
			}
		}
		c.command(src, rest, outer, depth)
	case "[[", "function", "select", "coproc":
		// Parsed as a plain command in POSIX sh, read as a keyword by bash.
		c.refuseWords(src, rest, "bash syntax in a POSIX template (use Dialect(shq.Bash))")
	case "ssh":
		c.ssh(src, rest, outer, depth)
	case "scp":
		c.scp(src, rest, outer)
	case "git":
		c.git(src, rest, outer)
	case "sshpass", "autossh", "mosh", "rsync", "sftp", "sshfs":
		// They run ssh, or a remote shell, with options the package
		// does not model (rsync -e and sshfs -o ssh_command= run a
		// command, rsync's remote paths reach the remote shell).
		c.refuseWords(src, rest, "argument of "+base+" (runs ssh or a remote shell with its arguments)")
	case "fish", "csh", "tcsh", "bsd-csh", "pwsh", "rc", "es", "elvish", "nu", "xonsh":
		// Shells whose language the package does not write.
		c.refuseWords(src, rest, "argument of "+base+" (a shell the package does not quote for)")
	case "sh", "bash", "rbash", "dash", "ksh", "ksh93", "mksh", "zsh", "ash", "yash", "posh":
		c.shell(src, rest, outer, depth, base == "bash" || base == "rbash")
	case "busybox":
		if len(rest) > 0 {
			if s, ok := literal(rest[0]); ok && (s == "sh" || s == "ash") {
				c.shell(src, rest[1:], outer, depth, false)
				return
			}
		}
		c.command(src, rest, outer, depth)
	case "su":
		c.su(src, rest, outer, depth)
	case "sudo", "doas":
		c.wrapper(src, rest, outer, depth, base, sudoOpts, true, nil)
	case "env":
		c.wrapper(src, rest, outer, depth, base, envOpts, true, nil)
	case "nohup", "setsid", "nice", "exec", "stdbuf", "chroot", "time":
		c.wrapper(src, rest, outer, depth, base, wrapOpts[base], false, nil)
	case "timeout":
		c.wrapper(src, rest, outer, depth, base, wrapOpts[base], false, func(ws []*syntax.Word) {
			if len(ws) > 0 {
				c.word(src, ws[0], argRole, outer)
				c.command(src, ws[1:], outer, depth)
			}
		})
	case "command":
		if len(rest) > 0 {
			if s, ok := literal(rest[0]); ok && (s == "-v" || s == "-V") {
				c.args(src, rest, argRole, outer)
				return
			}
		}
		c.wrapper(src, rest, outer, depth, base, nil, false, nil)
	case "xargs":
		c.wrapper(src, rest, outer, depth, base, xargsOpts, false, nil)
	case "find":
		c.find(src, rest, outer, depth)
	case "docker", "podman":
		if len(rest) > 0 {
			if s, ok := literal(rest[0]); ok && s == "exec" {
				c.wrapper(src, rest[1:], outer, depth, base, dockerOpts, false, func(ws []*syntax.Word) {
					if len(ws) > 0 {
						c.word(src, ws[0], argRole, outer) // the container
						c.command(src, ws[1:], outer, depth)
					}
				})
				return
			}
		}
		c.args(src, rest, argRole, outer)
	case "kubectl":
		for i, w := range rest {
			if s, ok := literal(w); ok && s == "--" {
				c.args(src, rest[:i], argRole, outer)
				c.command(src, rest[i+1:], outer, depth)
				return
			}
		}
		c.args(src, rest, argRole, outer)
	case "[", "test":
		c.args(src, rest, role{name: "argument of test", option: true, test: true}, outer)
	case "export", "readonly", "local", "declare", "typeset":
		for _, w := range rest {
			c.declWord(src, w, outer)
		}
	default:
		c.args(src, rest, argRole, outer)
	}
}

// interpreters: the options whose argument is program text, the options
// that take another argument, and whether the first operand is the
// program when no program option was given.
var interpreters = map[string]struct {
	code, withArg map[string]bool
	firstOperand  bool
}{
	"awk":     {set("-e", "--source"), set("-F", "-v", "-f", "--field-separator", "--assign", "--file"), true},
	"sed":     {set("-e", "--expression"), set("-f", "--file", "-l", "--line-length"), true},
	"perl":    {set("-e", "-E"), set("-I", "-M", "-m"), true},
	"ruby":    {set("-e"), set("-I", "-r"), true},
	"node":    {set("-e", "-p", "--eval", "--print"), set("-r", "--require"), false},
	"python":  {set("-c"), set("-m", "-W", "-X"), false},
	"php":     {set("-r"), set("-f", "-d", "-c"), false},
	"lua":     {set("-e"), set("-l"), false},
	"tclsh":   {nil, nil, false},
	"Rscript": {set("-e"), nil, false},
	"dc":      {set("-e", "--expression"), set("-f", "--file"), false}, // its ! runs a command
}

// interpreterKey returns the key of interpreters for a program name, or
// "" if it is none of them.
func interpreterKey(name string) string {
	switch name {
	case "gawk", "mawk", "nawk", "busybox-awk":
		return "awk"
	case "gsed":
		return "sed"
	case "nodejs":
		return "node"
	case "python2", "python3":
		return "python"
	}
	if _, ok := interpreters[name]; ok {
		return name
	}
	return ""
}

// readsProgram reports whether the interpreter key, run with the
// arguments ws, reads its program from standard input: no program option
// (-e, -c…), no program or script operand, or - or -f - for it
// (echo {{.x}} | python3 runs the value as Python).
func readsProgram(key string, ws []*syntax.Word) bool {
	in := interpreters[key]
	for i := 0; i < len(ws); i++ {
		s, ok := literal(ws[i])
		switch {
		case !ok || s == "-":
			return true
		case s == "--":
			if i+1 < len(ws) {
				t, ok := literal(ws[i+1])
				return !ok || t == "-"
			}
			return true
		case in.code[s], key == "python" && s == "-m":
			return false
		case in.withArg[s]:
			if s == "-f" || s == "--file" {
				if i+1 < len(ws) {
					t, ok := literal(ws[i+1])
					return !ok || t == "-" || t == "/dev/stdin"
				}
				return true
			}
			i++
		case strings.HasPrefix(s, "-"):
		default:
			return false // the program text or the script file
		}
	}
	return true
}

// interpreter classifies the arguments of a program that runs program
// text given on its command line (awk, sed, perl -e, python -c …): a value
// there is code in another language, quoted for the shell only, so it is
// refused; its other arguments are plain arguments.
func (c *classifier) interpreter(src, name string, ws []*syntax.Word, outer []layer) {
	key := interpreterKey(name)
	in := interpreters[key]
	what := "program text of " + name
	sawCode, dashdash := false, false
	for i := 0; i < len(ws); i++ {
		s, ok := literal(ws[i])
		switch {
		case !ok || dashdash || !strings.HasPrefix(s, "-") || s == "-":
			if in.firstOperand && !sawCode {
				c.refuseNode(src, ws[i], what)
				sawCode = true
				continue
			}
			c.word(src, ws[i], role{name: "argument", list: true}, outer)
		case s == "--":
			dashdash = true
		case in.code[s] && i+1 < len(ws):
			c.refuseNode(src, ws[i+1], what)
			sawCode = true
			i++
		case in.withArg[s] && i+1 < len(ws):
			if s == "-f" || s == "--file" {
				sawCode = true // the program is in a file
			}
			c.word(src, ws[i+1], argRole, outer)
			i++
		default:
			c.refuseNode(src, ws[i], "option of "+name)
			if key == "python" && s == "-" {
				sawCode = true
			}
		}
	}
}

// declWord classifies an argument of export and the like, which the shell
// reads as an assignment when it has the shape of one.
func (c *classifier) declWord(src string, w *syntax.Word, outer []layer) {
	if len(w.Parts) > 0 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok {
			if i := strings.IndexByte(l.Value, '='); i > 0 && validName(l.Value[:i]) {
				c.word(src, w, role{name: "assignment value", assign: true, prefix: true}, outer)
				return
			}
		}
	}
	c.refuseNode(src, w, "argument of "+"a declaration (a name)")
}

func validName(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || i > 0 && b >= '0' && b <= '9') {
			return false
		}
	}
	return s != "" && !strings.Contains(s, markerPrefix)
}

// Options that take a separate argument, per wrapper.
var (
	sudoOpts   = set("-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-T", "-U", "-R", "--user", "--group", "--host", "--prompt", "--close-from", "--chdir", "--role", "--type", "--command-timeout", "--other-user", "--chroot")
	envOpts    = set("-u", "-C", "--unset", "--chdir")
	xargsOpts  = set("-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file", "--delimiter", "--max-lines", "--max-args", "--max-procs", "--max-chars", "--process-slot-var")
	dockerOpts = set("-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir", "--detach-keys")
	wrapOpts   = map[string]map[string]bool{
		"nice":    set("-n", "--adjustment"),
		"exec":    set("-a"),
		"stdbuf":  set("-i", "-o", "-e", "--input", "--output", "--error"),
		"chroot":  set("--userspec", "--groups"),
		"timeout": set("-s", "-k", "--signal", "--kill-after"),
	}
	// Options after which a wrapper runs its command through a shell.
	shellOpts = map[string]map[string]bool{
		"sudo": set("-s", "-i", "--shell", "--login"),
		"env":  set("-S", "--split-string"),
	}
)

func set(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, x := range s {
		m[x] = true
	}
	return m
}

// wrapper classifies a command that runs another command given after its
// options (and, for sudo and env, NAME=value words). then, if set, takes
// the words after the options instead of them being a command line.
func (c *classifier) wrapper(src string, ws []*syntax.Word, outer []layer, depth int, name string, withArg map[string]bool, assigns bool, then func([]*syntax.Word)) {
	i := 0
	for i < len(ws) {
		s, ok := literal(ws[i])
		if !ok {
			c.refuseWords(src, ws[i:], "argument of "+name+" after a word that is not literal")
			return
		}
		if s == "--" {
			i++
			break
		}
		if len(s) > 1 && s[0] == '-' {
			c.refuseNode(src, ws[i], "option of "+name)
			if shellOpts[name][s] {
				c.refuseWords(src, ws[i+1:], "command of "+name+" "+s+" (run through a shell)")
				return
			}
			if withArg[s] && i+1 < len(ws) {
				c.word(src, ws[i+1], argRole, outer)
				i += 2
				continue
			}
			i++
			continue
		}
		if assigns {
			if j := strings.IndexByte(s, '='); j > 0 && validName(s[:j]) {
				c.word(src, ws[i], role{name: "assignment value", assign: true, prefix: true}, outer)
				i++
				continue
			}
		}
		break
	}
	if then != nil {
		then(ws[i:])
		return
	}
	c.command(src, ws[i:], outer, depth)
}

// su -c SCRIPT: the script is read by the target user's shell, taken to
// be POSIX.
func (c *classifier) su(src string, ws []*syntax.Word, outer []layer, depth int) {
	for i := 0; i < len(ws); i++ {
		s, ok := literal(ws[i])
		if ok && (s == "-c" || s == "--command") && i+1 < len(ws) {
			if i+2 < len(ws) && c.sameLocalWord(ws[i+1], ws[i+2]) {
				// ssh host su -c 'ls {{.x}}': su -c ls, then the
				// value as the user.
				c.refuseWords(src, ws[i+1:], "script of su -c in the remote command of ssh that the remote shell splits from the words after it (quote the script for the remote shell too)")
				return
			}
			c.args(src, ws[:i], argRole, outer)
			c.script(src, ws[i+1], outer, depth, false)
			c.args(src, ws[i+2:], argRole, outer)
			return
		}
	}
	c.args(src, ws, argRole, outer)
}

// find … -exec CMD … ; (or +).
func (c *classifier) find(src string, ws []*syntax.Word, outer []layer, depth int) {
	r := argRole
	for i := 0; i < len(ws); i++ {
		s, ok := literal(ws[i])
		if ok && (s == "-exec" || s == "-execdir" || s == "-ok" || s == "-okdir") {
			j := i + 1
			for ; j < len(ws); j++ {
				if e, ok := literal(ws[j]); ok && (e == ";" || e == "+") {
					break
				}
			}
			c.command(src, ws[i+1:j], outer, depth)
			i = j
			continue
		}
		c.word(src, ws[i], r, outer)
	}
}

// shell classifies the arguments of sh and the like: options, -c SCRIPT,
// then the positional parameters.
func (c *classifier) shell(src string, ws []*syntax.Word, outer []layer, depth int, bash bool) {
	cflag := false
	i := 0
	for ; i < len(ws); i++ {
		s, ok := literal(ws[i])
		if !ok {
			break // the script or the script file
		}
		if s == "--" || s == "-" {
			i++
			break
		}
		if len(s) > 1 && (s[0] == '-' || s[0] == '+') {
			c.refuseNode(src, ws[i], "shell option")
			if s[0] == '-' && s[1] != '-' && strings.IndexByte(s, 'c') > 0 {
				cflag = true
			}
			if (s == "-o" || s == "+o" || s == "-O" || s == "+O" || s == "--rcfile" || s == "--init-file") && i+1 < len(ws) {
				i++
				c.refuseNode(src, ws[i], "shell option")
			}
			continue
		}
		break
	}
	if i >= len(ws) {
		return
	}
	if !cflag {
		c.refuseWords(src, ws[i:i+1], "script file of a shell")
		c.args(src, ws[i+1:], role{name: "positional parameter", list: true}, outer)
		return
	}
	if i+1 < len(ws) && c.sameLocalWord(ws[i], ws[i+1]) {
		c.refuseWords(src, ws[i:], "script of sh -c in the remote command of ssh that the remote shell splits from the words after it (quote the script for the remote shell too)")
		return
	}
	c.script(src, ws[i], outer, depth, bash)
	c.args(src, ws[i+1:], role{name: "positional parameter", list: true}, outer)
}

// embeddings records in emb the layer of each marker of w, a word that
// another shell reads again (a script, or a word of ssh's remote command):
// where it is in w, named after what w is.
func (c *classifier) embeddings(src string, w *syntax.Word, name string, emb map[int]layer) {
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			os, offs := markersIn(x.Value)
			for k, o := range os {
				if c.checkBefore(src, x, offs[k], o, true) {
					emb[o] = layer{kind: c.kindHere(kWord), embed: true, name: name}
				}
			}
		case *syntax.SglQuoted:
			os, _ := markersIn(x.Value)
			for _, o := range os {
				emb[o] = layer{kind: c.kindHere(kSingle), embed: true, name: name + ", inside single quotes"}
			}
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					os, offs := markersIn(l.Value)
					for k, o := range os {
						if c.login {
							c.set(o, &result{refused: name + ", inside double quotes in the remote command of ssh"})
						} else if c.checkBefore(src, l, offs[k], o, true) {
							emb[o] = layer{kind: kDouble, embed: true, name: name + ", inside double quotes"}
						}
					}
				}
			}
		}
	}
}

// script classifies a word that a shell reads as a script.
func (c *classifier) script(src string, w *syntax.Word, outer []layer, depth int, bash bool) {
	dec, lit := decode(w)
	occ, _ := markersIn(dec)
	if len(occ) == 0 {
		return
	}
	if !lit {
		c.refuseNode(src, w, "script of sh -c with an expansion in it")
		return
	}
	if depth+1 > maxDepth {
		c.refuseNode(src, w, "script nested too deep")
		return
	}
	// The embedding of each marker in the outer word.
	emb := map[int]layer{}
	c.embeddings(src, w, "script of sh -c", emb)
	if len(occ) == 1 && dec == marker(occ[0]) {
		if e, ok := emb[occ[0]]; ok {
			ly := layer{kind: kScript, name: "whole script of sh -c", bash: bash}
			c.set(occ[0], &result{layers: append([]layer{ly, e}, outer...)})
		}
		return
	}
	lang := syntax.LangPOSIX
	if bash {
		lang = syntax.LangBash
	}
	f, err := syntax.NewParser(syntax.Variant(lang), syntax.KeepComments(true)).Parse(strings.NewReader(dec), "")
	if err != nil {
		for _, o := range occ {
			c.set(o, &result{refused: "script of sh -c", err: ErrSyntax, reason: "the nested script does not parse"})
		}
		return
	}
	inner := &classifier{a: c.a, v: c.v, ctx: make([]*result, len(c.ctx))}
	inner.file(dec, f, nil, depth+1)
	for _, o := range occ {
		e, ok := emb[o]
		r := inner.ctx[o]
		switch {
		case !ok:
			// refused by checkBefore already
		case r == nil:
			c.set(o, &result{refused: "unknown context in the script of sh -c"})
		case r.refused != "":
			c.set(o, &result{refused: r.refused + " in the script of sh -c", err: r.err, reason: r.reason})
		default:
			ls := append(append(append([]layer{}, r.layers...), e), outer...)
			c.set(o, &result{layers: ls})
		}
	}
}

// scpOperand names the context of a local file operand of scp; Execute
// refuses a colon in a value there (contextChecks).
const scpOperand = "file operand of scp (a value with a colon would be a remote path)"

// scpArgLetters are the options of OpenSSH's scp that take an argument
// (scp.c, the getopt string of main).
const scpArgLetters = "DFJMPSXcilo"

// scp classifies the arguments of scp. A remote path (host:path) is read
// by the remote login shell in scp's legacy protocol (scp -O, and before
// OpenSSH 9.0): scp -O host:{{.x}} . with x = "f;id" runs id there. So an
// action in a remote path is refused, and Execute refuses a colon in a
// value in a local file operand (scp would read it as a remote path).
// Options: -o, -J, -S (a program), -D and -X
// are refused, -F and -i take a validated file.
func (c *classifier) scp(src string, ws []*syntax.Word, outer []layer) {
	ended := false
	for i := 0; i < len(ws); i++ {
		s, ok := literal(ws[i])
		if !ok {
			c.refuseWords(src, ws[i:], "argument of scp after "+unknownWord)
			return
		}
		if mayMakeWords(ws[i]) {
			c.refuseWords(src, ws[i:], "argument of scp after "+unknownWord)
			return
		}
		switch {
		case !ended && s == "--":
			ended = true
			continue
		case !ended && len(s) > 1 && s[0] == '-':
			c.refuseNode(src, ws[i], "option of scp")
			j := 1
			for ; j < len(s) && strings.IndexByte(scpArgLetters, s[j]) < 0; j++ {
			}
			if j != len(s)-1 || i+1 == len(ws) {
				continue
			}
			i++
			switch s[j] {
			case 'F', 'i':
				c.word(src, ws[i], role{name: "argument of scp -" + string(s[j]), validator: true, assign: true}, outer)
			case 'P', 'c', 'l':
				c.word(src, ws[i], argRole, outer)
			default:
				c.refuseNode(src, ws[i], "argument of scp -"+string(s[j])+" (a command, a configuration line or a path on the server)")
			}
			continue
		}
		text := s
		if _, offs := markersIn(s); len(offs) > 0 {
			text = s[:offs[0]]
		}
		if colon := strings.IndexByte(text, ':'); colon >= 0 && !strings.Contains(text[:colon], "/") {
			c.refuseNode(src, ws[i], "remote path of scp (the remote login shell reads it in scp's legacy protocol)")
			continue
		}
		c.word(src, ws[i], role{name: scpOperand, option: !ended, list: true}, outer)
	}
}

// gitCommandOpts are the options of git and its subcommands whose
// argument git runs as a command or reads as configuration, which can
// name one (core.fsmonitor, core.sshCommand, core.pager…): git -c
// core.fsmonitor=CMD status and git clone -u CMD run CMD.
var gitCommandOpts = set("-c", "--config-env", "-u", "--upload-pack", "--receive-pack", "--exec", "--config", "--template")

// git classifies the arguments of git: those of gitCommandOpts (also
// joined, -cX, --upload-pack=X) are refused, the others are arguments.
func (c *classifier) git(src string, ws []*syntax.Word, outer []layer) {
	r := argRole
	for i := 0; i < len(ws); i++ {
		s, ok := literal(ws[i])
		if ok && s == "--" {
			r.option = false
			continue
		}
		if ok && r.option && strings.HasPrefix(s, "-") {
			name, _, joined := strings.Cut(s, "=")
			if strings.HasPrefix(s, "-c") && len(s) > 2 {
				name, joined = "-c", true // -ccore.pager=…
			}
			if gitCommandOpts[name] {
				c.refuseNode(src, ws[i], "argument of git "+name+" (a command or a configuration line)")
				if !joined && gitCommandOpts[name] && i+1 < len(ws) {
					i++
					c.refuseNode(src, ws[i], "argument of git "+name+" (a command or a configuration line)")
				}
				continue
			}
		}
		c.word(src, ws[i], r, outer)
	}
}
