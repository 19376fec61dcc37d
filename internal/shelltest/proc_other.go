//go:build !linux

package shelltest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"
)

// runGroup runs cmd bounded by timeout. Outside Linux the harness does not
// kill what the shell left running.
func runGroup(cmd *exec.Cmd, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			_ = cmd.Process.Kill()
		case <-done:
		}
	}()
	err := cmd.Wait()
	close(done)
	if ctx.Err() != nil {
		return fmt.Errorf("%w after %v", ErrTimeout, timeout)
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() >= 0 {
		return nil
	}
	return err
}

// setGroup does nothing here: process groups are a Unix notion.
func setGroup(*exec.Cmd) {}

// killGroup kills the process itself.
func killGroup(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		_ = p.Kill()
	}
}
