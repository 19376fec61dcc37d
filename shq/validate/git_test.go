package validate_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq/validate"
)

// requireTool returns the path of an external tool, or calls
// shelltest.Missing (a skip, or a failure under SHQ_REQUIRE_TOOLS=1).
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		shelltest.Missing(t, "%s not found: %v", name, err)
	}
	return path
}

// refTokens are the pieces names are built from, biased toward what git's
// rules are about: periods, slashes, @{, .lock, leading dashes, controls,
// the forbidden characters, HEAD, @, and bytes from 0x80 up.
var refTokens = []string{
	"a", "b", "main", "x1", "refs/heads/", "HEAD", "@", "@{", "{", "}", ".", "..", "/", "//",
	".lock", "lock", "-", "--", "~", "^", ":", "?", "*", "[", "]", "\\", " ", "\t", "\n",
	"\x01", "\x1f", "\x7f", "é", "\xff", "\u202e", "+", "_", "=", "!", "#", "$", "'", "\"",
	"%", "&", "(", ")", ",", ";", "<", ">", "`", "|", "0", "@}", "a.", ".a",
}

func genRefNames(n int) []string {
	r := rand.New(rand.NewPCG(1402, 2039)) // fixed seed: the same names every run
	seen := map[string]bool{}
	var names []string
	add := func(s string) {
		if !seen[s] && !strings.Contains(s, "\x00") {
			seen[s] = true
			names = append(names, s)
		}
	}
	for _, c := range []string{"git-ref", "git-branch"} {
		for _, v := range append(append([]string{}, caseTable[c].valid...), caseTable[c].invalid...) {
			add(v)
		}
	}
	// git's own t1402-check-ref-format.sh vectors, spelled as names.
	for _, v := range []string{
		"heads/foo", "foo", "foo/bar/baz", "refs///heads/foo", "heads/foo/", "/heads/foo",
		"///heads/foo", "./foo", "./foo/bar", "foo/./bar", "foo/bar/.", ".refs/foo", "refs/heads/foo.",
		"heads/foo..bar", "heads/foo?bar", "foo./bar", "heads/foo.lock", "heads///foo.lock",
		"foo.lock/bar", "foo.lock///bar", "heads/foo@bar", "heads/v@{ation", "heads/foo\\bar",
		"heads/foo\t", "heads/foo\x7f", "foo/*", "*/foo", "foo/*/bar", "*", "foo/*/*", "*/foo/*",
		"*/*/foo", "foo/bar*/baz", "foo/bar*", "foo*/bar", "foo*bar", "@", "@/foo", "foo/@",
		"foo@{1}", "@{-1}", "-foo", "refs/heads/-foo", "--",
	} {
		add(v)
	}
	for len(names) < n {
		var b strings.Builder
		for k := r.IntN(6) + 1; k > 0; k-- {
			b.WriteString(refTokens[r.IntN(len(refTokens))])
		}
		add(b.String())
	}
	return names
}

// gitVerdicts runs `git check-ref-format <mode> NAME` for every name, many
// names per shell process and several processes at once, and reports
// which exited 0. A name starting with '-' gets a usage message and exit
// 129 from git: that counts as refused.
func gitVerdicts(t *testing.T, git, dir, mode string, names []string) []bool {
	t.Helper()
	ok := make([]bool, len(names))
	const chunk = 250
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	var firstErr error
	for start := 0; start < len(names); start += chunk {
		end := min(start+chunk, len(names))
		wg.Add(1)
		sem <- struct{}{}
		go func(start, end int) {
			defer wg.Done()
			defer func() { <-sem }()
			script := `git=$1; mode=$2; shift 2
for n; do "$git" check-ref-format $mode "$n" >/dev/null 2>&1; echo $?; done`
			args := append([]string{"-c", script, "sh", git, mode}, names[start:end]...)
			cmd := exec.Command("sh", args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "HOME="+dir)
			out, err := cmd.Output()
			lines := strings.Fields(string(out))
			mu.Lock()
			defer mu.Unlock()
			if err != nil || len(lines) != end-start {
				if firstErr == nil {
					firstErr = fmt.Errorf("git batch: %v, %d results for %d names", err, len(lines), end-start)
				}
				return
			}
			for i, l := range lines {
				ok[start+i] = l == "0"
			}
		}(start, end)
	}
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	return ok
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// TestGitAgreement compares GitRef with `git check-ref-format
// --allow-onelevel` and GitBranch with `git check-ref-format --branch` on
// the same generated names. The only disagreements allowed are the
// documented ones: bytes from 0x80 up (git accepts them, the validators
// accept ASCII only) and, for branches, the name "@". It runs git through
// sh for every name, so -short skips it.
func TestGitAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("runs git check-ref-format on 3000 names")
	}
	git := requireTool(t, "git")
	dir := t.TempDir()
	var stderr bytes.Buffer
	initCmd := exec.Command(git, "init", "-q", dir)
	initCmd.Stderr = &stderr
	if err := initCmd.Run(); err != nil {
		t.Fatalf("git init: %v: %s", err, stderr.String())
	}
	names := genRefNames(3000)
	for _, m := range []struct {
		mode  string
		check func(string) error
		extra func(string) bool // a deliberate difference beyond non-ASCII
	}{
		{"--allow-onelevel", validate.GitRef, func(string) bool { return false }},
		{"--branch", validate.GitBranch, func(s string) bool { return s == "@" }},
	} {
		gitOK := gitVerdicts(t, git, dir, m.mode, names)
		var agree, deliberate, atSign, unexpected, accepted, gitAccepted int
		for i, n := range names {
			ours := m.check(n) == nil
			if ours {
				accepted++
			}
			if gitOK[i] {
				gitAccepted++
			}
			switch {
			case ours == gitOK[i]:
				agree++
			case !ours && gitOK[i] && hasNonASCII(n):
				deliberate++
			case !ours && gitOK[i] && m.extra(n):
				atSign++
			default:
				unexpected++
				if unexpected <= 20 {
					t.Errorf("git check-ref-format %s %q: git ok=%v, ours ok=%v (%v)", m.mode, n, gitOK[i], ours, m.check(n))
				}
			}
		}
		t.Logf("git check-ref-format %s: %d names, git accepts %d, the validator %d; %d agree; deliberate: %d non-ASCII, %d the name @; %d unexpected",
			m.mode, len(names), gitAccepted, accepted, agree, deliberate, atSign, unexpected)
	}
}
