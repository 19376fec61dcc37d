package shq

import (
	"errors"
	"strconv"

	"github.com/safeshell/safeshell/shq/validate"
)

// Sentinel errors. Every error returned by this package wraps one of them, so
// callers can test the reason with [errors.Is] whatever the concrete type.
// Like every sentinel of the library they carry no prefix: the typed error
// that wraps one ([QuoteError], [SyntaxError], [ArgError]) adds "shq: ".
var (
	// ErrNUL reports a NUL byte. No shell word can carry one: the kernel
	// passes arguments as C strings, so the value would be cut short.
	ErrNUL = errors.New("NUL byte cannot be part of a shell word")

	// ErrKeyword reports a first word that the shell would read as a
	// keyword even when quoted (fish: 'if' still opens a block).
	ErrKeyword = errors.New("keyword in command position stays a keyword when quoted")

	// ErrDialect reports a Dialect value or name that this package does not
	// know. It is never silently replaced by another dialect.
	ErrDialect = errors.New("unknown dialect")

	// ErrNotLiteral reports, from [Split] or a template parser, text that a
	// shell would expand or interpret rather than take literally, or read
	// differently in some locale.
	ErrNotLiteral = errors.New("not a literal word")

	// ErrUnterminated reports, from [Split] or a template parser, a quote
	// that is never closed.
	ErrUnterminated = errors.New("unterminated quote")

	// ErrEmpty reports an empty value. `aws s3 ls ""` lists every bucket
	// in the account: an empty argument is never a harmless no-op. It is
	// the same value as [validate.ErrEmpty], so one errors.Is test catches
	// the builder's refusal and a validator's.
	ErrEmpty = validate.ErrEmpty

	// ErrBlank reports a value made only of whitespace, control and
	// invisible characters (see [validate.IsBlank]): unquoted it expands to
	// no word at all, and a reviewer cannot see it. It is the same value as
	// [validate.ErrBlank].
	ErrBlank = validate.ErrBlank

	// ErrOptionLike reports a value starting with '-' (a lone "-"
	// included) where the program would read it as an option (CWE-88).
	ErrOptionLike = errors.New("value starts with '-' and would be read as an option")

	// ErrTooLong reports an argument longer than 131071 bytes, the most
	// Linux passes in one argument (MAX_ARG_STRLEN less the NUL), or a
	// line longer than that, since sh -c LINE passes the line as one
	// argument.
	ErrTooLong = errors.New("longer than 131071 bytes")

	// ErrFlag reports a flag name that does not start with '-' or holds
	// '=', or a flag added after the end-of-options marker, where the
	// program would read it as an operand.
	ErrFlag = errors.New("flag name must start with '-', hold no '=' and come before the end of options")

	// ErrPlaceholder reports a template placeholder used where it may not
	// be: in the first word, declared optional as a whole word, or named
	// by [Template.Check] or [Template.Optional] without being in the
	// template.
	ErrPlaceholder = errors.New("placeholder misuse")

	// ErrMissingValue reports a placeholder with no value when the
	// template is filled.
	ErrMissingValue = errors.New("no value for placeholder")

	// ErrUnknownPlaceholder reports a value given, when a template is
	// filled, for a name that is not one of its placeholders. The name is
	// not reported: it came from the caller's map and may be data.
	ErrUnknownPlaceholder = errors.New("value given for a name that is not a placeholder of the template")
)

// A QuoteError reports why a string cannot be quoted. It names positions,
// never any part of the string: the string may be a secret, and raw bytes
// in a log are an injection of their own.
type QuoteError struct {
	// Index is the position of the argument in the list given to Join,
	// or -1 when the error comes from Quote.
	Index int
	// Offset is the byte offset of the offending byte within the argument.
	Offset int
	// Err is the reason: ErrNUL or ErrKeyword, or for Login ErrNewline or
	// ErrLoginLength.
	Err error
}

// Error describes the error by argument index, byte offset and reason.
func (e *QuoteError) Error() string {
	b := []byte("shq: ")
	if e.Index >= 0 {
		b = append(b, "argument "...)
		b = strconv.AppendInt(b, int64(e.Index), 10)
		b = append(b, ", "...)
	}
	b = append(b, "byte "...)
	b = strconv.AppendInt(b, int64(e.Offset), 10)
	b = append(b, ": "...)
	b = append(b, e.Err.Error()...)
	return string(b)
}

// Unwrap returns the reason, so that errors.Is(err, ErrNUL) works.
func (e *QuoteError) Unwrap() error { return e.Err }

// A SyntaxError reports where and why text was refused as a command of
// literal words: a line given to [Split], or a template given to
// [ParseTemplate], [MustParseTemplate] or [UncheckedTemplate] (and a
// placeholder name given to [Template.Check] or [Template.Optional]). Like
// every error of this package it gives a position and a reason, never the
// text: a line may hold a secret, and raw bytes in a log are an injection
// of their own.
type SyntaxError struct {
	// Op names what read the text: "split" or "template".
	Op string
	// Offset is the byte offset where the refused construct starts, or -1
	// when the fault is not at one place (an empty template, a name that
	// is not a placeholder).
	Offset int
	// Reason describes the fault in the library's own words. A placeholder
	// name in it is one that is in the template or follows the placeholder
	// grammar.
	Reason string
	// Err is the class of the fault: ErrNotLiteral, ErrUnterminated or
	// ErrNUL, and for a template also ErrEmpty, ErrBlank, ErrOptionLike,
	// ErrTooLong or ErrPlaceholder.
	Err error
}

// Error formats the error as "shq: split: byte 5: reason", or "shq:
// template: reason" without an offset.
func (e *SyntaxError) Error() string {
	b := make([]byte, 0, 32+len(e.Op)+len(e.Reason))
	b = append(b, "shq: "...)
	if e.Op != "" {
		b = append(b, e.Op...)
		b = append(b, ": "...)
	}
	if e.Offset >= 0 {
		b = append(b, "byte "...)
		b = strconv.AppendInt(b, int64(e.Offset), 10)
		b = append(b, ": "...)
	}
	b = append(b, e.Reason...)
	return string(b)
}

// Unwrap returns the class of the fault, so that errors.Is(err,
// ErrNotLiteral) works.
func (e *SyntaxError) Unwrap() error { return e.Err }
