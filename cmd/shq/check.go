package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/safeshell/safeshell/shq/validate"
)

// checkUsage is the help text of shq check.
const checkUsage = `usage: shq check RULE [--] VALUE...
       shq check -l

Exit 0 if every VALUE passes RULE, 1 if any is refused (each refusal is
reported on standard error, by position, never by value), 2 on a usage
error. At least one VALUE is needed: quote your variables,
    shq check s3-bucket -- "$bucket"
because an unquoted blank $bucket expands to no VALUE at all.

  -l, --list  list the rules with a line about each
  -h, --help  print this help

A -- after RULE ends the options, so that a VALUE may start with -.
Exit status: 0 success, 1 refused, 2 usage.
`

// checkOptions are the options of shq check.
var checkOptions = []option{{short: "-l", long: "--list"}, helpOption}

// runCheck runs shq check with the arguments after the subcommand name.
func runCheck(args []string, stdout, stderr io.Writer) int {
	const cmd = "shq check"
	vals, operands, _, err := parseOptions(args, checkOptions)
	if err != nil {
		return usageFail(stderr, cmd, err.Error(), checkUsage)
	}
	if _, ok := vals["--help"]; ok {
		return write(stdout, stderr, cmd, []byte(checkUsage))
	}
	if _, ok := vals["--list"]; ok {
		if len(operands) > 0 {
			return usageFail(stderr, cmd, "-l takes no operands", checkUsage)
		}
		return write(stdout, stderr, cmd, listRules())
	}
	if len(operands) == 0 {
		return usageFail(stderr, cmd, "missing RULE (see shq check -l)", checkUsage)
	}
	rule, values := operands[0], operands[1:]
	// The synopsis puts -- after RULE: the first -- there ends the options,
	// whether or not one came before RULE too.
	if len(values) > 0 && values[0] == "--" {
		values = values[1:]
	}
	check, ok := validate.Lookup(rule)
	if !ok {
		// The unknown name is not repeated: a caller who forgot RULE has
		// put a value in its place.
		return usageFail(stderr, cmd, "unknown RULE (see shq check -l)", checkUsage)
	}
	if len(values) == 0 {
		return usageFail(stderr, cmd, `no VALUE to check (an unquoted blank variable expands to none: write "$var")`, checkUsage)
	}
	code := exitOK
	for i, v := range values {
		if err := check(v); err != nil {
			fmt.Fprintf(stderr, "%s: value %d of %d: %s\n", cmd, i+1, len(values), describeRefusal(err))
			code = exitRefused
		}
	}
	return code
}

// describeRefusal returns the message for a validator's error. A
// *validate.Error never holds the value; any other error is not trusted to
// leave it out, and only says that the value was refused.
func describeRefusal(err error) string {
	var ve *validate.Error
	if errors.As(err, &ve) {
		return ve.Error()
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
