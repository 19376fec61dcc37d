// Package hazard is the one copy of the random-input oracles that the tests
// of shq and the fuzz targets share: the hazard pieces generated strings are
// built from, the generator, and the count of accepted and refused cases
// that every property reports.
package hazard

import (
	"strings"
	"sync/atomic"
	"testing"

	"pgregory.net/rapid"
)

// Pieces are the fragments generated strings are built from, so that they
// hit the hazards of the design notes far more often than uniform bytes
// would: shell syntax, glob and expansion starters, command words, control
// bytes, invalid UTF-8, lead bytes before a backslash, the GB18030 and
// EUC-TW four-byte prefixes, invisible and combining runes.
var Pieces = []string{
	"", " ", "\t", "\n", "\r", "'", "\"", "\\", "$", "`", "$(", "${", "$'", "*", "?",
	"[", "]", "{", "}", "{a,b}", "{1..3}", ",", "..", "~", "#", "=", ":", "^", "!",
	";", "|", "&", "<", ">", "(", ")", "%", "%self", "-", "--", "@", "+", "a", "b", "x",
	"0", "if", "A=", "NAME=value", "it's", "''", "'\"'\"'", "\x01", "\x15", "\x1b", "\x7f",
	"\x80", "\x81", "\x81\\", "\x81\x30", "\x8e\xa1", "\x95", "\xa5", "\xc3", "\xff",
	"\xed\xa0\x80", "é", "é0", "€", "中0", "☕", "\u00a0", "\u200b", "\u2028", "\u202e",
	"\u2800", "\u3164", "\ufeff", "\uf641", "\u0301", "\u0338",
}

// String returns a generator of strings of up to max pieces, mostly from
// Pieces, sometimes arbitrary bytes, and now and then with a NUL byte.
func String(max int) *rapid.Generator[string] {
	anyBytes := rapid.Map(rapid.SliceOfN(rapid.Byte(), 1, 4), func(b []byte) string { return string(b) })
	piece := rapid.OneOf(rapid.SampledFrom(Pieces), rapid.SampledFrom(Pieces),
		rapid.SampledFrom(Pieces), anyBytes)
	return rapid.Custom(func(t *rapid.T) string {
		return strings.Join(rapid.SliceOfN(piece, 0, max).Draw(t, "pieces"), "")
	})
}

// Counts counts how many generated cases a property accepted and how many
// it refused, so that a generator that stops reaching one side shows. A nil
// *Counts counts nothing (the fuzz form of a property).
type Counts struct{ accepted, refused atomic.Int64 }

// Add counts one case.
func (c *Counts) Add(accepted bool) {
	switch {
	case c == nil:
	case accepted:
		c.accepted.Add(1)
	default:
		c.refused.Add(1)
	}
}

// Log reports the counts.
func (c *Counts) Log(t testing.TB, what string) {
	t.Helper()
	t.Logf("%s: %d generated cases accepted, %d refused", what, c.accepted.Load(), c.refused.Load())
}
