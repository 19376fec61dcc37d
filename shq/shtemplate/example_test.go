package shtemplate_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/shtemplate"
)

func run(t *shtemplate.Template, data any) {
	if err := t.Execute(os.Stdout, data); err != nil {
		fmt.Println("error:", err)
	}
}

func ExampleNew() {
	t := shtemplate.Must(shtemplate.New("ls").Parse("ls -l -- {{.}}\n"))
	run(t, "my file; rm -rf ~")
	// Output:
	// ls -l -- 'my file; rm -rf ~'
}

func ExampleMust() {
	defer func() { fmt.Println("panic:", recover()) }()
	shtemplate.Must(shtemplate.New("bad").Parse("{{.}} --version\n"))
	// Output:
	// panic: shtemplate: bad:1:3: command position: no value may go in this context
}

// An action that is a whole word, or part of one: the value stays one
// word, quoted only where it needs it.
func ExampleTemplate_Execute_word() {
	t := shtemplate.Must(shtemplate.New("s3").Parse("aws s3 ls s3://{{.Bucket}}/{{.Prefix}}\n"))
	run(t, map[string]string{"Bucket": "logs", "Prefix": "2024/it's here/"})
	// Output:
	// aws s3 ls s3://logs/'2024/it'"'"'s here/'
}

// Inside the author's double quotes the quotes are closed, the value
// written quoted, and the quotes reopened.
func ExampleTemplate_Execute_doubleQuotes() {
	t := shtemplate.Must(shtemplate.New("greet").Parse(`echo "Hello, {{.}}! Your home is $HOME"` + "\n"))
	run(t, `"; $(id) "`)
	// Output:
	// echo "Hello, "'"; $(id) "'"! Your home is $HOME"
}

// Inside the author's single quotes the same happens with single quotes.
func ExampleTemplate_Execute_singleQuotes() {
	t := shtemplate.Must(shtemplate.New("note").Parse(`git commit -m 'Deploy {{.}} (automated)'` + "\n"))
	run(t, "it's v2")
	// Output:
	// git commit -m 'Deploy ''it'"'"'s v2'' (automated)'
}

// An assignment value.
func ExampleTemplate_Execute_assignment() {
	t := shtemplate.Must(shtemplate.New("env").Parse("REGION={{.}}\nexport REGION\n"))
	run(t, "eu-west-1 ; id")
	// Output:
	// REGION='eu-west-1 ; id'
	// export REGION
}

// The body of a here-document with an unquoted delimiter: $, ` and \
// are escaped. A value holding a line equal to the delimiter is refused.
func ExampleTemplate_Execute_heredoc() {
	t := shtemplate.Must(shtemplate.New("cfg").Parse("cat > app.conf <<EOF\nuser = $USER\nname = {{.}}\nEOF\n"))
	run(t, "$(id) `id` \\")
	run(t, "x\nEOF\nrm -rf ~")
	// Output:
	// cat > app.conf <<EOF
	// user = $USER
	// name = \$(id) \`id\` \\
	// EOF
	// error: shtemplate: cfg:3:10: here-document body: value holds a line equal to the here-document delimiter
}

// The body of a here-document with a quoted delimiter is written as it
// is.
func ExampleTemplate_Execute_heredocQuoted() {
	t := shtemplate.Must(shtemplate.New("motd").Parse("cat > motd <<'EOF'\n{{.}}\nEOF\n"))
	run(t, "Welcome, $(id)!")
	run(t, "EOF")
	// Output:
	// cat > motd <<'EOF'
	// Welcome, $(id)!
	// EOF
	// error: shtemplate: motd:2:3: here-document body (quoted delimiter): value holds a line equal to the here-document delimiter
}

// A case pattern matches the value literally: its glob characters are
// quoted, and so is a keyword such as esac.
func ExampleTemplate_Execute_casePattern() {
	t := shtemplate.Must(shtemplate.New("case").Parse("case $1 in {{.}}) echo match;; esac\n"))
	run(t, "*")
	run(t, "esac")
	// Output:
	// case $1 in '*') echo match;; esac
	// case $1 in 'esac') echo match;; esac
}

// The right side of [[ == ]] in bash: a literal match, never a pattern.
func ExampleTemplate_Execute_bashPattern() {
	t := shtemplate.New("bash").Dialect(shq.Bash)
	shtemplate.Must(t.Parse("if [[ $branch == {{.}} ]]; then echo same; fi\n"))
	run(t, "release/*")
	// Output:
	// if [[ $branch == 'release/*' ]]; then echo same; fi
}

// A list fills one word per element where several words may go.
func ExampleTemplate_Execute_list() {
	t := shtemplate.Must(shtemplate.New("rm").Parse("rm -- {{.}}\nfor f in {{.}}; do echo \"$f\"; done\n"))
	run(t, []string{"a b", "-rf", "*"})
	// Output:
	// rm -- 'a b' -rf '*'
	// for f in 'a b' '-rf' '*'; do echo "$f"; done
}

// A script given to sh -c is parsed again: the value is escaped for its
// place in the inner script, then for the outer quotes.
func ExampleTemplate_Execute_nested() {
	t := shtemplate.Must(shtemplate.New("docker").Parse(`docker exec app sh -c "cd /srv && ls -l -- {{.}}"` + "\n"))
	run(t, "a;id")
	// Output:
	// docker exec app sh -c "cd /srv && ls -l -- 'a;id'"
}

// Three layers deep: sudo, sh -c, sh -c.
func ExampleTemplate_Execute_nestedTwice() {
	t := shtemplate.Must(shtemplate.New("deep").Parse(`sudo -u app sh -c 'sh -c "printf %s\\\\n {{.}}"'` + "\n"))
	run(t, `it's "$(id)"`)
	// Output:
	// sudo -u app sh -c 'sh -c "printf %s\\\\n ''""'"'"'"'"'"'it'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'s "$(id)"'"'"'"'"'"'""''"'
}

// Values are checked with the rules of package validate, by name.
func ExampleTemplate_Execute_check() {
	t := shtemplate.Must(shtemplate.New("sync").Parse(`aws s3 sync . s3://{{.Bucket | check "s3-bucket"}}/` + "\n"))
	run(t, map[string]string{"Bucket": "my-bucket"})
	run(t, map[string]string{"Bucket": "My_Bucket"})
	// Output:
	// aws s3 sync . s3://my-bucket/
	// error: shtemplate: sync:1:22: part of argument: validate: s3-bucket: byte 0 of 9: uppercase letter not allowed
}

// One whole script: a Lambda custom-runtime bootstrap that handles one
// event whose fields come from outside.
func Example_lambdaBootstrap() {
	const bootstrap = `#!/bin/sh
set -eu
export AWS_REGION={{.Region | check "aws-region"}}
workdir=$(mktemp -d)
cd "$workdir"
aws s3 cp "s3://{{.Bucket | check "s3-bucket"}}/{{.Key | check "s3-key"}}" ./input
{{if .Tags}}for tag in {{.Tags}}; do
  printf 'tag: %s\n' "$tag"
done
{{end}}cat > report.txt <<'EOF'
Requested by: {{.User}}
EOF
sh -c 'gzip -9 -- "$1" && echo "done: {{.Key}}"' sh ./input
`
	t := shtemplate.Must(shtemplate.New("bootstrap").Parse(bootstrap))
	run(t, map[string]any{
		"Region": "eu-west-1",
		"Bucket": "uploads",
		"Key":    "inbox/it's $(id).csv",
		"Tags":   []string{"q3", "a b"},
		"User":   "Mallory'; rm -rf / #",
	})
	// Output:
	// #!/bin/sh
	// set -eu
	// export AWS_REGION=eu-west-1
	// workdir=$(mktemp -d)
	// cd "$workdir"
	// aws s3 cp "s3://uploads/"'inbox/it'"'"'s $(id).csv'"" ./input
	// for tag in 'q3' 'a b'; do
	//   printf 'tag: %s\n' "$tag"
	// done
	// cat > report.txt <<'EOF'
	// Requested by: Mallory'; rm -rf / #
	// EOF
	// sh -c 'gzip -9 -- "$1" && echo "done: ''"'"'"'inbox/it'"'"'"'"'"'"'"'"'s $(id).csv'"'"'"''"' sh ./input
}

func ExampleTemplate_ExecuteTemplate() {
	t := shtemplate.Must(shtemplate.New("root").Parse(`{{define "copy"}}cp -- {{.From}} {{.To}}` + "\n{{end}}"))
	if err := t.ExecuteTemplate(os.Stdout, "copy", map[string]string{"From": "a b", "To": "/tmp/c"}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// cp -- 'a b' /tmp/c
}

func ExampleTemplate_Parse() {
	_, err := shtemplate.New("t").Parse("echo start\necho ${x:-{{.}}}\n")
	fmt.Println(err)
	// Output:
	// shtemplate: t:2:13: parameter expansion: no value may go in this context
}

func ExampleTemplate_Lookup() {
	t := shtemplate.Must(shtemplate.New("root").Parse(`{{define "greet"}}echo hello {{.}}` + "\n{{end}}"))
	run(t.Lookup("greet"), "a b")
	fmt.Println(t.Lookup("missing") == nil)
	// Output:
	// echo hello 'a b'
	// true
}

func ExampleTemplate_Clone() {
	base := shtemplate.Must(shtemplate.New("base").Parse(`{{define "flags"}}{{end}}ls {{template "flags"}}{{.}}` + "\n"))
	long := shtemplate.Must(base.Clone())
	shtemplate.Must(long.Parse(`{{define "flags"}}-l {{end}}`))
	run(base, "a b")
	run(long, "a b")
	// Output:
	// ls 'a b'
	// ls -l 'a b'
}

func ExampleTemplate_Funcs() {
	t := shtemplate.New("f").Funcs(map[string]any{"lower": strings.ToLower})
	shtemplate.Must(t.Parse("echo {{lower .}}\n"))
	run(t, "HELLO; ID")
	// Output:
	// echo 'hello; id'
}

func ExampleTemplate_Option() {
	t := shtemplate.Must(shtemplate.New("o").Option("missingkey=error").Parse("echo {{.name}}\n"))
	err := t.Execute(os.Stdout, map[string]string{})
	fmt.Println(err != nil)
	// Output:
	// true
}

func ExampleTemplate_Dialect() {
	t := shtemplate.New("b").Dialect(shq.Bash)
	shtemplate.Must(t.Parse("[[ -e {{.}} ]] && echo exists\n"))
	run(t, "-e")
	// Output:
	// [[ -e '-e' ]] && echo exists
}

func ExampleTemplate_Name() {
	fmt.Println(shtemplate.New("deploy").Name())
	// Output:
	// deploy
}

func ExampleUncheckedScript() {
	setup := shtemplate.UncheckedScript("set -eu\numask 077")
	t := shtemplate.Must(shtemplate.New("job").Parse("{{.Setup}}\nssh-keygen -f {{.Key}}\n"))
	run(t, map[string]any{"Setup": setup, "Key": "id_ed25519"})
	run(t, map[string]any{"Setup": "rm -rf ~", "Key": "id_ed25519"})
	// Output:
	// set -eu
	// umask 077
	// ssh-keygen -f id_ed25519
	// error: shtemplate: job:1:3: whole command: only a TrustedScript goes here, and a TrustedScript only goes here: build the script with UncheckedScript
}

func ExampleTrustedScript_String() {
	fmt.Println(shtemplate.UncheckedScript("echo hi").String())
	// Output:
	// echo hi
}

func ExampleError() {
	t := shtemplate.Must(shtemplate.New("t").Parse("rm {{.}}\n"))
	err := t.Execute(os.Stdout, "-rf")
	var e *shtemplate.Error
	if errors.As(err, &e) {
		fmt.Println(e.Name, e.Line, e.Col, e.Context)
		fmt.Println(errors.Is(err, shq.ErrOptionLike))
	}
	// Output:
	// t 1 6 argument
	// true
}

func ExampleError_Error() {
	_, err := shtemplate.New("t").Parse("echo hi # {{.}}\n")
	fmt.Println(err.Error())
	// Output:
	// shtemplate: t:1:13: comment: no value may go in this context
}

func ExampleError_Unwrap() {
	t := shtemplate.Must(shtemplate.New("t").Parse("ls {{.}}\n"))
	err := t.Execute(os.Stdout, "")
	fmt.Println(errors.Unwrap(err) == shq.ErrEmpty)
	// Output:
	// true
}

// A redirection target must name a validator: a file name from outside
// could be ../../etc/passwd.
func ExampleTemplate_Execute_redirect() {
	_, err := shtemplate.New("log").Parse("date >> {{.}}\n")
	fmt.Println(err)
	t := shtemplate.Must(shtemplate.New("log").Parse(`date >> {{. | check "filename"}}` + "\n"))
	run(t, "run-1.log")
	run(t, "../passwd")
	// Output:
	// shtemplate: log:1:11: redirection target: redirection target needs a validator: name a rule: {{.f | check "filename"}}
	// date >> run-1.log
	// error: shtemplate: log:1:11: redirection target: validate: filename: byte 2 of 9: character outside A-Z a-z 0-9 . _ -
}

// The remote command of ssh is read by the remote user's login shell,
// which may be fish or csh: a value there is written with shq.Login, then
// quoted again for the local script, and a script of sh -c inside it is
// POSIX again. The destination must pass validate.SSHDestination. A
// newline, which no quoting carries through csh, is refused.
func ExampleTemplate_Execute_ssh() {
	t := shtemplate.Must(shtemplate.New("ssh").Parse(
		`ssh -p 22 -- deploy@{{.Host}} ls -l -- {{.Dir}}` + "\n" +
			`ssh -- deploy@{{.Host}} "sudo -u app sh -c 'cd /srv && tar -czf - -- {{.Dir}}'" > backup.tgz` + "\n"))
	run(t, map[string]string{"Host": "web-1.example.com", "Dir": "it's here!"})
	run(t, map[string]string{"Host": "-oProxyCommand=id", "Dir": "x"})
	run(t, map[string]string{"Host": "web-1", "Dir": "a\nb"})
	// Output:
	// ssh -p 22 -- deploy@web-1.example.com ls -l -- "'"'it'"'"'"'"'"'"'"'"'s here'"'"'\!'
	// ssh -- deploy@web-1.example.com "sudo -u app sh -c 'cd /srv && tar -czf - -- ""'"'"'"'"'"'"'"'it'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'"'s here'"'"'\!"'"'"'"'"'""'" > backup.tgz
	// error: shtemplate: ssh:1:23: part of destination of ssh: validate: ssh-destination: byte 21 of 24: character outside A-Z a-z 0-9 . -
	// error: shtemplate: ssh:1:42: argument in the remote command of ssh: newline cannot be carried by a word for an unknown login shell: the remote command of ssh is read by a login shell that may be csh or fish
}
