package shq

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every error returned by this package wraps one of them, so
// callers can test the reason with [errors.Is] whatever the concrete type.
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

	// ErrNotLiteral reports, from Split, text that a shell would expand or
	// interpret rather than take literally.
	ErrNotLiteral = errors.New("not a literal word")

	// ErrUnterminated reports, from Split, a quote that is never closed.
	ErrUnterminated = errors.New("unterminated quote")
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

// A SplitError reports where and why Split refused a line. Like every error
// in this package it gives a position and a reason, never the text.
type SplitError struct {
	// Offset is the byte offset in the line where the refused construct starts.
	Offset int
	// Reason describes the construct in the library's own words.
	Reason string
	// Err is ErrNotLiteral, ErrUnterminated or ErrNUL.
	Err error
}

// Error describes the refusal by byte offset and reason.
func (e *SplitError) Error() string {
	return "shq: split: byte " + strconv.Itoa(e.Offset) + ": " + e.Reason
}

// Unwrap returns the class of the refusal.
func (e *SplitError) Unwrap() error { return e.Err }
