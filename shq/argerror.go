package shq

import (
	"strconv"

	"github.com/safeshell/safeshell/shq/validate"
)

// maxArgLen is the longest argument Linux accepts: MAX_ARG_STRLEN (32
// pages of 4096 bytes) less the terminating NUL.
const maxArgLen = 131071

// An ArgError reports an argument that the command builder or a template
// refused. It names the argument by position and, for a flag or a
// placeholder, by name, and gives the reason. It never holds any part of
// the value: the value may be a secret, and raw bytes copied into a log are
// an injection of their own.
//
// Err is one of the sentinels ErrEmpty, ErrBlank, ErrNUL, ErrTooLong,
// ErrOptionLike, ErrFlag, ErrMissingValue or ErrUnknownPlaceholder, or the
// error a caller's check returned. Error includes a check's message only
// when it is a *validate.Error (or one of that package's sentinels), whose
// messages never quote the value; any other check error is withheld from
// the message, because a check written elsewhere may quote the value, and
// is still returned by Unwrap for the caller to inspect.
type ArgError struct {
	// Index is the argument's position in the argument vector, where 0 is
	// the program; for a refused value, the position it would have had.
	// It is -1 when the error is about no single argument
	// (ErrUnknownPlaceholder).
	Index int
	// Name is the placeholder in braces ("{bucket}") or the flag's name
	// with its dashes ("--region"), or "" for a plain operand. Both are
	// trusted program text.
	Name string
	// Err is the reason.
	Err error
}

// Error formats the error as "shq: argument 3 (flag --region): empty
// value": the position, the flag or placeholder if any, and the reason.
func (e *ArgError) Error() string {
	b := make([]byte, 0, 96)
	b = append(b, "shq: "...)
	if e.Index >= 0 {
		b = append(b, "argument "...)
		b = strconv.AppendInt(b, int64(e.Index), 10)
		switch {
		case e.Name == "":
		case e.Name[0] == '{':
			b = append(b, " (placeholder "...)
			b = append(b, e.Name...)
			b = append(b, ')')
		default:
			b = append(b, " (flag "...)
			b = append(b, e.Name...)
			b = append(b, ')')
		}
		b = append(b, ": "...)
	}
	b = append(b, reasonText(e.Err)...)
	return string(b)
}

// Unwrap returns the reason, so that errors.Is(err, ErrEmpty) and
// errors.As(err, &validateErr) work.
func (e *ArgError) Unwrap() error { return e.Err }

// reasonText is the text of err that may appear in a message: the whole
// message of the errors known to hold no value, and a fixed sentence for
// any other. The test is on err itself, not on its chain: a check that
// wraps a *validate.Error with fmt.Errorf("%q: %w", v, err) quotes the
// value in its own message.
func reasonText(err error) string {
	switch err {
	case nil:
		return "refused"
	case ErrEmpty, ErrBlank, ErrNUL, ErrTooLong, ErrOptionLike, ErrFlag,
		ErrMissingValue, ErrUnknownPlaceholder, validate.ErrInvalid:
		return err.Error()
	}
	if ve, ok := err.(*validate.Error); ok && ve != nil {
		return ve.Error()
	}
	if se, ok := err.(*scriptError); ok {
		return se.Error()
	}
	return "refused by a check (its message is withheld because it may quote the value; see Unwrap)"
}

// lineError reports a line longer than maxArgLen.
type lineError struct{ n int }

func (e *lineError) Error() string {
	return "shq: line of " + strconv.Itoa(e.n) + " bytes is " + ErrTooLong.Error()
}

func (e *lineError) Unwrap() error { return ErrTooLong }
