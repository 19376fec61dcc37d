//go:build race

package validate_test

// The race detector slows every memory access; timing bounds do not hold.
const raceEnabled = true
