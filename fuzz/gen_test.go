package fuzz

import (
	"strings"
	"sync/atomic"
	"testing"

	"pgregory.net/rapid"
)

// hazardPieces are the fragments that generated strings are built from, so
// that they hit the hazards of docs/design.md far more often than uniform bytes.
var hazardPieces = []string{
	"", " ", "\t", "\n", "\r", "'", "\"", "\\", "$", "`", "$(", "${", "$'", "*", "?",
	"[", "]", "{", "}", "{a,b}", "{1..3}", ",", "..", "~", "#", "=", ":", "^", "!",
	";", "|", "&", "<", ">", "(", ")", "%", "%self", "-", "--", "@", "+", "a", "x",
	"0", "if", "A=", "NAME=value", "it's", "\x01", "\x15", "\x1b", "\x7f", "\x80",
	"\x81", "\x81\\", "\x95", "\xa5", "\xc3", "\xff", "\xed\xa0\x80", "é", "€", "☕",
	"\u00a0", "\u200b", "\u2028", "\u202e", "\u2800", "\u3164", "\ufeff", "\uf641",
}

// genString draws a string mostly from hazard pieces, sometimes from
// arbitrary bytes, and now and then with a NUL byte.
func genString() *rapid.Generator[string] {
	anyBytes := rapid.Map(rapid.SliceOfN(rapid.Byte(), 1, 4), func(b []byte) string { return string(b) })
	piece := rapid.OneOf(rapid.SampledFrom(hazardPieces), rapid.SampledFrom(hazardPieces),
		rapid.SampledFrom(hazardPieces), anyBytes)
	return rapid.Custom(func(t *rapid.T) string {
		return strings.Join(rapid.SliceOfN(piece, 0, 8).Draw(t, "pieces"), "")
	})
}

// counts reports how many generated cases a property accepted and how many
// were refused, as docs/design.md asks of every property. A nil *counts counts
// nothing (the fuzz form of a property).
type counts struct{ accepted, refused atomic.Int64 }

func (c *counts) count(accepted bool) {
	switch {
	case c == nil:
	case accepted:
		c.accepted.Add(1)
	default:
		c.refused.Add(1)
	}
}

func (c *counts) log(t *testing.T, what string) {
	t.Logf("%s: %d generated cases accepted, %d refused", what, c.accepted.Load(), c.refused.Load())
}
