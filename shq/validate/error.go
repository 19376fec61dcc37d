package validate

import (
	"errors"
	"strconv"
)

// Sentinel errors that every *Error unwraps to, for use with [errors.Is].
// Package shq uses the same two values for its own refusals of empty and
// blank values, so one test catches both (shq.ErrEmpty == ErrEmpty). Like
// every sentinel of the library they carry no "validate: " prefix: the
// typed error that wraps one adds its package's.
var (
	// ErrEmpty is the cause of an error about an empty value, or about an
	// empty part that a rule requires and checks as a value of its own
	// (the bucket of an S3 URI, a section of an ARN).
	ErrEmpty = errors.New("empty value")
	// ErrBlank is the cause of an error about a value made only of
	// whitespace, control and invisible characters (see IsBlank).
	ErrBlank = errors.New("blank value: only whitespace, control or invisible characters")
	// ErrInvalid is the cause of every other validation error.
	ErrInvalid = errors.New("invalid value")
)

// Error reports a value that a validator refused.
//
// It never holds the value or any part of it: the value may be a secret, and
// raw bytes copied into a log are an injection of their own. Instead it says
// which rule refused it, where, and why, naming a class of character
// ("uppercase letter", "control character") rather than the character.
type Error struct {
	// Rule is the kebab-case name of the rule, as listed by Rules.
	Rule string
	// Offset is the zero-based byte offset of the first offending byte,
	// or -1 when the fault is not at one place (a length, a missing part).
	Offset int
	// Len is the length of the value in bytes.
	Len int
	// Reason says what is wrong, in words that never quote the value.
	Reason string
	// Err is the class of the refusal, set by the rule: ErrEmpty,
	// ErrBlank or ErrInvalid. Unwrap returns it.
	Err error
}

// Error formats the error as, for example,
// "validate: s3-bucket: byte 4 of 10: uppercase letter not allowed" or
// "validate: s3-bucket: length 2, want 3 to 63".
func (e *Error) Error() string {
	b := make([]byte, 0, 64+len(e.Rule)+len(e.Reason))
	b = append(b, "validate: "...)
	b = append(b, e.Rule...)
	switch {
	case e.Offset >= 0:
		b = append(b, ": byte "...)
		b = strconv.AppendInt(b, int64(e.Offset), 10)
		b = append(b, " of "...)
		b = strconv.AppendInt(b, int64(e.Len), 10)
		b = append(b, ": "...)
	case e.Len == 0:
		b = append(b, ": "...)
	default:
		b = append(b, ": length "...)
		b = strconv.AppendInt(b, int64(e.Len), 10)
		b = append(b, ", "...)
	}
	b = append(b, e.Reason...)
	return string(b)
}

// Unwrap returns Err: ErrEmpty for an empty value or required part,
// ErrBlank for a blank value and ErrInvalid for every other refusal. An
// Error built without Err unwraps to ErrInvalid.
func (e *Error) Unwrap() error {
	if e.Err == nil {
		return ErrInvalid
	}
	return e.Err
}

// fault is a refusal before it knows its rule and length, so that the
// checkers can be combined (S3URI reuses the bucket and key checkers) and
// build no error value on success. err is its class; nil means ErrInvalid.
type fault struct {
	off int
	why string
	err error
}

func (f fault) ok() bool { return f.why == "" }

var okFault fault

func at(off int, why string) fault { return fault{off, why, nil} }

// whole is a fault of the value as a whole (its length, a missing part).
func whole(why string) fault { return fault{-1, why, nil} }

var (
	emptyFault = fault{-1, "empty", ErrEmpty}
	blankFault = fault{-1, "blank: only whitespace, control or invisible characters", ErrBlank}
)

// report turns a fault into the error a validator returns. It returns a
// plain nil, not a nil *Error, on success.
func report(rule, s string, f fault) error {
	if f.why == "" {
		return nil
	}
	if f.off >= len(s) {
		// A part missing at the end has no byte to point at.
		f.off = -1
	}
	err := f.err
	if err == nil {
		err = ErrInvalid
	}
	return &Error{Rule: rule, Offset: f.off, Len: len(s), Reason: f.why, Err: err}
}

// within shifts a fault found in a part of the value, named part, that
// starts at byte start and is n bytes long; a fault of the part as a whole
// points at the start of the part and gives the part's length.
func within(f fault, start int, part string, n int) fault {
	switch {
	case f.ok():
		return f
	case f.err == ErrEmpty:
		return fault{start, "empty " + part, ErrEmpty}
	case f.off < 0:
		return fault{start, part + " length " + strconv.Itoa(n) + ", " + f.why, f.err}
	}
	return fault{start + f.off, part + ": " + f.why, f.err}
}

// lengthFault reports n outside [lo, hi]; it is the zero fault otherwise.
func lengthFault(n, lo, hi int) fault {
	if n == 0 && lo > 0 {
		return emptyFault
	}
	if n < lo || n > hi {
		return whole(wantRange(lo, hi))
	}
	return okFault
}

func wantRange(lo, hi int) string {
	if lo == hi {
		return "want " + strconv.Itoa(lo)
	}
	return "want " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi)
}
