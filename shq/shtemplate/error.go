package shtemplate

import (
	"errors"
	"strconv"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// Sentinel errors. Every *Error wraps one of them, or one of the value
// refusals of package shq (shq.ErrEmpty, shq.ErrBlank, shq.ErrNUL,
// shq.ErrTooLong, shq.ErrOptionLike), or the *validate.Error of a rule
// named with check.
var (
	// ErrContext reports an action in a place where no value may go: a
	// command name, a comment, arithmetic, a parameter expansion, the
	// arguments of eval, trap or source, ssh -o, and any place the package does
	// not know.
	ErrContext = errors.New("no value may go in this context")

	// ErrBranches reports {{if}}, {{with}} or {{range}} branches that would
	// leave the script in different contexts, or an action that lands in
	// different contexts depending on the branches taken.
	ErrBranches = errors.New("branches leave the script in different contexts")

	// ErrSyntax reports a template whose script, with each action standing
	// for a plain word, does not parse as shell.
	ErrSyntax = errors.New("script does not parse")

	// ErrTemplate reports a construct of the template language the package
	// does not escape: {{break}}, {{continue}}, a recursive {{template}}
	// call, a call of an undefined template, or a misused check.
	ErrTemplate = errors.New("template construct not supported")

	// ErrType reports a value of a type the package does not write: only
	// strings, integers, []string where several words may go, and
	// TrustedScript are written; nothing is formatted with %v.
	ErrType = errors.New("value of a type that is not written")

	// ErrTrusted reports a value other than a TrustedScript where only
	// trusted script text may go (a whole command, the whole script of
	// sh -c), or a TrustedScript anywhere else.
	ErrTrusted = errors.New("only a TrustedScript goes here, and a TrustedScript only goes here")

	// ErrDelimiter reports a here-document value that holds a line equal
	// to the here-document's delimiter, or, after <<-, a line starting
	// with a tab (which the shell would strip).
	ErrDelimiter = errors.New("value holds a line equal to the here-document delimiter")

	// ErrMultibyte reports a here-document value with a byte sequence that
	// a multi-byte locale (GBK, Big5, Shift_JIS, GB18030) would join with
	// the syntax byte after it.
	ErrMultibyte = errors.New("value would hide a syntax byte inside a multi-byte character")

	// ErrValidator reports a redirection target with no validator: a file
	// name taken from outside must be checked ({{.f | check "filename"}}).
	ErrValidator = errors.New("redirection target needs a validator")

	// ErrExecuted reports Parse, Funcs or Clone called after the template
	// was executed: the escaped parse tree is fixed from then on.
	ErrExecuted = errors.New("template already executed")
)

// An Error reports where and why a template or a value was refused. It
// names the template, the line and column of the action (or of the
// refused script text), the context the action is in, and the reason. It
// never holds any part of a value: a value may be a secret, and raw bytes
// in a log are an injection of their own.
type Error struct {
	// Name is the name of the template ({{define}} name included) where
	// the fault is.
	Name string
	// Line and Col are the 1-based line and byte column in the text given
	// to Parse, or 0 when the fault is not at one place.
	Line, Col int
	// Context describes the place the action is in, such as "argument",
	// "inside double quotes" or "command position"; "" if none applies.
	Context string
	// Err is the reason: one of the sentinels of this package, a value
	// refusal of package shq, or a *validate.Error.
	Err error
}

// Error formats the error as "shtemplate: NAME:LINE:COL: CONTEXT: REASON".
func (e *Error) Error() string {
	b := []byte("shtemplate: ")
	b = append(b, e.Name...)
	if e.Line > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(e.Line), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(e.Col), 10)
	}
	b = append(b, ": "...)
	if e.Context != "" {
		b = append(b, e.Context...)
		b = append(b, ": "...)
	}
	b = append(b, reasonText(e.Err)...)
	return string(b)
}

// Unwrap returns the reason, so that errors.Is(err, shq.ErrEmpty) and
// errors.As(err, &validateErr) work.
func (e *Error) Unwrap() error { return e.Err }

// reasonText is the message of the reasons known to hold no value.
func reasonText(err error) string {
	switch err {
	case nil:
		return "refused"
	case shq.ErrEmpty, shq.ErrBlank, shq.ErrNUL, shq.ErrTooLong, shq.ErrOptionLike,
		validate.ErrEmpty, validate.ErrBlank, validate.ErrInvalid:
		return err.Error()
	}
	if ve, ok := err.(*validate.Error); ok && ve != nil {
		return ve.Error()
	}
	if d, ok := err.(*detail); ok {
		return d.Error()
	}
	for _, s := range sentinels {
		if err == s {
			return err.Error()
		}
	}
	return "refused (the message is withheld because it may quote the value; see Unwrap)"
}

var sentinels = []error{ErrContext, ErrBranches, ErrSyntax, ErrTemplate, ErrType,
	ErrTrusted, ErrDelimiter, ErrMultibyte, ErrValidator, ErrExecuted}

// detail is a sentinel with a sentence of the package's own words (never
// a value) after it.
type detail struct {
	err  error
	text string
}

func (d *detail) Error() string { return d.err.Error() + ": " + d.text }
func (d *detail) Unwrap() error { return d.err }

func because(err error, text string) error { return &detail{err, text} }
