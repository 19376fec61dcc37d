package shq

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
)

// trusted is the type of the parameters that must be program text: the
// program name, fixed words, flag names, end-of-options markers and
// MustParseTemplate's template. It is unexported, so a caller can pass only
// an untyped string constant (a literal, a const, or a constant expression
// of them): a string variable, which might hold data from outside, does not
// compile there. The pattern is safehtml's. A program path read from
// configuration goes through UncheckedCommand, which review can grep for.
type trusted string

// A Cmd builds one command from trusted program text and untrusted values,
// each value exactly one argument. Make one with [Command],
// [UncheckedCommand] or [Template.Fill], add to it with the methods below,
// then take the result: [Cmd.Argv] or [Cmd.ExecCommand] to run it without a
// shell (the preferred path), [Cmd.Line] or [Cmd.LineFor] for a shell.
//
// Every value goes one straight way: the built-in refusals (empty, blank,
// NUL byte, longer than 131071 bytes, starting with '-' where it would be
// read as an option), then the caller's checks in order, then, for a line
// only, quoting. The first refusal is kept, later calls do nothing, and
// Argv, Line, LineFor, ExecCommand and [Cmd.Err] report it, as
// [exec.Cmd.Err] does: a partial command is never returned. A refusal is an
// [*ArgError].
//
// The zero Cmd has no program and reports [ErrEmpty]. A Cmd is not safe for
// concurrent use; a [*Template] is.
type Cmd struct {
	argv    []string
	err     error
	endOpts bool       // an end-of-options marker has been added
	inline  [12]string // room for a typical command without a second allocation
}

// Command returns a Cmd that runs the program name with the fixed words
// args. Both are trusted program text: their type is an unexported string
// type, so only string constants (literals, untyped consts and constant
// expressions of them) compile there, and a variable that might hold data
// from outside does not. The same holds for flag names ([Cmd.Flag],
// [Cmd.FlagArg]), [Cmd.Fixed] words, [Cmd.EndOptionsWith]'s marker and
// [MustParseTemplate]'s template. For a program path from configuration,
// see [UncheckedCommand]. Untrusted values are added with [Cmd.Arg],
// [Cmd.Flag] and the other methods. A fixed word "--" ends options, like
// [Cmd.EndOptions].
//
// The program name must not be empty, blank or start with '-', and no word
// may hold a NUL byte or be longer than 131071 bytes; a fixed word may be
// empty, since the program's author wrote it.
func Command(name trusted, args ...trusted) *Cmd {
	c := newCmd(string(name))
	return c.Fixed(args...)
}

// UncheckedCommand is [Command] for a program path that is not a constant,
// such as one read from configuration. Its name says what review must
// check: whoever controls path chooses what runs, and no validation here
// can make an attacker-chosen program safe. Never pass a value from a
// request, event or other untrusted input. The path gets the same refusals
// as Command's name: empty, blank, NUL byte, too long, or starting with '-'.
func UncheckedCommand(path string, args ...trusted) *Cmd {
	c := newCmd(path)
	return c.Fixed(args...)
}

func newCmd(name string) *Cmd {
	c := &Cmd{}
	c.argv = c.inline[:0]
	if err := refusal(name, false); err != nil {
		c.err = &ArgError{Index: 0, Err: err}
		return c
	}
	c.argv = append(c.argv, name)
	return c
}

// Fixed appends trusted words, such as a subcommand or a flag without a
// value. They must be constants. A word "--" ends options, like
// [Cmd.EndOptions].
func (c *Cmd) Fixed(words ...trusted) *Cmd {
	for _, w := range words {
		if c.broken() {
			return c
		}
		s := string(w)
		switch {
		case strings.IndexByte(s, 0) >= 0:
			c.fail("", ErrNUL)
		case len(s) > maxArgLen:
			c.fail("", ErrTooLong)
		default:
			c.argv = append(c.argv, s)
			if s == "--" {
				c.endOpts = true
			}
		}
	}
	return c
}

// Arg appends value as one operand, after the built-in refusals (empty,
// blank, NUL byte, too long, and starting with '-' unless an end-of-options
// marker came before) and then checks, in order. A nil check is skipped.
// Checks never see a value the built-in refusals stopped, so
// Arg("", [validate.S3Bucket]) reports [ErrEmpty].
func (c *Cmd) Arg(value string, checks ...func(string) error) *Cmd {
	return c.add(value, c.endOpts, checks)
}

// Args appends each value as one operand, as [Cmd.Arg] does, with the same
// checks for every value.
func (c *Cmd) Args(values []string, checks ...func(string) error) *Cmd {
	for _, v := range values {
		c.add(v, c.endOpts, checks)
	}
	return c
}

// ArgOrDash is [Cmd.Arg] that also accepts a lone "-", which many programs read
// as standard input or output, without running checks on it (it is a
// marker, not data of the checked shape). Any other value starting with '-'
// is still refused.
func (c *Cmd) ArgOrDash(value string, checks ...func(string) error) *Cmd {
	if value == "-" {
		if !c.broken() {
			c.argv = append(c.argv, value)
		}
		return c
	}
	return c.Arg(value, checks...)
}

// ArgAllowDash is [Cmd.Arg] without the option check: value may start with '-'.
// Use it only where the program cannot read the value as an option: right
// after a trusted flag that takes the next argument as its value, as in
// Command("grep", "-e").ArgAllowDash(pattern). Anywhere else an
// option-shaped value is argument injection (CWE-88), and only the checks
// stand in the way.
func (c *Cmd) ArgAllowDash(value string, checks ...func(string) error) *Cmd {
	return c.add(value, true, checks)
}

// Flag appends the one word name=value, such as --region=eu-west-1. Bound
// to its flag, the value cannot be read as a new option, so it may start
// with '-'; the other built-in refusals and the checks apply to the value,
// and the length limit to the whole word. The form suits GNU getopt_long
// long options and Go's flag package; a getopt short option would read
// -o=v as "=v", so use [Cmd.FlagArg] for it.
//
// The name must be a constant that starts with '-', is neither "-" nor
// "--" and holds no '=', and the flag must come before the end-of-options
// marker; otherwise the Cmd records an error wrapping [ErrFlag].
func (c *Cmd) Flag(name trusted, value string, checks ...func(string) error) *Cmd {
	if !c.flagOK(string(name)) {
		return c
	}
	if err := refusal(value, true); err != nil {
		return c.fail(string(name), err)
	}
	if len(name)+1+len(value) > maxArgLen {
		return c.fail(string(name), ErrTooLong)
	}
	if err := runChecks(value, checks); err != nil {
		return c.fail(string(name), err)
	}
	c.argv = append(c.argv, string(name)+"="+value)
	return c
}

// FlagArg appends two words, the flag name and then value, for programs
// that take an option's value as the next argument. The value goes through
// everything [Cmd.Arg] does, the option check included: a program might read an
// option-shaped value as an option rather than as the flag's value (GNU
// getopt does not for a flag that requires a value, but one with an
// optional value does). The name follows [Cmd.Flag]'s rules.
func (c *Cmd) FlagArg(name trusted, value string, checks ...func(string) error) *Cmd {
	if !c.flagOK(string(name)) {
		return c
	}
	n := len(c.argv)
	c.argv = append(c.argv, string(name))
	if c.add(value, false, checks); c.err != nil {
		c.argv = c.argv[:n]
		c.err.(*ArgError).Name = string(name)
	}
	return c
}

func (c *Cmd) flagOK(name string) bool {
	if c.broken() {
		return false
	}
	if c.endOpts || len(name) < 2 || name[0] != '-' || name == "--" || strings.IndexByte(name, '=') >= 0 ||
		strings.IndexByte(name, 0) >= 0 || len(name) > maxArgLen {
		c.fail(name, ErrFlag)
		return false
	}
	return true
}

// EndOptions appends "--", the end-of-options marker of getopt and most
// programs (git, tar, rm, curl…). Values added after it may start with '-'.
// find has no marker: prefix its paths with "./" instead.
func (c *Cmd) EndOptions() *Cmd { return c.EndOptionsWith("--") }

// EndOptionsWith appends marker as the end-of-options marker, for a
// program whose marker is not "--": git takes revisions after
// "--end-of-options", since "--" switches it to pathspecs. Values added
// after it may start with '-'. The marker must be a constant, and the
// program must know it: after a marker the program does not know, an
// option-shaped value is read as an option.
func (c *Cmd) EndOptionsWith(marker trusted) *Cmd {
	c.Fixed(marker)
	if c.err == nil {
		c.endOpts = true
	}
	return c
}

// Err returns the first refusal, or nil. [Cmd.Argv], [Cmd.Line],
// [Cmd.LineFor] and [Cmd.ExecCommand] return it too.
func (c *Cmd) Err() error {
	if c.err == nil && len(c.argv) == 0 {
		return &ArgError{Index: 0, Err: ErrEmpty}
	}
	return c.err
}

// Argv returns the argument vector, program first, for os/exec or
// syscall.Exec: no shell reads it, which is the safest way to run a
// command. The slice is a new copy each time. On a refusal it returns nil
// and the error.
func (c *Cmd) Argv() ([]string, error) {
	if err := c.Err(); err != nil {
		return nil, err
	}
	return append([]string(nil), c.argv...), nil
}

// Line returns the command as one POSIX shell line: [Cmd.LineFor] with
// [POSIX].
func (c *Cmd) Line() (string, error) { return c.LineFor(POSIX) }

// LineFor returns the command as one line for a shell of dialect d: every
// word quoted by [Dialect.Join], so each reads back as exactly one word with the
// same bytes, the program name in command position included. Fish refuses
// a program name that is a fish keyword ([ErrKeyword]), and a line longer
// than 131071 bytes is refused with [ErrTooLong], since sh -c LINE passes it
// as one argument.
//
// Two traps remain outside the line. `sh -c LINE` reads $ENV, and bash
// $BASH_ENV, from the environment and runs the file it names first: run
// the shell with an environment you control. `ssh host LINE`, an SSH
// session's Run and `su -c LINE` hand the line to a login shell that may
// be fish or csh, not sh: use LineFor(Login) there, or ScriptFor(Login, c)
// on the ssh command (see the package documentation, "Remote and nested
// commands").
func (c *Cmd) LineFor(d Dialect) (string, error) {
	if err := c.Err(); err != nil {
		return "", err
	}
	line, err := d.Join(c.argv...)
	if err != nil {
		return "", err
	}
	if len(line) > maxArgLen {
		return "", &lineError{len(line)}
	}
	return line, nil
}

// ExecCommand returns an *exec.Cmd that runs the command without a shell,
// as exec.CommandContext(ctx, argv[0], argv[1:]...) does: the program is
// looked up in PATH unless its name holds a slash. ctx must not be nil,
// as for [exec.CommandContext]. On a refusal it returns nil and the error.
func (c *Cmd) ExecCommand(ctx context.Context) (*exec.Cmd, error) {
	if err := c.Err(); err != nil {
		return nil, err
	}
	return exec.CommandContext(ctx, c.argv[0], c.argv[1:]...), nil
}

// String returns a human-readable description of c, for debugging. It is
// not suitable for use as input to a shell: words are separated by spaces,
// and a word with anything but letters, digits and _ - . / , : @ + % = is
// shown in Go's quoted syntax, so a log line never carries raw control
// bytes. It shows the values: do not log it where an argument may be a
// secret. A Cmd with a refusal shows only the error.
func (c *Cmd) String() string {
	if err := c.Err(); err != nil {
		return "invalid command: " + err.Error()
	}
	var b []byte
	for i, w := range c.argv {
		if i > 0 {
			b = append(b, ' ')
		}
		if plainWord(w) {
			b = append(b, w...)
		} else {
			b = strconv.AppendQuote(b, w)
		}
	}
	return string(b)
}

// plainWord reports whether String may show w as it is.
func plainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if byteClass[w[i]]&safePOSIX == 0 && w[i] != '=' {
			return false
		}
	}
	return w != ""
}

// add is the one path of every value: the built-in refusals, then the
// checks, then the argument vector.
func (c *Cmd) add(value string, dash bool, checks []func(string) error) *Cmd {
	if c.broken() {
		return c
	}
	if err := refusal(value, dash); err != nil {
		return c.fail("", err)
	}
	if err := runChecks(value, checks); err != nil {
		return c.fail("", err)
	}
	c.argv = append(c.argv, value)
	return c
}

// broken reports whether c holds a refusal, recording one for the zero
// Cmd, which has no program: without it, the first value added would become
// the program.
func (c *Cmd) broken() bool {
	if c.err == nil && len(c.argv) == 0 {
		c.err = &ArgError{Index: 0, Err: ErrEmpty}
	}
	return c.err != nil
}

// fail records the first refusal, for the argument about to be added.
func (c *Cmd) fail(name string, err error) *Cmd {
	if c.err == nil {
		c.err = &ArgError{Index: len(c.argv), Name: name, Err: err}
	}
	return c
}
