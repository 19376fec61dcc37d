package shelltest

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A shell that runs too long is killed, and so is everything it started.
func TestTimeoutAndCleanup(t *testing.T) {
	t.Parallel()
	sh := ShellNamed(t, "bash")
	// Build the printer first: that is not part of the run being timed.
	PrinterDir(t)
	// The timeout leaves a loaded machine (two cores, other test processes)
	// time to start bash and the printer; the test is about what happens
	// when it expires.
	const timeout = 3 * time.Second
	start := time.Now()
	r := sh.Run(t, `sleep 1000 & printargs $!; sleep 1000`, WithTimeout(timeout))
	if !errors.Is(r.Err, ErrTimeout) {
		t.Errorf("want ErrTimeout; got %s", r.String())
	}
	if d := time.Since(start); d > timeout+10*time.Second {
		t.Errorf("took %v", d)
	}
	// A background job of a shell that exited normally is killed too.
	r2 := sh.Run(t, `sleep 1000 </dev/null >/dev/null 2>&1 & printargs $!`)
	for _, r := range []Result{r, r2} {
		if len(r.Calls) != 1 {
			t.Fatalf("want one call: %s", r.String())
		}
		pid, _ := strconv.Atoi(r.Calls[0][0])
		waitGone(t, pid)
	}
}

// waitGone waits until pid is no longer a live process (a zombie counts as
// gone: its parent, init, reaps it in its own time).
func waitGone(t *testing.T, pid int) {
	t.Helper()
	for i := 0; i < 200; i++ {
		data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
		if err != nil || strings.Contains(string(data), ") Z ") {
			return
		}
		if err := syscall.Kill(pid, 0); err == syscall.ESRCH {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("process %d is still running", pid)
}
