//go:build !linux

package shelltest

import (
	"errors"
	"testing"
)

// Session is an interactive bash on a pseudo-terminal; only Linux has one
// in this harness.
type Session struct{}

// ErrIncomplete is returned by [Session.Type] when bash asked for more input
// (printed PS2) after the line.
var ErrIncomplete = errors.New("shelltest: bash wants more input (PS2) after the typed line")

// StartInteractive calls [Missing]: the pseudo-terminal code is Linux-only.
func StartInteractive(t testing.TB, opts ...Option) *Session {
	t.Helper()
	Missing(t, "interactive bash on a pseudo-terminal: Linux only")
	return nil
}

// Type is not available outside Linux.
func (s *Session) Type(line string) ([][]string, error) {
	return nil, errors.New("shelltest: no pseudo-terminal on this system")
}

// Screen is not available outside Linux.
func (s *Session) Screen() string { return "" }

// Close does nothing outside Linux.
func (s *Session) Close() error { return nil }

// Interactive calls [Missing]: the pseudo-terminal code is Linux-only.
func Interactive(t testing.TB, line string, opts ...Option) ([]string, error) {
	t.Helper()
	Missing(t, "interactive bash on a pseudo-terminal: Linux only")
	return nil, errors.New("shelltest: no pseudo-terminal on this system")
}
