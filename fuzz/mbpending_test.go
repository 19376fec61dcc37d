package fuzz

import (
	"errors"
	"strings"

	"github.com/safeshell/safeshell/shq"
)

// writersFollowMBRule says whether Quote and Join already avoid what Split
// refuses for multi-byte locales (a quote or blank right after a byte pair
// such as \x81 0). While they do not, the targets that feed their output to
// Split accept a refusal for that reason alone; with true they fail on it,
// as on any other refusal.
const writersFollowMBRule = false

// pendingMBRefusal reports whether err is Split's multi-byte refusal of a
// writer's output, accepted while writersFollowMBRule is false.
func pendingMBRefusal(err error) bool {
	var se *shq.SyntaxError
	return !writersFollowMBRule && errors.As(err, &se) && errors.Is(err, shq.ErrNotLiteral) &&
		(strings.Contains(se.Reason, "GB18030") || strings.Contains(se.Reason, "GBK"))
}
