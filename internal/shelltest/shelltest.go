// Package shelltest is the real-shell test harness of safeshell: every test in
// the project that runs a real shell goes through it.
//
// It provides
//
//   - the argv printer: `printargs WORD...`, an external program (source in
//     printargs/, built with the go command on first use and kept until its
//     source changes) that records the exact argument vector each call
//     received;
//   - the shell matrices of the design notes (Verification): [POSIXShells],
//     [BashShells], [FishShell], and [ShellNamed] for one configuration;
//   - [Shell.Run], which runs a script in a clean environment, in a working
//     directory seeded with files that every glob-shaped word would match
//     ([Dir], [Seed]), with HOME set to an existing directory ([Home]), and
//     returns the calls the printer received; [Shell.Words] and
//     [Shell.WordsBatch] for the common check "which words does this line
//     make", the latter running hundreds of lines in one shell process;
//   - locales ([RequireLocale], [WithLocale]);
//   - an interactive bash on a pseudo-terminal ([Interactive],
//     [StartInteractive]) for what a person types or pastes;
//   - [Missing]: a missing tool skips the test, or fails it when
//     SHQ_REQUIRE_TOOLS=1 (as CI sets).
//
// Under go test -short the harness runs no shell: every function that
// returns a shell, runs one or builds the printer skips the test, with
// SHQ_REQUIRE_TOOLS=1 too. That is the fast inner loop; the full run (CI
// does not use -short) keeps every check.
//
// A typical test:
//
//	for _, sh := range shelltest.POSIXShells(t) {
//		t.Run(sh.Name, func(t *testing.T) {
//			got := sh.WordsBatch(t, lines)
//			for i, r := range got {
//				if r.Err != nil || !slices.Equal(r.Words, want[i]) { … }
//			}
//		})
//	}
//
// Shell facts found while building the harness, which tests should not be
// bent around:
//
//   - zsh --emulate sh reads single-letter options as sh does: -f there is
//     noglob, so that configuration uses --no-rcs;
//   - posh and fish parse the whole -c script before running any of it; the
//     others run it command by command. bash -O failglob ("no match") and
//     zsh ("no matches found", "=cmd not found") abort the rest of a -c
//     script;
//   - yash refuses a script it cannot decode in the locale (invalid UTF-8
//     in C.UTF-8), replaces it with an empty one and exits 0
//     ([ErrScriptEncoding]); in the C locale it drops environment values
//     with bytes ≥0x80 (${#x} is 0);
//   - ksh93 gives the shell variable ENV the value $HOME/.kshrc even when the
//     environment has none (it reads it only when interactive);
//   - fish has no [...] globs and sorts glob results case-insensitively;
//     $'…' is a syntax error there;
//   - mksh and posh have no printf builtin; yash's printf is a "regular
//     built-in", run only if /usr/bin/printf exists too.
//
// Files the harness keeps between test processes (the printer binary, the
// seeded directory, HOME) live in one directory per user under
// [os.TempDir], named after their content, so that repeated runs reuse them
// instead of leaving a new copy behind each time. Tests must treat [Dir] and
// [Home] as read-only.
package shelltest

import (
	"fmt"
	"os"
	"strconv"
	"testing"
)

// RequireToolsEnv is the environment variable that turns a missing external
// tool (a shell, a locale, the Go toolchain that builds the printer) into a
// test failure instead of a skip. CI sets it to 1.
const RequireToolsEnv = "SHQ_REQUIRE_TOOLS"

// RequireTools reports whether SHQ_REQUIRE_TOOLS is set to a true value
// ("1", "true"; anything [strconv.ParseBool] accepts): a missing tool is then
// a failure, not a skip. It reads the environment on every call, so a test
// may change it with t.Setenv.
func RequireTools() bool {
	v, err := strconv.ParseBool(os.Getenv(RequireToolsEnv))
	return err == nil && v
}

// skipShort skips t under go test -short and reports whether it did, for a
// t (such as a test's fake) whose Skipf returns.
func skipShort(t testing.TB) bool {
	if !testing.Short() {
		return false
	}
	t.Helper()
	t.Skipf("shelltest: real shells do not run under -short")
	return true
}

// Missing reports that a tool the test needs is not available: it skips t
// with the reason, or fails it (t.Fatalf) when [RequireTools] is true. Like
// t.Skipf and t.Fatalf it does not return when t is a *testing.T or
// *testing.B.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if RequireTools() {
		t.Fatalf("shelltest: %s (required: %s=1)", msg, RequireToolsEnv)
		return
	}
	t.Skipf("shelltest: %s (set %s=1 to make this a failure)", msg, RequireToolsEnv)
}
