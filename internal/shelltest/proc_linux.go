package shelltest

import (
	"errors"
	"fmt"
	"os/exec"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// runGroup starts cmd in a new process group, waits for it (at most
// timeout, then the group is killed) and kills whatever is left in the
// group once the leader has exited. The leader is not reaped until then,
// so its process group ID cannot have been reused by an unrelated process.
func runGroup(cmd *exec.Cmd, timeout time.Duration) error {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	// A process that left the group (setsid) and holds stdout open must
	// not hang the test.
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		return err
	}
	pid := cmd.Process.Pid

	var (
		mu       sync.Mutex
		reaped   bool
		timedOut bool
	)
	timer := time.AfterFunc(timeout, func() {
		mu.Lock()
		defer mu.Unlock()
		if !reaped {
			timedOut = true
			_ = syscall.Kill(-pid, syscall.SIGKILL)
		}
	})
	werr := waitExited(pid)
	timer.Stop()
	mu.Lock()
	if werr == nil {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
	reaped = true
	mu.Unlock()

	err := cmd.Wait()
	if timedOut {
		return fmt.Errorf("%w after %v", ErrTimeout, timeout)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return fmt.Errorf("shelltest: shell killed by signal %v", ws.Signal())
		}
		return nil // a non-zero exit status is the caller's business
	}
	if errors.Is(err, exec.ErrWaitDelay) {
		return nil // output copied, stragglers abandoned: not the shell's failure
	}
	return err
}

// waitExited blocks until process pid has exited, without reaping it
// (waitid with WNOWAIT), so that its ID stays reserved.
func waitExited(pid int) error {
	const (
		pPID    = 1          // P_PID
		wExited = 0x4        // WEXITED
		wNoWait = 0x01000000 // WNOWAIT
	)
	var info [128]byte // siginfo_t
	for {
		_, _, e := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid), uintptr(unsafe.Pointer(&info[0])), wExited|wNoWait, 0, 0)
		if e == syscall.EINTR {
			continue
		}
		if e != 0 {
			return e
		}
		return nil
	}
}

// setGroup makes cmd the leader of a new process group, for killGroup.
func setGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
}

// killGroup kills the process group that setGroup made.
func killGroup(pid int) { _ = syscall.Kill(-pid, syscall.SIGKILL) }
