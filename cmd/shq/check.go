package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// checkUsage is the help text of shq check.
const checkUsage = `usage: shq check [--allow-dash] RULE[,RULE...] [--] VALUE...
       shq check -l

Exit 0 if every VALUE would be accepted as one argument of a command built
with the library: first the builder's own refusals, then each RULE in
order. Exit 1 if any is refused (each refusal is reported on standard
error, by position, never by value), 2 on a usage error.

The builder refuses a VALUE that is empty, blank (only whitespace, control
or invisible characters), holds a NUL byte, is longer than 131071 bytes, or
starts with - (it would be read as an option). Several rules are separated
by commas, without spaces: s3-bucket,not-blank.

At least one VALUE is needed: quote your variables,
    shq check s3-bucket -- "$bucket"
because an unquoted blank $bucket expands to no VALUE at all.

  --allow-dash  accept a VALUE starting with -, where the program cannot
                read it as an option (after -- or as a flag's value);
                a RULE may still refuse it
  -l, --list    list the rules with a line about each
  -h, --help    print this help

Options come before RULE. A -- after RULE ends the options, so that a
VALUE may start with -.
Exit status: 0 success, 1 refused, 2 usage.
`

// checkOptions are the options of shq check.
var checkOptions = []option{{short: "-l", long: "--list"}, {long: "--allow-dash"}, helpOption}

// runCheck runs shq check with the arguments after the subcommand name.
func runCheck(args []string, stdout, stderr io.Writer) int {
	const cmd = "shq check"
	vals, operands, _, err := parseOptions(args, checkOptions)
	if err != nil {
		return usageFail(stderr, cmd, err.Error())
	}
	if _, ok := vals["--help"]; ok {
		return write(stdout, stderr, cmd, []byte(checkUsage))
	}
	if _, ok := vals["--list"]; ok {
		if len(operands) > 0 {
			return usageFail(stderr, cmd, "-l takes no operands")
		}
		return write(stdout, stderr, cmd, listRules())
	}
	_, allowDash := vals["--allow-dash"]
	if len(operands) == 0 {
		return usageFail(stderr, cmd, "missing RULE (shq check -l lists the rules)")
	}
	checks, msg := lookupRules(operands[0])
	if msg != "" {
		return usageFail(stderr, cmd, msg)
	}
	values := operands[1:]
	// The synopsis puts -- after RULE: the first -- there ends the options,
	// whether or not one came before RULE too.
	if len(values) > 0 && values[0] == "--" {
		values = values[1:]
	}
	if len(values) == 0 {
		return usageFail(stderr, cmd, `no VALUE to check (an unquoted blank variable expands to none: write "$var")`)
	}
	code := exitOK
	for i, v := range values {
		if err := checkValue(v, allowDash, checks); err != nil {
			fmt.Fprintf(stderr, "%s: value %d of %d: %s\n", cmd, i+1, len(values), describeRefusal(err))
			code = exitRefused
		}
	}
	return code
}

// lookupRules returns the checks named by the comma-separated list, in
// order, or a usage message. The message gives the position of an unknown
// name, never the name: a caller who forgot RULE has put a value in its
// place.
func lookupRules(list string) ([]func(string) error, string) {
	names := strings.Split(list, ",")
	checks := make([]func(string) error, 0, len(names))
	for i, name := range names {
		check, ok := validate.Lookup(name)
		if !ok {
			where := "unknown rule"
			if len(names) > 1 {
				where = "rule " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(names)) + " in RULE is unknown"
			}
			return nil, where + " (shq check -l lists the rules)"
		}
		checks = append(checks, check)
	}
	return checks, ""
}

// checkValue runs v through the command builder as one operand, so that the
// library's own refusals apply exactly as they would to a program that
// passes v to Cmd.Arg (or Cmd.ArgAllowDash with --allow-dash), followed by
// the checks.
func checkValue(v string, allowDash bool, checks []func(string) error) error {
	c := shq.Command("shq-check")
	if allowDash {
		return c.ArgAllowDash(v, checks...).Err()
	}
	return c.Arg(v, checks...).Err()
}

// describeRefusal returns the message for a refusal. A *validate.Error
// never holds the value, nor do the builder's own reasons; any other error
// is not trusted to leave it out, and only says that the value was refused.
func describeRefusal(err error) string {
	var ve *validate.Error
	if errors.As(err, &ve) {
		return ve.Error()
	}
	if errors.Is(err, shq.ErrOptionLike) {
		return shq.ErrOptionLike.Error() + " (--allow-dash accepts it where it cannot be)"
	}
	for _, reason := range []error{shq.ErrEmpty, shq.ErrBlank, shq.ErrNUL, shq.ErrTooLong} {
		if errors.Is(err, reason) {
			return reason.Error()
		}
	}
	return "refused"
}

// listRules returns the table printed by shq check -l: one rule a line,
// its name and what it accepts.
func listRules() []byte {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 8, 2, ' ', 0)
	for _, r := range validate.Rules() {
		fmt.Fprintf(tw, "%s\t%s\n", r.Name, r.Doc)
	}
	tw.Flush()
	return buf.Bytes()
}
