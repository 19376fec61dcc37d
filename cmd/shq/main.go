// Shq quotes, splits and checks values for shell scripts, with the rules of
// the safeshell library (github.com/safeshell/safeshell/shq).
//
// Usage:
//
//	shq quote [-d posix|bash|fish] [--] ARG...
//	shq split [-0] [--] [LINE]
//	shq check [--allow-dash] RULE[,RULE...] [--] VALUE...
//	shq check -l
//	shq help [COMMAND]
//	shq --version
//
// Every subcommand takes -h or --help, and shq help COMMAND prints the same
// text. Options come before operands, and --
// ends them, so an operand may start with "-": write -- before any value
// that comes from outside.
//
// quote prints each ARG quoted as one shell word of the dialect (POSIX by
// default), the words separated by one space and followed by a newline. Each
// argument is quoted on its own, as a word in argument position; no rule for
// the first word of a command applies. No ARG prints an empty line. With -d
// bash each word is what bash's printf %q prints under C.UTF-8 for arguments
// with no valid multi-byte UTF-8 sequence, and reads back in bash to the
// same bytes for all others.
//
// split splits LINE, or all of standard input when LINE is absent, into
// words as bash reads a simple command made only of literal words, and
// prints them as a JSON array of strings, or with -0 each followed by a NUL
// byte. From standard input exactly one trailing newline is removed first,
// the one echo and here-strings add; any other newline outside quotes is
// refused. A line with an expansion, glob, operator, comment or anything
// else a shell would interpret is refused with its byte offset. Without -0
// a word that is not valid UTF-8 is refused, because JSON cannot carry it.
//
// check exits 0 when the library's command builder would accept every VALUE
// as one argument: first its own refusals (empty, blank, a NUL byte, longer
// than 131071 bytes, a leading '-' unless --allow-dash is given), then every
// rule of the comma-separated list, in order (see shq check -l). It needs at
// least one VALUE: `shq check s3-bucket -- $bucket`, unquoted, expands to no
// VALUE at all when $bucket is blank, and that must not pass.
//
// Exit status, for every subcommand:
//
//	0  success
//	1  refused: a value or line failed, or reading or writing failed
//	2  usage: unknown subcommand, option, rule or dialect, or missing operands
//
// A usage error is one line on standard error that names the mistake and
// the command that prints the help, such as
//
//	shq check: unknown rule (shq check -l lists the rules); see shq help check
//
// Messages go to standard error and never contain a value, an operand or
// any part of them, not even an unknown rule name or option (it might be a
// value that lacked its --): they give positions, lengths and reasons.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

// Exit codes, one table for every subcommand.
const (
	exitOK      = 0 // success
	exitRefused = 1 // a value or line was refused, or I/O failed
	exitUsage   = 2 // the command line is wrong
)

// version is the version printed by --version. A release build may set it
// with -ldflags "-X main.version=v1.2.3"; otherwise it comes from the build
// information of the main module, which is "(devel)" in a source tree.
var version = ""

// usage is the help text of shq itself.
const usage = `usage:
  shq quote [-d posix|bash|fish] [--] ARG...
  shq split [-0] [--] [LINE]
  shq check [--allow-dash] RULE[,RULE...] [--] VALUE...
  shq check -l
  shq help [COMMAND]
  shq --version

Run "shq help COMMAND" for the details of a command.
Exit status: 0 success, 1 refused (a value or line failed), 2 usage.
Messages never contain the values.
`

// main runs shq with the process's arguments and standard streams.
func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program: it runs the command line args (without the
// program name), reading stdin and writing stdout and stderr, and returns the
// exit code. Tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageFail(stderr, "shq", "missing command (want quote, split or check)")
	}
	switch args[0] {
	case "quote":
		return runQuote(args[1:], stdout, stderr)
	case "split":
		return runSplit(args[1:], stdin, stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "-h", "-help", "--help":
		return write(stdout, stderr, "shq", []byte(usage))
	case "help":
		return runHelp(args[1:], stdout, stderr)
	case "-version", "--version", "version":
		return write(stdout, stderr, "shq", []byte("shq "+programVersion()+" "+runtime.Version()+"\n"))
	}
	// The word may be a value that was meant to follow a subcommand: it is
	// not repeated.
	return usageFail(stderr, "shq", "unknown command (want quote, split or check)")
}

// helpTexts holds the help text of each subcommand, for shq help COMMAND.
var helpTexts = map[string]string{"quote": quoteUsage, "split": splitUsage, "check": checkUsage}

// runHelp runs shq help [COMMAND].
func runHelp(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		return write(stdout, stderr, "shq", []byte(usage))
	case 1:
		if text, ok := helpTexts[args[0]]; ok {
			return write(stdout, stderr, "shq", []byte(text))
		}
		return usageFail(stderr, "shq", "help for an unknown command (want quote, split or check)")
	}
	return usageFail(stderr, "shq", "help takes at most one COMMAND")
}

// programVersion returns version if the build set it, or the main module's
// version from the build information.
func programVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// write writes out to stdout and turns a failure into a message and
// exitRefused.
func write(stdout, stderr io.Writer, cmd string, out []byte) int {
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "%s: writing standard output: %v\n", cmd, err)
		return exitRefused
	}
	return exitOK
}

// An option describes one option a subcommand accepts.
type option struct {
	short, long string // "-d", "--dialect"; either may be empty
	value       bool   // whether the option takes a value (-d VALUE, --dialect=VALUE)
}

// A usageError is a mistake in the command line. Its message names
// positions, never the text of an argument.
type usageError struct{ msg string }

// Error returns the message, which holds no argument text.
func (e *usageError) Error() string { return e.msg }

// parseOptions reads the options at the start of args and returns their
// values by long name ("" for an option without a value) and the operands.
// Options end at the first operand, at a lone "-" (an operand), or after
// "--", which is dropped. dashdash reports whether "--" ended them.
//
// A value option takes the next argument (-d bash, --dialect bash) or the
// text after = in the long form (--dialect=bash). Repeating an option keeps
// the last value. Options cannot be combined (-0l).
func parseOptions(args []string, opts []option) (vals map[string]string, operands []string, dashdash bool, err error) {
	vals = map[string]string{}
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return vals, args[i+1:], true, nil
		}
		if len(a) < 2 || a[0] != '-' {
			break
		}
		name, val, hasVal := a, "", false
		if strings.HasPrefix(a, "--") {
			name, val, hasVal = strings.Cut(a, "=")
		}
		o, ok := findOption(opts, name)
		if !ok {
			// Not echoed: it may be a value that needed a -- before it.
			return nil, nil, false, &usageError{"argument " + strconv.Itoa(i+1) +
				" is not an option of this command (put -- before values that start with -)"}
		}
		switch {
		case o.value && !hasVal:
			if i+1 == len(args) {
				return nil, nil, false, &usageError{"option " + o.displayName() + " needs a value"}
			}
			i++
			val = args[i]
		case !o.value && hasVal:
			return nil, nil, false, &usageError{"option " + o.displayName() + " takes no value"}
		}
		vals[o.key()] = val
	}
	return vals, args[i:], false, nil
}

// findOption returns the option named name ("-d" or "--dialect").
func findOption(opts []option, name string) (option, bool) {
	for _, o := range opts {
		if name == o.short || name == o.long {
			return o, true
		}
	}
	return option{}, false
}

// key is the name under which parseOptions records the option's value.
func (o option) key() string {
	if o.long != "" {
		return o.long
	}
	return o.short
}

// displayName names the option in messages: its own trusted spelling, not
// what the user typed.
func (o option) displayName() string {
	if o.short != "" && o.long != "" {
		return o.short + "/" + o.long
	}
	return o.key()
}

// helpOption is accepted by every subcommand.
var helpOption = option{short: "-h", long: "--help"}

// usageFail prints a usage error of cmd ("shq" or "shq check") as one line
// that says where the help is, and returns exitUsage.
func usageFail(stderr io.Writer, cmd, msg string) int {
	help := "shq help"
	if sub, ok := strings.CutPrefix(cmd, "shq "); ok {
		help += " " + sub
	}
	fmt.Fprintf(stderr, "%s: %s; see %s\n", cmd, msg, help)
	return exitUsage
}
