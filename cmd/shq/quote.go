package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/safeshell/safeshell/shq"
)

// quoteUsage is the help text of shq quote.
const quoteUsage = `usage: shq quote [-d posix|bash|fish|login] [--] ARG...

Print each ARG quoted as one shell word, the words separated by one space
and followed by a newline. Each ARG is quoted on its own (no rules for the
first word of a command apply). No ARG prints an empty line.

  -d, --dialect NAME  posix (default): single quotes, for sh -c and scripts
                      bash: what bash's printf %q prints, for a person
                            to read or paste into bash
                      fish: for fish 3
                      login: for a line an unknown login shell
                            reads (ssh host LINE, su -c LINE): every
                            one of sh, bash, zsh, fish, tcsh, csh…
                            reads it back; refuses a newline and a
                            quoted word over 8000 bytes
  -h, --help          print this help

Put -- before the arguments when one may start with -.

Remote commands: ssh joins its command words with spaces and the remote
login shell (maybe fish or csh, not sh) parses the result, so a POSIX line
is not safe there, even quoted again for sh -c. Quote for login and pass
the line as one argument:

  line=$(shq quote -d login -- printf '%s\n' "$value") &&
    ssh -- "$host" "$line"

For a command with newlines or a long script, send a POSIX line on the
standard input of ssh -- "$host" sh -s instead.
Exit status: 0 success, 1 refused, 2 usage.
`

// quoteOptions are the options of shq quote.
var quoteOptions = []option{{short: "-d", long: "--dialect", value: true}, helpOption}

// runQuote runs shq quote with the arguments after the subcommand name.
func runQuote(args []string, stdout, stderr io.Writer) int {
	const cmd = "shq quote"
	vals, operands, _, err := parseOptions(args, quoteOptions)
	if err != nil {
		return usageFail(stderr, cmd, err.Error())
	}
	if _, ok := vals["--help"]; ok {
		return write(stdout, stderr, cmd, []byte(quoteUsage))
	}
	d := shq.POSIX
	if name, ok := vals["--dialect"]; ok {
		if d, err = shq.ParseDialect(name); err != nil {
			return usageFail(stderr, cmd, "unknown dialect (want posix, bash, fish or login)")
		}
	}
	out, err := quoteWords(d, operands)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitRefused
	}
	return write(stdout, stderr, cmd, out)
}

// quoteWords quotes each word with d.Quote (not Join: every word is an
// argument, none is a command name) and returns them separated by one space
// and followed by a newline. The only word that cannot be quoted holds a NUL
// byte, which a command line never does; the error says which word.
func quoteWords(d shq.Dialect, words []string) ([]byte, error) {
	var out []byte
	for i, w := range words {
		if i > 0 {
			out = append(out, ' ')
		}
		var err error
		if out, err = d.AppendQuote(out, w); err != nil {
			var qe *shq.QuoteError
			if errors.As(err, &qe) {
				return nil, fmt.Errorf("argument %d: byte %d: %w", i+1, qe.Offset, qe.Err)
			}
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
	}
	return append(out, '\n'), nil
}
