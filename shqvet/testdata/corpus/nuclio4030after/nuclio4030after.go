// Source: nuclio/nuclio, pkg/processor/runtime/shell/runtime.go, PR #4030 (CVE-2026-29042)
// Label: fixed
// Shape: the same words run as an argument vector without a shell
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package nuclio4030after

import (
	"context"
	"os/exec"
	"strings"
)

type event struct{ headers map[string]string }

func (e *event) GetHeaderString(k string) string { return e.headers[k] }

func processEvent(ctx context.Context, handler string, ev *event) ([]byte, error) {
	command := []string{handler}
	if args := ev.GetHeaderString("X-Nuclio-Arguments"); args != "" {
		command = append(command, strings.Split(args, " ")...)
	}
	return exec.CommandContext(ctx, command[0], command[1:]...).Output()
}
