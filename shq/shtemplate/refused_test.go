package shtemplate

import (
	"errors"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// TestRefusedAtParse checks every refused context: Parse fails with an
// *Error that names the template, the line and column of the action and
// the context.
func TestRefusedAtParse(t *testing.T) {
	for _, tc := range []struct {
		name, tpl string
		bash      bool
		ctx       string // the error's Context
		err       error
		line, col int
	}{
		{"command", "{{.x}} arg\n", false, "command position", ErrContext, 1, 3},
		{"command-second-line", "echo a\n  {{.x}} arg\n", false, "command position", ErrContext, 2, 5},
		{"command-part", "ls{{.x}} arg\n", false, "command position", ErrContext, 1, 5},
		{"command-after-pipe", "echo a | {{.x}}\n", false, "command position", ErrContext, 1, 12},
		{"sudo-command", "sudo -u root {{.x}}\n", false, "command position", ErrContext, 1, 16},
		{"env-command", "env A=b {{.x}} c\n", false, "command position", ErrContext, 1, 11},
		{"docker-command", "docker exec box {{.x}}\n", false, "command position", ErrContext, 1, 19},
		{"kubectl-command", "kubectl exec pod -- {{.x}}\n", false, "command position", ErrContext, 1, 23},
		{"xargs-command", "xargs {{.x}}\n", false, "command position", ErrContext, 1, 9},
		{"find-command", "find . -exec {{.x}} \\;\n", false, "command position", ErrContext, 1, 16},
		{"nested-command", "sh -c '{{.x}} a'\n", false, "command position in the script of sh -c", ErrContext, 1, 10},
		{"nested-2-command", "sh -c 'sh -c \"{{.x}} a\"'\n", false, "command position in the script of sh -c in the script of sh -c", ErrContext, 1, 17},
		{"comment", "echo a # {{.x}}\n", false, "comment", ErrContext, 1, 12},
		{"arithmetic", "echo $(( {{.x}} + 1 ))\n", false, "arithmetic", ErrContext, 1, 12},
		{"param-default", "echo ${x:-{{.x}}}\n", false, "parameter expansion", ErrContext, 1, 13},
		{"param-name", "echo ${{.x}}\n", false, "parameter expansion", ErrContext, 1, 9},
		{"eval", "eval {{.x}}\n", false, "argument of eval", ErrContext, 1, 8},
		{"trap", "trap {{.x}} EXIT\n", false, "argument of trap", ErrContext, 1, 8},
		{"source", "source {{.x}}\n", false, "argument of source", ErrContext, 1, 10},
		{"dot", ". {{.x}}\n", false, "argument of .", ErrContext, 1, 5},
		{"redirect", "echo a > {{.x}}\n", false, "redirection target", ErrValidator, 1, 12},
		{"heredoc-delimiter", "cat <<{{.x}}\na\n", false, "", ErrSyntax, 1, 5},
		{"backquotes", "echo `ls {{.x}}`\n", false, "inside `…`", ErrContext, 1, 12},
		{"dollar-single", "echo $'{{.x}}'\n", true, "inside $'…'", ErrContext, 1, 10},
		{"assign-name", "{{.x}}=1 cmd\n", false, "variable name", ErrContext, 1, 3},
		{"loop-name", "for {{.x}} in a; do :; done\n", false, "loop variable name", ErrContext, 1, 7},
		{"function-name", "f{{.x}}() { :; }\n", false, "function name", ErrContext, 1, 4},
		{"script-file", "sh {{.x}}\n", false, "script file of a shell", ErrContext, 1, 6},
		{"shell-option", "sh -{{.x}} -c 'a'\n", false, "shell option", ErrContext, 1, 7},
		{"ssh-remote", "ssh host ls \"$HOME\" {{.x}}\n", false, "remote command of ssh with an expansion in it", ErrContext, 1, 23},
		{"ssh-remote-command", "ssh host {{.x}} a\n", false, "command position in the remote command of ssh", ErrContext, 1, 12},
		{"ssh-remote-command-quoted", "ssh host 'ls; {{.x}}'\n", false, "command position in the remote command of ssh", ErrContext, 1, 17},
		{"ssh-remote-whole", "ssh host {{.x}}\n", false, "command position in the remote command of ssh", ErrContext, 1, 12},
		{"ssh-remote-expansion", "ssh host 'ls $HOME {{.x}}'\n", false, "remote command of ssh", ErrContext, 1, 22},
		{"ssh-remote-double", "ssh host 'ls \"{{.x}}\"'\n", false, "remote command of ssh", ErrContext, 1, 17},
		{"ssh-remote-double-other", "ssh host 'ls \"a\" {{.x}}'\n", false, "remote command of ssh", ErrContext, 1, 20},
		{"ssh-remote-backslash", "ssh host 'ls a\\ b {{.x}}'\n", false, "remote command of ssh", ErrContext, 1, 21},
		{"ssh-remote-bang", "ssh host \"ls 'a!' {{.x}}\"\n", false, "remote command of ssh", ErrContext, 1, 21},
		{"ssh-remote-glob", "ssh host 'ls *.txt {{.x}}'\n", false, "remote command of ssh", ErrContext, 1, 22},
		{"ssh-remote-tilde", "ssh host ls ~ {{.x}}\n", false, "remote command of ssh", ErrContext, 1, 17},
		{"ssh-remote-redirect", "ssh host 'ls {{.x}} > out'\n", false, "remote command of ssh", ErrContext, 1, 16},
		{"ssh-remote-heredoc", "ssh host 'cat <<EOF {{.x}}'\n", false, "remote command of ssh", ErrSyntax, 1, 23},
		{"ssh-remote-assign", "ssh host X={{.x}} env\n", false, "remote command of ssh", ErrContext, 1, 14},
		{"ssh-remote-or", "ssh host 'ls {{.x}} || true'\n", false, "remote command of ssh", ErrContext, 1, 16},
		{"ssh-remote-background", "ssh host 'ls {{.x}} &'\n", false, "remote command of ssh", ErrContext, 1, 16},
		{"ssh-remote-comment", "ssh host 'ls {{.x}} #c'\n", false, "remote command of ssh", ErrContext, 1, 16},
		{"ssh-remote-subshell", "ssh host '(ls {{.x}})'\n", false, "remote command of ssh", ErrContext, 1, 17},
		{"ssh-remote-newline", "ssh host 'ls\n{{.x}}'\n", false, "remote command of ssh", ErrContext, 2, 3},
		{"ssh-remote-unparsable", "ssh host \"ls '{{.x}}\"\n", false, "remote command of ssh", ErrSyntax, 1, 17},
		{"ssh-remote-fish-not", "ssh host not {{.x}}\n", false, "argument of not in the remote command of ssh (a login shell's builtin or keyword that runs a command)", ErrContext, 1, 16},
		{"ssh-remote-csh-repeat", "ssh host repeat 2 {{.x}}\n", false, "argument of repeat in the remote command of ssh (a login shell's builtin or keyword that runs a command)", ErrContext, 1, 21},
		{"ssh-remote-eval", "ssh host eval {{.x}}\n", false, "argument of eval in the remote command of ssh (a login shell's builtin or keyword that runs a command)", ErrContext, 1, 17},
		{"ssh-remote-nested-command", "ssh host \"sh -c '{{.x}} a'\"\n", false, "command position in the script of sh -c in the remote command of ssh", ErrContext, 1, 20},
		{"ssh-remote-sh-c-split", "ssh host sudo -u app sh -c 'ls -- {{.x}}'\n", false, "script of sh -c in the remote command of ssh that the remote shell splits from the words after it (quote the script for the remote shell too)", ErrContext, 1, 37},
		{"ssh-option-o", "ssh -o {{.x}} host ls\n", false, "argument of ssh -o (a configuration line: ProxyCommand and LocalCommand run commands)", ErrContext, 1, 10},
		{"ssh-option-o-joined", "ssh -vo {{.x}} host ls\n", false, "argument of ssh -o (a configuration line: ProxyCommand and LocalCommand run commands)", ErrContext, 1, 11},
		{"ssh-option-J", "ssh -J {{.x}} host ls\n", false, "argument of ssh -J (ssh runs a command line built from it)", ErrContext, 1, 10},
		{"ssh-option-F", "ssh -F {{.x}} host ls\n", false, "argument of ssh -F", ErrValidator, 1, 10},
		{"ssh-remote-single-backslash-action", "ssh host \"ls 'a\"'\\'\"{{.x}}'\"\n", false, "remote command of ssh", ErrContext, 1, 23},
		{"ssh-remote-single-backslashes", "ssh host \"ls 'a\\\\\\\\b' {{.x}}\"\n", false, "remote command of ssh", ErrContext, 1, 25},
		{"ssh-option-word", "ssh -p{{.x}} host ls\n", false, "option of ssh", ErrContext, 1, 9},
		{"ssh-option-after-destination", "ssh host -o {{.x}} ls\n", false, "argument of ssh -o (a configuration line: ProxyCommand and LocalCommand run commands)", ErrContext, 1, 15},
		{"ssh-destination-two", "ssh {{.u}}@{{.h}} ls\n", false, "destination of ssh with more than one action", ErrContext, 1, 7},
		{"ssh-destination-expansion", "ssh \"$USER@{{.h}}\" ls\n", false, "destination of ssh with an expansion in it", ErrContext, 1, 14},
		{"ssh-remote-trusted", "ssh host 'ls;' {{.x}}\n", false, "command position in the remote command of ssh", ErrContext, 1, 18},
		// A word before the destination that the local shell may make
		// into no word, several or an option: ssh $OPTS host {{.x}} runs
		// the value as the remote command when $OPTS is empty.
		{"ssh-unquoted-before-destination", "ssh $OPTS host {{.x}}\n", false, "argument of ssh after " + unknownWord, ErrContext, 1, 18},
		{"ssh-option-with-expansion", "ssh -l\"$U\" 127.0.0.1 {{.x}}\n", false, "argument of ssh after " + unknownWord, ErrContext, 1, 24},
		{"ssh-option-argument-unquoted", "ssh -p $P host ls {{.x}}\n", false, "argument of ssh after " + unknownWord, ErrContext, 1, 21},
		{"ssh-glob-before-destination", "ssh -p 22 h?st ls {{.x}}\n", false, "argument of ssh after " + unknownWord, ErrContext, 1, 21},
		{"ssh-glob-option-after-destination", "ssh host -[l] ls {{.x}}\n", false, "argument of ssh after " + unknownWord, ErrContext, 1, 20},
		{"ssh-all-arguments", "ssh \"$@\" ls {{.x}}\n", false, "argument of ssh after " + unknownWord, ErrContext, 1, 15},
		{"ssh-unquoted-after-dashdash", "ssh -- $H ls {{.x}}\n", false, "argument of ssh after " + unknownWord, ErrContext, 1, 16},
		{"ssh-option-I", "ssh -I {{.x}} host ls\n", false, "argument of ssh -I (a PKCS#11 library: ssh loads it and runs its code)", ErrContext, 1, 10},
		{"ssh-remote-set", "ssh host 'set {{.x}} /opt/bin; ls'\n", false, "argument of set in the remote command of ssh (a variable name to fish, csh or tcsh)", ErrContext, 1, 17},
		{"ssh-remote-setenv", "ssh host setenv {{.x}} /opt/bin\n", false, "argument of setenv in the remote command of ssh (a variable name to fish, csh or tcsh)", ErrContext, 1, 19},
		{"ssh-remote-su-c-split", "ssh host su -c 'ls {{.x}}'\n", false, "script of su -c in the remote command of ssh that the remote shell splits from the words after it (quote the script for the remote shell too)", ErrContext, 1, 22},
		// zsh reads ''=ls as =ls (the path of ls), tcsh ''=1 as its
		// directory stack: an empty value before = is the same.
		{"ssh-remote-equals-after-action", "ssh host ls {{.x}}=a\n", false, "remote command of ssh", ErrContext, 1, 15},
		{"ssh-remote-equals-after-empty-quotes", "ssh host ls ''=a {{.x}}\n", false, "remote command of ssh", ErrContext, 1, 20},
		{"ssh-remote-equals-after-quoted-action", "ssh host \"ls '{{.x}}'=a\"\n", false, "remote command of ssh", ErrContext, 1, 17},
		// scp -O host:{{.x}} . with f;id ran id on the server (legacy
		// protocol, through sshd and dash and fish).
		{"scp-remote-path", "scp -O host:{{.x}} .\n", false, "remote path of scp (the remote login shell reads it in scp's legacy protocol)", ErrContext, 1, 15},
		{"ssh-remote-scp-path", "ssh host scp h2:/d/{{.x}} .\n", false, "remote path of scp (the remote login shell reads it in scp's legacy protocol) in the remote command of ssh", ErrContext, 1, 22},
		{"scp-option-S", "scp -S {{.x}} f host:/d/\n", false, "argument of scp -S (a command, a configuration line or a path on the server)", ErrContext, 1, 10},
		{"scp-option-o", "scp -qo {{.x}} f host:/d/\n", false, "argument of scp -o (a command, a configuration line or a path on the server)", ErrContext, 1, 11},
		{"rsync", "rsync -e {{.x}} a host:b\n", false, "argument of rsync (runs ssh or a remote shell with its arguments)", ErrContext, 1, 12},
		{"sshpass", "sshpass -e ssh host ls {{.x}}\n", false, "argument of sshpass (runs ssh or a remote shell with its arguments)", ErrContext, 1, 26},
		// git -c core.fsmonitor=CMD status and git clone -u CMD r d ran CMD.
		{"git-config", "git -c core.fsmonitor={{.x}} status\n", false, "argument of git -c (a command or a configuration line)", ErrContext, 1, 25},
		{"git-config-joined", "git -ccore.pager={{.x}} log\n", false, "argument of git -c (a command or a configuration line)", ErrContext, 1, 20},
		{"git-upload-pack", "git clone -u {{.x}} repo dir\n", false, "argument of git -u (a command or a configuration line)", ErrContext, 1, 16},
		{"ssh-remote-git-upload-pack", "ssh host git fetch --upload-pack={{.x}}\n", false, "argument of git --upload-pack (a command or a configuration line) in the remote command of ssh", ErrContext, 1, 36},
		{"sshfs", "sshfs -o ssh_command={{.x}} host: mnt\n", false, "argument of sshfs (runs ssh or a remote shell with its arguments)", ErrContext, 1, 24},
		// Brace expansion: bash makes {,} no word, so the value would be
		// the command; {a{{.x}}b} with a,b would be two words.
		{"brace-empty", "{,} {{.x}}\n", true, "command with a brace expansion ({a,b} and {1..3}: bash, zsh and ksh make several words of it, or none)", ErrContext, 1, 7},
		{"brace-empty-posix", "{,} {{.x}}\n", false, "command with a brace expansion ({a,b} and {1..3}: bash, zsh and ksh make several words of it, or none)", ErrContext, 1, 7},
		{"brace-ssh-option", "ssh {-l,root} host {{.x}}\n", true, "command with a brace expansion ({a,b} and {1..3}: bash, zsh and ksh make several words of it, or none)", ErrContext, 1, 22},
		{"brace-around-action", "echo {a{{.x}}b}\n", false, "command with a brace expansion ({a,b} and {1..3}: bash, zsh and ksh make several words of it, or none)", ErrContext, 1, 10},
		{"brace-sequence-nested", "sh -c 'echo {1..3} {{.x}}'\n", false, "command with a brace expansion ({a,b} and {1..3}: bash, zsh and ksh make several words of it, or none) in the script of sh -c", ErrContext, 1, 22},
		{"brace-for-list", "for f in {a{{.x}}b}; do :; done\n", true, "for list with a brace expansion ({a,b} and {1..3}: bash, zsh and ksh make several words of it, or none)", ErrContext, 1, 14},
		{"fish-c", "fish -c 'echo {{.x}}'\n", false, "argument of fish (a shell the package does not quote for)", ErrContext, 1, 17},
		{"csh-c", "sudo -u app csh -c 'echo {{.x}}'\n", false, "argument of csh (a shell the package does not quote for)", ErrContext, 1, 28},
		{"heredoc-to-tcsh", "tcsh <<'EOF'\necho {{.x}}\nEOF\n", false, "here-document read by a shell as a script", ErrContext, 2, 8},
		{"sudo-shell", "sudo -s ls {{.x}}\n", false, "command of sudo -s (run through a shell)", ErrContext, 1, 14},
		{"nested-expansion", "sh -c \"ls $HOME {{.x}}\"\n", false, "script of sh -c with an expansion in it", ErrContext, 1, 19},
		{"regex", "[[ a =~ {{.x}} ]]\n", true, "[[ =~ ]] regular expression", ErrContext, 1, 11},
		{"after-backslash", "echo \\{{.x}}\n", false, "after a backslash", ErrContext, 1, 9},
		{"heredoc-expansion", "cat <<EOF\n$(echo {{.x}})\nEOF\n", false, "expansion inside a here-document", ErrContext, 2, 10},
		{"bash-test-in-posix", "[[ {{.x}} == a ]]\n", false, "bash syntax in a POSIX template (use Dialect(shq.Bash))", ErrContext, 1, 6},
		{"awk-program", "awk '{ print \"{{.x}}\" }' f\n", false, "program text of awk", ErrContext, 1, 17},
		{"sed-expression", "sed -e 's/a/{{.x}}/' f\n", false, "program text of sed", ErrContext, 1, 15},
		{"python-c", "python3 -c 'print(\"{{.x}}\")'\n", false, "program text of python3", ErrContext, 1, 22},
		{"declare-name", "declare {{.x}}\n", true, "argument of a declaration (a name)", ErrContext, 1, 11},
		{"export-name", "export {{.x}}\n", false, "argument of a declaration (a name)", ErrContext, 1, 10},
		{"builtin-command", "builtin {{.x}} a\n", false, "command position", ErrContext, 1, 11},
		{"zsh-emulate-c", "zsh -c 'emulate sh -c {{.x}}'\n", false, "argument of emulate in the script of sh -c", ErrContext, 1, 25},
		{"ssh-remote-emulate", "ssh host emulate sh -c {{.x}}\n", false, "argument of emulate in the remote command of ssh", ErrContext, 1, 26},
		{"bash-enable-f", "enable -f {{.x}} name\n", true, "argument of enable", ErrContext, 1, 13},
		{"ksh-builtin-f", "ksh93 -c 'builtin -f {{.x}} name'\n", false, "argument of builtin with an option in the script of sh -c", ErrContext, 1, 24},
		{"flock-command", "flock /tmp/l {{.x}}\n", false, "argument of flock (runs a command from its arguments)", ErrContext, 1, 16},
		{"array", "a=({{.x}})\n", true, "array assignment", ErrContext, 1, 6},
		{"heredoc-to-sh", "sh <<'EOF'\necho {{.x}}\nEOF\n", false, "here-document read by a shell as a script", ErrContext, 2, 8},
		{"heredoc-to-sudo-bash", "sudo -u app bash -s <<EOF\necho {{.x}}\nEOF\n", false, "here-document read by a shell as a script", ErrContext, 2, 8},
		{"heredoc-to-ssh", "ssh host <<'EOF'\necho {{.x}}\nEOF\n", false, "here-document read by a shell as a script", ErrContext, 2, 8},
		{"heredoc-to-docker-sh", "docker exec -i box sh <<'EOF'\necho {{.x}}\nEOF\n", false, "here-document read by a shell as a script", ErrContext, 2, 8},
		{"herestring-to-bash", "bash <<< {{.x}}\n", true, "here-string read by a shell as a script", ErrContext, 1, 12},
		{"pipe-to-sh", "echo {{.x}} | sh\n", false, "output piped into a shell that reads it as a script", ErrContext, 1, 8},
		{"pipe-through-tee-to-sh", "printf '%s\\n' {{.x}} | tee log | sudo sh\n", false, "output piped into a shell that reads it as a script", ErrContext, 1, 17},
		// echo 'import os; os.system("echo PYRAN")' | python3 printed PYRAN:
		// an interpreter without a program reads its standard input as one.
		{"pipe-to-python", "echo {{.x}} | python3\n", false, "output piped into a shell that reads it as a script", ErrContext, 1, 8},
		{"pipe-to-sudo-perl", "printf '%s\\n' {{.x}} | sudo -u app perl\n", false, "output piped into a shell that reads it as a script", ErrContext, 1, 17},
		{"pipe-to-awk-f-stdin", "echo {{.x}} | awk -f -\n", false, "output piped into a shell that reads it as a script", ErrContext, 1, 8},
		{"heredoc-to-node", "node <<'EOF'\n{{.x}}\nEOF\n", false, "here-document read by a shell as a script", ErrContext, 2, 3},
		{"ssh-remote-pipe-to-python", "ssh host 'echo {{.x}} | python3 -'\n", false, "output piped into a shell that reads it as a script in the remote command of ssh", ErrContext, 1, 18},
		{"heredoc-in-subst", "x=$(cat <<'EOF'\n{{.x}}\nEOF\n)\n", false, "here-document inside $(…)", ErrContext, 2, 3},
		{"arith-cmd", "(( {{.x}} ))\n", true, "arithmetic", ErrContext, 1, 6},
		{"gb18030-pair", "echo é1{{.x}}\n", false, "after a partial multi-byte character", ErrContext, 1, 11},
		{"invalid-utf8-text", "echo \x81\x30{{.x}}\n", false, "", ErrSyntax, 1, 6},
		{"branches-command", "{{if .a}}echo{{end}} {{.x}}\n", false, "whole command", ErrBranches, 1, 24},
		{"branches-state", "cat <<EOF\n{{if .a}}EOF\n{{end}}echo hi\nEOF\n", false, "", ErrBranches, 2, 6},
		{"branches-quote", "echo {{if .a}}'{{end}}a b{{if .a}}'{{end}}\n", false, "", ErrSyntax, 0, 0},
		{"break", "{{range .}}{{break}}{{end}}\n", false, "", ErrTemplate, 1, 14},
		{"unknown-rule", "echo {{.x | check \"no-such-rule\"}}\n", false, "argument", ErrTemplate, 1, 8},
		{"syntax", "echo 'a\n", false, "", ErrSyntax, 0, 0},
		{"recursive", "{{define \"r\"}}{{template \"r\"}}{{end}}{{template \"r\"}}\n", false, "", ErrTemplate, 0, 0},
		{"marker-in-text", "echo SHQACT00001Z\n", false, "", ErrTemplate, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tm := New(tc.name)
			if tc.bash {
				tm.Dialect(shq.Bash)
			}
			_, err := tm.Parse(tc.tpl)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q): want *Error, got %v", tc.tpl, err)
			}
			if !errors.Is(err, tc.err) {
				t.Errorf("Parse(%q): %v; want it to wrap %v", tc.tpl, err, tc.err)
			}
			if tc.ctx != "" && e.Context != tc.ctx {
				t.Errorf("Parse(%q): context %q, want %q (%v)", tc.tpl, e.Context, tc.ctx, err)
			}
			if tc.line != 0 && (e.Line != tc.line || e.Col != tc.col) {
				t.Errorf("Parse(%q): at %d:%d, want %d:%d (%v)", tc.tpl, e.Line, e.Col, tc.line, tc.col, err)
			}
			if e.Name != tc.name && !strings.Contains(tc.tpl, "define") {
				t.Errorf("Parse(%q): name %q, want %q", tc.tpl, e.Name, tc.name)
			}
		})
	}
}

const secret = "s3cr3t-V4LUE"

// TestRefusedAtExecute checks the value refusals: Execute fails with an
// *Error wrapping the reason, writes nothing, and never quotes the value.
func TestRefusedAtExecute(t *testing.T) {
	long := strings.Repeat("a", 131072)
	for _, tc := range []struct {
		name, tpl string
		v         any
		err       error
	}{
		{"empty", "ls {{.}}\n", "", shq.ErrEmpty},
		{"blank", "ls {{.}}\n", " \t" + secret[:0], shq.ErrBlank},
		{"blank-invisible", "ls {{.}}\n", "\u200b", shq.ErrBlank},
		{"nul", "ls {{.}}\n", secret + "\x00", shq.ErrNUL},
		{"nul-part", "ls a{{.}}\n", secret + "\x00", shq.ErrNUL},
		{"too-long", "ls {{.}}\n", long, shq.ErrTooLong},
		{"option", "ls {{.}}\n", "-" + secret, shq.ErrOptionLike},
		{"option-start", "ls {{.}}.txt\n", "-" + secret, shq.ErrOptionLike},
		{"option-list", "ls {{.}}\n", []string{"a", "-" + secret}, shq.ErrOptionLike},
		{"option-nested", "sh -c 'ls {{.}}'\n", "-" + secret, shq.ErrOptionLike},
		{"test-operator", "[ {{.}} ]\n", "!", shq.ErrOptionLike},
		{"empty-list-element", "ls {{.}}\n", []string{"a", ""}, shq.ErrEmpty},
		{"float", "ls {{.}}\n", 1.5, ErrType},
		{"bool", "ls {{.}}\n", true, ErrType},
		{"map", "ls {{.}}\n", map[string]string{"a": secret}, ErrType},
		{"nil", "ls {{.x}}\n", map[string]any{}, ErrType},
		{"stringer", "ls {{.}}\n", errors.New(secret), ErrType},
		{"list-in-quotes", "ls \"{{.}}\"\n", []string{"a", secret}, ErrType},
		{"list-in-part", "ls a{{.}}\n", []string{"a", secret}, ErrType},
		{"list-in-assignment", "X={{.}}\n", []string{"a", secret}, ErrType},
		{"string-as-script", "sh -c {{.}}\n", "id", ErrTrusted},
		{"string-as-command", "{{.}}\n", "id", ErrTrusted},
		{"trusted-as-argument", "ls {{.}}\n", UncheckedScript("id"), ErrTrusted},
		{"trusted-unparsable", "{{.}}\n", UncheckedScript("echo 'a"), ErrSyntax},
		{"heredoc-delimiter", "cat <<'EOF'\n{{.}}\nEOF\n", "EOF", ErrDelimiter},
		{"heredoc-delimiter-line", "cat <<EOF\n{{.}}\nEOF\n", secret + "\nEOF\nid", ErrDelimiter},
		{"heredoc-delimiter-joined", "cat <<'EOF'\nE{{.}}\nEOF\n", "OF", ErrDelimiter},
		{"heredoc-dash-tab", "cat <<-EOF\n\t{{.}}\n\tEOF\n", "a\n\tEOF", ErrDelimiter},
		{"heredoc-invalid-utf8", "cat <<'EOF'\n{{.}}\nEOF\n", "\xff" + secret, ErrMultibyte},
		{"heredoc-gbk-backslash", "cat <<EOF\n{{.}}\nEOF\n", "\x81$(id)", ErrMultibyte},
		{"validator", "aws s3 ls s3://{{. | check \"s3-bucket\"}}/\n", "Bad_" + secret, validate.ErrInvalid},
		{"ssh-newline", "ssh host ls -- {{.}}\n", secret + "\nid", shq.ErrNewline},
		{"ssh-newline-quoted", "ssh host 'ls -- x{{.}}'\n", "\n" + secret, shq.ErrNewline},
		{"ssh-newline-remote-single", "ssh host \"ls -- 'x{{.}}'\"\n", secret + "\n", shq.ErrNewline},
		{"ssh-newline-nested", "ssh host \"sh -c 'ls -- {{.}}'\"\n", secret + "\nid", shq.ErrNewline},
		{"ssh-newline-list", "ssh host ls -- {{.}}\n", []string{"a", secret + "\n"}, shq.ErrNewline},
		{"ssh-login-length", "ssh host ls -- {{.}}\n", strings.Repeat("'", 3000) + secret, shq.ErrLoginLength},
		{"ssh-login-length-nested", "ssh host \"sh -c 'ls -- {{.}}'\"\n", strings.Repeat("'", 4000) + secret, shq.ErrLoginLength},
		{"ssh-option-value", "ssh host ls {{.}}\n", "-" + secret, shq.ErrOptionLike},
		{"ssh-destination-option", "ssh {{.}} ls\n", "-oProxyCommand=" + secret, shq.ErrOptionLike},
		{"ssh-destination-invalid", "ssh {{.}} ls\n", "Bad_" + secret + ";id", validate.ErrInvalid},
		{"ssh-destination-part", "ssh deploy@{{.}} ls\n", "Bad_" + secret + "@x", validate.ErrInvalid},
		{"ssh-destination-empty", "ssh {{.}} ls\n", "", shq.ErrEmpty},
		{"ssh-destination-before-unknown", "ssh {{.}} -p $P ls\n", "Bad_" + secret + ";id", validate.ErrInvalid},
		{"scp-operand-colon", "scp {{.}} host:/d/\n", "Bad_" + secret + ":x", validate.ErrInvalid},
		{"validator-redirect", "echo > {{. | check \"filename\"}}\n", "../" + secret, validate.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tm, err := New(tc.name).Parse(tc.tpl)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var b strings.Builder
			err = tm.Execute(&b, tc.v)
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, tc.err) {
				t.Fatalf("Execute: %v; want an *Error wrapping %v", err, tc.err)
			}
			if b.Len() != 0 {
				t.Errorf("Execute wrote %d bytes before failing", b.Len())
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "Bad_") {
				t.Errorf("error holds the value: %v", err)
			}
			if e.Line == 0 || e.Name != tc.name || e.Context == "" {
				t.Errorf("error does not name the place: %+v", e)
			}
		})
	}
}

// TestAccepted checks values that must render, against the exact script.
func TestAccepted(t *testing.T) {
	for _, tc := range []struct {
		name, tpl string
		v         any
		want      string
	}{
		{"int", "sleep {{.}}\n", 5, "sleep 5\n"},
		{"digits-before-redirect", "echo {{.}}>out\n", "2", "echo '2'>out\n"},
		{"named-string", "ls {{.}}\n", bucket("a b"), "ls 'a b'\n"},
		{"uint", "sleep {{.}}\n", uint8(7), "sleep 7\n"},
		{"list", "ls {{.}}\n", []string{"a b", "c"}, "ls 'a b' c\n"},
		{"list-empty", "ls {{.}}\n", []string{}, "ls \n"},
		{"for-list-forced", "for f in {{.}}; do :; done\n", []string{"do", "done"}, "for f in 'do' 'done'; do :; done\n"},
		{"case-keyword", "case x in {{.}}) :;; esac\n", "esac", "case x in 'esac') :;; esac\n"},
		{"dash-after-dashdash", "rm -- {{.}}\n", "-rf", "rm -- -rf\n"},
		{"dash-positional", "sh -c 'ls -- \"$1\"' sh {{.}}\n", "-x", "sh -c 'ls -- \"$1\"' sh -x\n"},
		{"trusted-command", "set -e\n{{.}}\necho done\n", UncheckedScript("cd /tmp"), "set -e\ncd /tmp\necho done\n"},
		{"trusted-script", "sh -c {{.}}\n", UncheckedScript("echo a; echo b"), "sh -c 'echo a; echo b'\n"},
		{"redirect-checked", "echo hi > {{. | check \"filename\"}}\n", "out.txt", "echo hi > out.txt\n"},
		{"check-two-rules", "echo {{. | check \"not-blank\" \"printable\"}}\n", "a b", "echo 'a b'\n"},
		{"decl-action", "{{$x := .}}echo {{$x}}\n", "a b", "echo 'a b'\n"},
		{"with", "{{with .}}echo {{.}}{{end}}\n", "a b", "echo 'a b'\n"},
		{"range", "{{range .}}echo {{.}}\n{{end}}", []string{"a", "b c"}, "echo a\necho 'b c'\n"},
		{"ssh-word", "ssh -p 22 host ls -- {{.}}\n", "a b", "ssh -p 22 host ls -- \"'\"'a b'\"'\"\n"},
		{"ssh-plain", "ssh host ls -- {{.}}\n", "a.txt", "ssh host ls -- a.txt\n"},
		{"ssh-list", "ssh host ls -- {{.}}\n", []string{"a b", "c"}, "ssh host ls -- \"'\"'a b'\"'\"' c'\n"},
		{"ssh-remote-single-plain", "ssh host \"echo 'x {{.}} y'\"\n", "a b", "ssh host \"echo 'x a b y'\"\n"},
		{"ssh-destination", "ssh -- deploy@{{.}} uptime\n", "web-1.example.com", "ssh -- deploy@web-1.example.com uptime\n"},
		{"scp-local-operand", "scp -P 22 -- {{.}} host:/d/\n", []string{"a b.txt", "-c"}, "scp -P 22 -- 'a b.txt' -c host:/d/\n"},
		{"pipe-to-python-script", "echo {{.}} | python3 -m json.tool | awk '{print}' | python3 s.py\n", "a b", "echo 'a b' | python3 -m json.tool | awk '{print}' | python3 s.py\n"},
		{"ssh-destination-before-unknown", "ssh {{.}} -p $P ls\n", "web-1.example.com", "ssh web-1.example.com -p $P ls\n"},
		{"git-arguments", "git -C {{.}} commit -m {{.}} -- {{.}}\n", "a b", "git -C 'a b' commit -m 'a b' -- 'a b'\n"},
		{"ssh-destination-quoted-variable", "ssh \"$H\" ls -- {{.}}\n", "a b", "ssh \"$H\" ls -- \"'\"'a b'\"'\"\n"},
		{"braces-not-expanded", "find . -exec ls {} {a} '{b,c}' \\{d,e} {{.}} +\n", "a,b", "find . -exec ls {} {a} '{b,c}' \\{d,e} a,b +\n"},
		{"ssh-sh-c-double", "ssh host sh -c \"'ls \"{{.}}\"'\"\n", "a", "ssh host sh -c \"'ls \"a\"'\"\n"},
		{"range-else", "{{range .}}echo {{.}}\n{{else}}echo none\n{{end}}", []string{}, "echo none\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tm, err := New(tc.name).Parse(tc.tpl)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var b strings.Builder
			if err := tm.Execute(&b, tc.v); err != nil {
				t.Fatalf("Execute: %v", err)
			}
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}

type bucket string

// TestTemplateAPI checks the text/template-shaped methods.
func TestTemplateAPI(t *testing.T) {
	tm := Must(New("main").Parse(`{{define "arg"}}{{.}}{{end}}ls {{template "arg" .}}` + "\n"))
	if tm.Lookup("arg") == nil || tm.Lookup("nope") != nil || tm.Name() != "main" {
		t.Fatal("Lookup or Name")
	}
	c, err := tm.Clone()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tm.Execute(&b, "a b"); err != nil || b.String() != "ls 'a b'\n" {
		t.Fatalf("Execute: %q %v", b.String(), err)
	}
	if _, err := tm.Parse("x"); !errors.Is(err, ErrExecuted) {
		t.Errorf("Parse after Execute: %v", err)
	}
	if _, err := tm.Clone(); !errors.Is(err, ErrExecuted) {
		t.Errorf("Clone after Execute: %v", err)
	}
	// The clone is independent: it can still be parsed.
	if _, err := c.Parse(`{{define "arg"}}-{{.}}{{end}}ls {{template "arg" .}}` + "\n"); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := c.Execute(&b, "x"); err != nil || b.String() != "ls -x\n" {
		t.Errorf("clone: %q %v", b.String(), err)
	}
	b.Reset()
	if err := tm.ExecuteTemplate(&b, "arg", "x y"); err == nil {
		// "arg" alone is the script `x y` quoted in command position.
		t.Errorf("ExecuteTemplate(arg) as a whole script: want a refusal, got %q", b.String())
	}
	// A template defined later is analysed at Execute.
	late := Must(New("late").Parse(`echo {{template "v" .}}` + "\n"))
	Must(late.Parse(`{{define "v"}}"{{.}}"{{end}}`))
	b.Reset()
	if err := late.Execute(&b, "$x"); err != nil || b.String() != "echo \"\"'$x'\"\"\n" {
		t.Errorf("late: %q %v", b.String(), err)
	}
	// A template never defined is refused at Execute.
	undef := Must(New("undef").Parse(`echo {{template "nope" .}}` + "\n"))
	if err := undef.Execute(&b, "x"); !errors.Is(err, ErrTemplate) || !strings.Contains(err.Error(), "undefined template") {
		t.Errorf("undefined template: %v", err)
	}
	// missingkey=error is passed on.
	mk := Must(New("mk").Option("missingkey=error").Parse("echo {{.x}}\n"))
	if err := mk.Execute(&b, map[string]string{}); err == nil {
		t.Error("missingkey=error: no error")
	}
	// Funcs: results are escaped; check is reserved.
	f := Must(New("f").Funcs(map[string]any{"up": strings.ToUpper}).Parse("echo {{up .}}\n"))
	b.Reset()
	if err := f.Execute(&b, "a;b"); err != nil || b.String() != "echo 'A;B'\n" {
		t.Errorf("Funcs: %q %v", b.String(), err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Funcs(check): no panic")
			}
		}()
		New("g").Funcs(map[string]any{"check": strings.ToUpper})
	}()
	// An unknown dialect is refused at Parse.
	if _, err := New("d").Dialect(shq.Fish).Parse("echo a\n"); err == nil {
		t.Error("Fish dialect: no error")
	}
}
