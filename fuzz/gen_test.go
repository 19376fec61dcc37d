package fuzz

import (
	"pgregory.net/rapid"

	"github.com/safeshell/safeshell/internal/hazard"
)

// genString draws a string of up to 8 pieces from the shared hazard
// generator.
func genString() *rapid.Generator[string] { return hazard.String(8) }

// counts is the shared count of accepted and refused cases.
type counts = hazard.Counts
