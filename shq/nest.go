package shq

import "strings"

// Script appends the POSIX line of inner (its Line) as one argument: the
// script of a shell that the command starts, as in `sh -c SCRIPT`,
// `bash -c SCRIPT`, `sudo -u USER sh -c SCRIPT` or
// `docker exec CONTAINER sh -c SCRIPT`. It is ScriptFor(POSIX, inner).
//
// For `su -c SCRIPT USER`, the target user's login shell reads the script,
// not sh: use ScriptFor(Login, inner), or make su run sh with -s /bin/sh.
func (c *Cmd) Script(inner *Cmd) *Cmd { return c.ScriptFor(POSIX, inner) }

// ScriptFor appends inner's line for a shell of dialect d (its LineFor(d))
// as one argument, so that a command nested in another is built from
// values without quoting anything by hand. The line is program text made
// by this package, not a value: it skips the value refusals (it may start
// with '-' and hold spaces) and any checks, but not the quoting of the
// outer command's own line, which quotes it once more as one word.
//
// The dialect is that of the shell that will read the line. ssh hands its
// command to the remote user's login shell, which may be fish or csh:
// ScriptFor(Login, inner) after the destination, as in
// Command("ssh", "--").Arg(host, validate.SSHDestination).ScriptFor(Login, inner),
// and x/crypto/ssh's Session.Run takes inner.LineFor(Login).
//
// A refusal of inner, or of its line, is recorded as c's refusal: an
// *ArgError for the position the line would have had, wrapping inner's
// error, so that errors.Is sees inner's reason.
func (c *Cmd) ScriptFor(d Dialect, inner *Cmd) *Cmd {
	if c.broken() {
		return c
	}
	if inner == nil {
		return c.fail("", &scriptError{&ArgError{Index: 0, Err: ErrEmpty}})
	}
	line, err := inner.LineFor(d)
	if err != nil {
		return c.fail("", &scriptError{err})
	}
	c.argv = append(c.argv, line)
	return c
}

// scriptError is the refusal of a nested command, as the outer command
// reports it. Every error of this package is safe to show, so its message
// is kept.
type scriptError struct{ err error }

func (e *scriptError) Error() string {
	return "nested command: " + strings.TrimPrefix(e.err.Error(), "shq: ")
}

func (e *scriptError) Unwrap() error { return e.err }
