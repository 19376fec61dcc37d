//go:build !race

package shq

const raceEnabled = false
