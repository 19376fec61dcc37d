// Package shtemplate is text/template for shell scripts: each action is
// escaped for the shell context it is in, the way html/template escapes
// for HTML.
//
// A template is parsed as text/template parses it, so {{if}}, {{range}},
// {{with}}, {{define}}, {{template}}, pipelines and functions behave as Go
// users know them. Parse then renders the template with each action as a
// plain marker word, parses that script with mvdan.cc/sh (POSIX sh, or
// bash after [Template.Dialect] with shq.Bash), and finds in the syntax
// tree the context of every action. Execute checks each value and writes
// it for that context with shq.Quote.
//
//	t := shtemplate.Must(shtemplate.New("sync").Parse(
//		`aws s3 sync "{{.Dir}}" s3://{{.Bucket | check "s3-bucket"}}/` + "\n"))
//	err := t.Execute(w, map[string]string{"Dir": dir, "Bucket": bucket})
//
// # Contexts
//
// An action may be:
//
//   - a whole word or part of a word, unquoted: an argument of a simple
//     command (ls {{.d}}, s3://{{.b}}/), a word of a for list, a case word;
//   - inside the author's "…" or '…': the quotes are closed, the value
//     written quoted, and the quotes reopened (a value of plain ASCII with
//     nothing special there is written as it is);
//   - an assignment value (X={{.x}}, also after export, readonly, local,
//     declare, env and sudo);
//   - the body of a here-document: with a quoted delimiter the value is
//     written as it is, with an unquoted one $, ` and \ are escaped;
//   - a case pattern and the right side of [[ == ]] (bash): the value
//     matches literally;
//   - a here-string (<<< {{.x}}) and, when the action names a validator,
//     a redirection target (> {{.f | check "filename"}});
//   - inside the script of sh -c, bash -c (and dash, ksh, mksh, zsh, yash,
//     posh, busybox sh), also after sudo [-u user], env, su -c, nohup,
//     nice, timeout, exec, docker exec, podman exec, kubectl exec … --,
//     xargs and find … -exec: the script is parsed again, the value escaped
//     for its context there and then for the quotes around the script, up
//     to four levels deep;
//   - the remote command of ssh [options] [--] destination word…: ssh
//     joins the words with spaces and the remote user's login shell, which
//     may be dash, bash, zsh, fish, tcsh or csh, parses that line, so the
//     joined words are parsed again and a value there is written with
//     shq.Login, then for the word of the script it is in (ssh -p 22 host
//     ls -- {{.dir}}, ssh host 'cat -- {{.f}}'). The line must be one that
//     all those shells read alike: simple commands of plain words (letters,
//     digits, _-./:@+, and = or % after a byte of the template's own
//     text in the word: zsh and tcsh read {{.x}}=a with an empty value,
//     or empty quotes before =a, as =a) and single-quoted printable ASCII
//     without \ or !, joined by ;, && and |.
//     A value may be a word or part of one, or inside the author's '…'
//     there; a script of sh -c in the line is POSIX again (ssh host "sudo
//     -u app sh -c 'ls -- {{.x}}'"). A value with a newline is refused
//     (shq.ErrNewline), and so is one that would make its word of the
//     remote line, as the login shell reads it, longer than csh reads
//     (shq.ErrLoginLength): csh counts a word's bytes as they stand in the
//     line, quotes included, and its text and every action in it count (a
//     script of sh -c there is one word). The actions of one word share
//     what its text leaves below shq.LoginMaxWord equally (ssh host echo
//     {{.a}}{{.b}}: at most 4000 bytes each once quoted); for many values
//     in one word (a script of sh -c), use one action with a []string;
//   - the destination of ssh, also part of a word (deploy@{{.host}}): the
//     word with the value must pass validate.SSHDestination; the file of
//     ssh -F, -E, -S and -i takes a value only with a validator, as a
//     redirection target does;
//   - alone as a whole command, or as the whole script of sh -c: only a
//     [TrustedScript] goes there.
//
// Refused at Parse, with an [*Error] naming the template, line, column
// and context:
//
//   - a command name: a value never becomes a program, keyword or function
//     name, also after sudo, env, builtin, xargs, find -exec, docker
//     exec…; a variable, loop, function or declaration name (declare
//     {{.x}}, export {{.x}});
//   - comments, arithmetic, parameter expansions (${x:-{{.v}}}), `…`, $'…'
//     and $"…", extended globs, [[ =~ ]]; a command or for list with a
//     brace expansion ({a,b}, {1..3}, or braces around an action, which
//     may write a comma): bash, zsh and ksh make several words of it, and
//     bash none of {,}, so the words after it move;
//   - the arguments of eval, trap, source, ., alias, let, watch,
//     parallel, emulate (zsh's emulate sh -c runs code) and enable (bash's
//     enable -f loads a library), of builtin with an option (ksh93's
//     builtin -f), and of programs that run a command from their arguments
//     with options the package does not model (flock, strace, nsenter,
//     unshare, runuser, script, tmux, gosu…); the command of sudo -s/-i and
//     env -S; a script file of sh, and shell options;
//   - in the remote command of ssh: double quotes, expansions,
//     redirections (and so here-documents), assignments, comments, ||, &,
//     compound commands, a byte outside printable ASCII (a newline), a
//     word with an action whose text alone is longer than csh reads, or
//     whose text or number of actions depends on {{if}}, {{with}} or
//     {{range}} (ssh host "sh -c 'ls{{range .x}} {{.}}{{end}}'", where
//     the word's length would have no bound; shq.ErrLoginLength), and
//     the arguments of words with which fish, csh, tcsh or zsh run a
//     command (and, not, begin, repeat, nice, time, exec, noglob…) or
//     take variable names (set, setenv, unset, unsetenv, read); a whole
//     remote command, even a TrustedScript; a script of sh -c or su -c
//     there that the remote shell would split from the words after it
//     (ssh host sh -c 'ls {{.x}}' runs sh -c ls with the value as $0:
//     quote the script for the remote shell too, ssh host "sh -c 'ls
//     {{.x}}'"); the arguments of ssh -o and -J (ProxyCommand runs a
//     command) and -I (a library ssh loads), and ssh's options; anything
//     after a word of ssh's options or destination that the local shell
//     may make into no word, several or an option ($opts unquoted, a glob,
//     "$@", -l"$u"): the remote command cannot be found then ("$host" is
//     taken for the destination);
//   - a remote path of scp (scp -O host:{{.x}}: the remote login shell
//     reads it in scp's legacy protocol), the arguments of scp -o, -J, -S,
//     -D and -X, and the arguments of sshpass, autossh, mosh, rsync, sftp
//     and sshfs, which run ssh or a remote shell with options the package
//     does not model; the arguments of git -c, --config-env, -u,
//     --upload-pack, --receive-pack, --exec and --template (git -c
//     core.fsmonitor=CMD status and git clone -u CMD run CMD);
//   - the arguments of fish, csh, tcsh and other shells whose language the
//     package does not write;
//   - where a program would read the value as code: a here-document or
//     here-string given to a shell that reads its standard input (sh, bash
//     -s, ssh host, docker exec box sh, fish, csh) or to an interpreter
//     given no program (python3, perl, node, awk -f -, dc…), anything
//     written into a pipeline that ends in such a program (echo {{.x}} |
//     sh, echo {{.x}} | python3), and the program text of
//     awk, sed, perl -e, ruby -e, node -e, python -c, php -r and lua -e
//     (quoting for the shell does not make a value safe in another
//     language);
//   - a here-document delimiter, a here-document inside $(…) (posh and
//     ksh93 misread its body), an expansion inside a here-document, a
//     redirection target without a validator, a nested script with an
//     expansion in it, an action right after a backslash or after a partial
//     multi-byte character; [[, function, select and coproc in a POSIX
//     template (bash would read them as keywords);
//   - {{break}}, {{continue}} and recursive {{template}} calls;
//   - any place the package does not know.
//
// Where the branches of {{if}}, {{with}} or {{range}} would leave the
// script in different states, or an action would land in different
// contexts, Parse fails too: each branch is flipped in turn, every
// rendering must parse, each action must keep its context, and the script
// after the branch must parse the same.
//
// # Values
//
// A value is a string (or a type whose kind is string), an integer, or,
// where an action is a whole word of a command's arguments or a for list,
// a []string, which gives one word per element. Anything else is refused
// with [ErrType]: nothing is ever formatted with %v. A missing value is
// refused whatever missingkey says.
//
// A whole word (or whole assignment value, case word or pattern) is
// refused when empty or blank (validate.IsBlank); every value is refused
// when it holds a NUL byte or is longer than 131071 bytes. A value that
// starts a word and starts with '-' is refused wherever an option would be
// read: in the arguments of a simple command before a literal "--" (the
// positional parameters after sh -c SCRIPT NAME are not read as options).
// In the arguments of test and [ the operators !, (, ), =, ==, != are
// refused too, and in a file operand of scp a colon (scp would read the
// operand as a remote path). A here-document value is refused when it holds a line
// equal to the delimiter (after <<-, a line starting with a tab), is not
// valid UTF-8 (ksh93 drops such a document), or has a byte sequence that a
// multi-byte locale would join with the syntax byte after it.
//
// check names rules of package validate, which run before the value is
// written: {{.Bucket | check "s3-bucket"}}, {{.Tag | check "not-blank"
// "printable"}}.
//
// # Differences from text/template
//
// Execute writes nothing when it fails: the script is built in a buffer
// and written whole, so a script cut short by a refused value never
// reaches w. The first Execute fixes the template set, as in
// html/template: Parse and Clone fail after it. A template called with
// {{template}} is escaped in the context of its call; one called from
// places in different contexts is escaped once for each, in a copy that
// Execute adds to the set (name$shq1, …), as html/template does. A
// template executed by itself in another context than the one its calls
// fixed is refused. The function name check is reserved.
//
// Values are quoted with POSIX quoting for bash scripts too: it is what a
// shell reading a script needs, and bash reads it the same way. Errors
// never hold any part of a value.
//
// The package escapes each value where it lands; it does not follow
// variables. X={{.x}} is safe, and so is "$X" afterwards, but a script
// that runs eval "$X" or sh -c "$1" runs the value, as it would any data.
// A script of zsh -c or ksh -c is parsed as POSIX sh, and one of su -c as
// the target user's shell is taken to be POSIX.
package shtemplate
