// Package shq quotes, joins and splits shell words, and builds commands from
// trusted program text and untrusted values, so that every value stays
// exactly one argument and nothing in it is ever run.
//
// # Security model
//
// Trusted: the program text a developer writes — the program name, fixed
// subcommands and flags, templates, the choice of [Dialect]. Untrusted: every
// value that comes from outside the program (an HTTP request, a Lambda
// event, a file, a flag). The package keeps these properties for any
// untrusted string, valid UTF-8 or not:
//
//   - [Quote] returns one word that every shell of the dialect expands to
//     exactly the string's bytes: no parameter, command or arithmetic
//     substitution, no globbing, no brace, tilde or =cmd expansion, no
//     comment, no word splitting. A string with a NUL byte is refused, never
//     cut short.
//   - [Join] makes one simple command whose words are exactly its arguments,
//     and keeps the first word from being read as an assignment or a
//     reserved word. [Split] reads such a line back, refusing anything a
//     shell would expand or interpret.
//   - The command builder ([Command], [ParseTemplate]) puts each value in
//     exactly one argument, or exactly the part of one argument that a
//     placeholder marks, and refuses values that are empty, blank, carry a
//     NUL byte, are too long for one argument, or would be read as an
//     option. Validators from package [validate] check that a value has the
//     shape it claims (an S3 bucket name, a region, a git branch).
//   - Errors never contain any part of a value: only positions, lengths,
//     rules and reasons. A value may be a secret, and raw bytes in a log are
//     an injection of their own.
//
// Quoting keeps a value one word; it does not make the value right. The AWS
// CLI lists every bucket in the account for the perfectly quoted values "",
// "s3://", "/" and "s3:///x". Validate values as well as quoting them.
//
// The safest way to run a command is without a shell: pass the argv of
// a [*Cmd] to [os/exec] ([Cmd.Argv], [Cmd.ExecCommand]). Use a line
// ([Cmd.Line], [Join]) only where a shell is unavoidable.
//
// # Building commands
//
// [Command], [ParseTemplate] and [MustParseTemplate] take trusted program
// text through an unexported string type, so only string constants compile
// there; a program path or a template from configuration goes through
// [UncheckedCommand] or [UncheckedTemplate], whose names review can grep
// for. Untrusted values go in through [Cmd.Arg], [Cmd.Args], [Cmd.Flag],
// [Cmd.FlagArg] and template placeholders, and each becomes exactly one
// argument (or exactly the part of one that a placeholder marks). To glue a
// value to fixed text, as in s3://{bucket}/, use a template rather than a
// quoted word next to other text:
//
//	argv, err := shq.Command("aws", "s3", "ls").Arg(bucket, validate.S3Bucket).Argv()
//
//	ls := shq.MustParseTemplate("aws s3 ls s3://{bucket}/{prefix}").
//		Check("bucket", validate.S3Bucket).Optional("prefix")
//	argv, err := ls.Argv(map[string]string{"bucket": bucket})
//
// A [*Template] is safe for concurrent use; a [*Cmd] is not. Two traps come with
// lines rather than argv: ssh host LINE hands LINE to the remote user's
// login shell, which may be fish or csh, not sh (see "Remote and nested
// commands"), and sh -c reads $ENV, and bash $BASH_ENV, from the
// environment, which must not come from outside.
//
// # Remote and nested commands
//
// A command often runs inside another: `sh -c SCRIPT`, `bash -c SCRIPT`,
// `sudo -u USER sh -c SCRIPT`, `docker exec CONTAINER sh -c SCRIPT`,
// `kubectl exec POD -- sh -c SCRIPT`, `su -c SCRIPT USER`, `ssh HOST LINE`.
// Build the inner command as a *Cmd and pass it whole with Cmd.Script
// (POSIX, for sh -c and bash -c) or Cmd.ScriptFor (another dialect): the
// line becomes one argument of the outer command, quoted again only if the
// outer command is itself turned into a line. docker and kubectl pass the
// words after their own options to the container unchanged, so only the
// inner sh -c parses the script.
//
// ssh is different: it joins its command words with spaces and the remote
// sshd runs the result as `SHELL -c LINE` with the remote user's login
// shell, which may be bash, zsh, fish, tcsh or csh. So does x/crypto/ssh's
// Session.Run, and so does su -c (the target user's shell). For those, use
// the Login dialect: Cmd.LineFor(Login) for Session.Run, and
// ScriptFor(Login, inner) after `ssh [options] -- DESTINATION` (with the
// destination checked by validate.SSHDestination). Quoting a POSIX line
// once more for `sh -c` is not enough: fish reads \' inside single quotes
// as an escape, and csh expands ! even there. Login refuses a newline
// (ErrNewline), which no encoding carries through both csh and the POSIX
// shells, and a word whose quoting passes LoginMaxWord bytes
// (ErrLoginLength), which csh cannot read; a nested line is one word, so
// the limit applies to the whole inner line.
//
// Where the remote side is known to have sh and the command needs a
// newline or is long, `ssh HOST sh -s` with the POSIX line (or a whole
// script) on its standard input is still the better choice: nothing but sh
// parses it, and no length limit applies beyond sh's own.
//
// # Multi-byte locales
//
// Every promise holds in UTF-8 and in every ASCII-compatible multi-byte
// locale glibc ships: GBK, Big5, Big5-HKSCS, Shift_JIS, Shift_JISX0213,
// GB18030, GB2312, EUC-TW, EUC-JP, EUC-JP-MS, EUC-JISX0213, EUC-KR, CP949
// and JOHAB. Shells there read a byte the quoter wrote as part of the
// character before it in two cases: a byte ≥ 0x80 before a backslash (0x5C
// is a trail byte in GBK, Big5 and Shift_JIS), and the first two bytes of a
// GB18030 or EUC-TW four-byte character ([81-FE][30-39], 8E [A1-B0]) before
// any byte at all, in bash. So no output puts an escaping backslash right
// after a byte ≥ 0x80, or a quote, backslash or the end of a word right
// after such a pair, and Split refuses lines that do. One consequence:
// where a rune of valid UTF-8 ends in such a pair and closes a quoted run
// (U+23AE ⎮, U+33A1 ㎡, U+63A1 採, and a few more CJK and Hangul
// characters), POSIX, Bash and Login output put a quote between its last
// two bytes ('\xe6\x8e'"\xa1" for 採; Fish escapes the rune). No output
// can keep such a rune whole and be safe in EUC-TW. The shells read back
// the same bytes, but the output is not valid UTF-8: yash in a UTF-8
// locale refuses to read it (and runs nothing), and a layer that replaces
// invalid UTF-8 (encoding/json writes U+FFFD) corrupts it, so carry it as
// bytes.
//
// # Dialects
//
// [POSIX] (the zero [Dialect]) is for sh -c and scripts read by any POSIX-style
// shell: sh, dash, bash, ksh93, mksh, zsh, yash, posh, busybox ash, in UTF-8
// and in the multi-byte locales above. It carries control bytes
// literally, which suits a shell parsing a script and not a person: an
// interactive line editor acts on Ctrl-U or CR even inside quotes. [Bash] is
// bash's printf %q, for text a person will read or paste into an interactive
// bash; it never writes a raw control byte. [Fish] is for fish 3. [Login] is
// for a line an unknown login shell will parse (ssh, SSH sessions, su -c):
// dash, bash, zsh, fish, tcsh, csh, mksh, ksh93, yash, posh and busybox sh
// all read it back as the same bytes.
//
// # Non-goals
//
// Windows cmd.exe and PowerShell; csh and tcsh other than through Login
// (no dialect writes csh scripts); yash under Shift_JIS reading Login's \\
// and \! (0x5C is no backslash there); the environment and working
// directory a command runs with (sh -c reads $ENV, and bash $BASH_ENV, from
// the environment); interactive history expansion of POSIX output; crontab
// and Dockerfile lines (cron turns % into a newline even inside quotes); the
// meaning a program gives to its own arguments beyond the option check.
package shq
