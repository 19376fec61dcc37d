package shq

import (
	"flag"
	"os"
	"testing"
)

// TestMain raises rapid's default of 100 cases per property to 1000, or
// lowers it to 20 under -short, unless -rapid.checks is given.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		n := "1000"
		if testing.Short() {
			n = "20"
		}
		if err := flag.Set("rapid.checks", n); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
