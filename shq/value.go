package shq

import (
	"strings"

	"github.com/safeshell/safeshell/shq/validate"
)

// refusal returns the sentinel of the first built-in refusal of an
// untrusted value, or nil. The order is the documented one: empty, blank,
// NUL byte, length, and, unless dash allows it, a leading '-'. Blank uses
// validate.IsBlank, the library's one definition.
func refusal(v string, dash bool) error {
	switch {
	case v == "":
		return ErrEmpty
	case validate.IsBlank(v):
		return ErrBlank
	case strings.IndexByte(v, 0) >= 0:
		return ErrNUL
	case len(v) > maxArgLen:
		return ErrTooLong
	case !dash && v[0] == '-':
		return ErrOptionLike
	}
	return nil
}

// runChecks runs the caller's checks in order and returns the first error.
// A nil check is skipped.
func runChecks(v string, checks []func(string) error) error {
	for _, check := range checks {
		if check == nil {
			continue
		}
		if err := check(v); err != nil {
			return err
		}
	}
	return nil
}
