package shelltest

import (
	"flag"
	"fmt"
	"runtime"
	"testing"
)

// stopTB records a skip or a failure and, like *testing.T, stops the
// goroutine that called it.
type stopTB struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (f *stopTB) Helper() {}
func (f *stopTB) Skipf(format string, args ...any) {
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (f *stopTB) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// runTB runs call with a fresh stopTB in its own goroutine and returns the
// stopTB once call has returned or stopped.
func runTB(call func(tb testing.TB)) *stopTB {
	f := &stopTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		call(f)
	}()
	<-done
	return f
}

// TestShortSkips checks the fast inner loop: under -short every entry point
// that returns, runs or prepares a shell skips, SHQ_REQUIRE_TOOLS=1 or not,
// and without -short none of them skips for that reason.
func TestShortSkips(t *testing.T) {
	// Not parallel: it sets the -test.short flag and t.Setenv, and parallel
	// tests start only after the sequential ones.
	old := flag.Lookup("test.short").Value.String()
	t.Cleanup(func() { flag.Set("test.short", old) })
	t.Setenv(RequireToolsEnv, "1")
	calls := map[string]func(tb testing.TB){
		"POSIXShells":  func(tb testing.TB) { POSIXShells(tb) },
		"BashShells":   func(tb testing.TB) { BashShells(tb) },
		"AllShells":    func(tb testing.TB) { AllShells(tb) },
		"ShellsNamed":  func(tb testing.TB) { ShellsNamed(tb, "dash") },
		"ShellNamed":   func(tb testing.TB) { ShellNamed(tb, "bash") },
		"Run":          func(tb testing.TB) { Shell{Name: "nosuch", program: "nosuch-shell"}.Run(tb, "true") },
		"WordsBatch":   func(tb testing.TB) { Shell{Name: "nosuch", program: "nosuch-shell"}.WordsBatch(tb, []string{"a"}) },
		"PrinterDir":   func(tb testing.TB) { PrinterDir(tb) },
		"Interactive":  func(tb testing.TB) { Interactive(tb, "a") },
		"FishShell":    func(tb testing.TB) { FishShell(tb) },
		"MultibyteSet": func(tb testing.TB) { MultibyteShells(tb) },
	}
	if err := flag.Set("test.short", "true"); err != nil {
		t.Fatal(err)
	}
	for name, call := range calls {
		f := runTB(call)
		if !f.skipped || f.failed {
			t.Errorf("-short: %s: skipped=%v failed=%v (%s)", name, f.skipped, f.failed, f.msg)
		}
	}
	if err := flag.Set("test.short", "false"); err != nil {
		t.Fatal(err)
	}
	f := runTB(func(tb testing.TB) { ShellsNamed(tb, "dash", "bash") })
	if f.skipped || f.failed {
		t.Errorf("without -short: ShellsNamed: skipped=%v failed=%v (%s)", f.skipped, f.failed, f.msg)
	}
}
