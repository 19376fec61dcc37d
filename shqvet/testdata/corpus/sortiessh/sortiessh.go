// Source: sortie-ai/sortie, internal/agent/sshutil/sshutil.go (BuildSSHArgs), PR #494
// Label: safe-lookalike
// Shape: a remote command fragment appended verbatim; callers pass a constant or a fragment built with a single-quote helper
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package sortiessh

import (
	"context"
	"os/exec"
	"strings"
)

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func buildSSHArgs(host, remoteCommand string) []string {
	return []string{"-T", "-o", "BatchMode=yes", host, remoteCommand}
}

func runClaude(ctx context.Context, host string) error {
	return exec.CommandContext(ctx, "ssh", buildSSHArgs(host, "claude")...).Run()
}

func runCodex(ctx context.Context, host, apiKey string) error {
	remote := "OPENAI_API_KEY=" + shellQuote(apiKey) + " codex app-server"
	return exec.CommandContext(ctx, "ssh", buildSSHArgs(host, remote)...).Run()
}
