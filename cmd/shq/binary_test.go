package main

import (
	"bytes"
	"context"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/safeshell/safeshell/internal/shelltest"
)

// buildShq builds this command as a static binary (CGO_ENABLED=0, as it
// ships in a Lambda layer) into a fresh temporary directory and returns its
// path.
func buildShq(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		shelltest.Missing(t, "no go command on PATH to build shq")
	}
	bin := filepath.Join(t.TempDir(), "shq")
	cmd := exec.Command(goBin, "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runBinary runs the binary with args and stdin and returns its exit code
// and outputs.
func runBinary(t *testing.T, bin string, env []string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() >= 0 {
		return ee.ExitCode(), out.String(), errOut.String()
	}
	if err != nil {
		t.Fatalf("running %s: %v", filepath.Base(bin), err)
	}
	return 0, out.String(), errOut.String()
}

// TestBinary builds the real shq and runs it: the case table of TestRun
// (exit codes, stdout, stderr), the seed's bucket values, and the Bash
// dialect against bash itself.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildShq(t)
	env := os.Environ()

	t.Run("static", func(t *testing.T) {
		if runtime.GOOS != "linux" {
			t.Skip("ELF check on Linux only")
		}
		f, err := elf.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Error("shq has a program interpreter: it is not a static binary")
			}
		}
		if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
			t.Errorf("shq needs shared libraries %q", libs)
		}
	})

	t.Run("cases", func(t *testing.T) {
		for _, c := range cliCases() {
			if slices.ContainsFunc(c.args, func(a string) bool { return strings.Contains(a, "\x00") || len(a) > 131071 }) {
				continue // an argument cannot carry a NUL byte, nor more than 131071 bytes
			}
			t.Run(c.name, func(t *testing.T) {
				code, stdout, stderr := runBinary(t, bin, env, c.stdin, c.args...)
				checkResult(t, c, code, stdout, stderr)
			})
		}
	})

	t.Run("version", func(t *testing.T) {
		code, stdout, _ := runBinary(t, bin, env, "", "--version")
		if code != 0 || !strings.HasPrefix(stdout, "shq ") || !strings.HasSuffix(stdout, "\n") {
			t.Errorf("--version: exit %d, stdout %q", code, stdout)
		}
	})

	t.Run("bash", func(t *testing.T) { testBashDialect(t, bin) })
}

// hazards is the corpus for the Bash dialect: the hazards of docs/design.md, every
// byte alone and inside a word, invalid UTF-8, and valid multi-byte text.
func hazards() []string {
	c := []string{
		"", " ", "a b", "  ", "a  b", "\t", "\n", "\r", "a\nb", "\r\n",
		"#", "a#", "#a", "a #b", "~", "~root", "a~", "a=~", "x=~/y", "a:~", "~/x",
		"=ls", "=nosuchcmd", "a=b", "NAME=value",
		"{a,b}", "{1..3}", "{", "}", "a{b", "a}b", "{}",
		"^", "a^b", "^a^b", "!", "a!", "!!", "!$", "!-1",
		"*", "?", "[", "]", "[a]", "a*", "a?b", "[!a]", "*(a)", "@(a)", "+(a)", "!(a)",
		"'", "\"", "\\", "\\\\", "\\n", "a\\", "it's", "a\\'b", "''", "\"\"",
		"$", "$x", "${x}", "$(id)", "`id`", "$((1+1))", "$'a'", "$\"a\"", "$'\\x41'",
		";", "&", "|", "<", ">", "(", ")", "&&", "||", ";;", "<<EOF", ">&2", "a;id", "a|id", "a&id",
		"-", "--", "-x", "--profile", "-oProxyCommand=x", "x --profile evil", "s3://", "s3:///x", "/",
		"%self", "%", "a,b", "a:b", "@", "+", "...", "a.b", "./x", "a/b",
		"if", "then", "fi", "[[", "]]", "time", "!", "coproc", "function",
		"\x1b[31mred", "\x15\r", "\x7f", "a\x01b",
	}
	for b := 1; b < 0x100; b++ {
		c = append(c, string([]byte{byte(b)}), "a"+string([]byte{byte(b)})+"b")
	}
	c = append(c,
		// Invalid UTF-8: bash prints these with octal escapes.
		"\xff", "a\xffb", "\xff\\", "\xff;id", "\xc3", "\xc3(", "\xe2\x82", "\xe2\x82;",
		"\xc0\x80", "\xc1\xbf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\x80\x80",
		// Valid multi-byte UTF-8: bash's output is not the contract here,
		// only the bytes bash reads back.
		"é", "€;id", "€\\", "€';echo X;#\xff", "é\xff", "\u200b", "\u2028", "\u00a0", "a\u00a0b",
		"日本語", "日本 語", "\U0001F600", "\u00ff", "ß'", "\u0085", "\u202e", "\ufeff",
		"\u3000", "\uff5e", "表", "ソ", "\u00e9\u0301", "€$(id)", "€`id`", "€{a,b}",
	)
	return c
}

// testBashDialect compares shq quote -d bash with bash's printf %q where
// docs/design.md promises identity, and evaluates shq's output in bash for the
// whole corpus, in both dialects that bash reads.
func testBashDialect(t *testing.T, bin string) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		shelltest.Missing(t, "bash is not installed")
	}
	corpus := hazards()
	env := append(os.Environ(), "LC_ALL=C.UTF-8")

	// bashRun runs a bash script with args, failing on any stderr (a
	// missing locale makes bash warn there).
	bashRun := func(t *testing.T, env []string, script string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bash, append([]string{"--norc", "--noprofile", "-c", script, "_"}, args...)...)
		cmd.Env = env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil || errOut.Len() > 0 {
			if strings.Contains(errOut.String(), "setlocale") {
				shelltest.Missing(t, "locale C.UTF-8 is not available: %s", errOut.String())
			}
			t.Fatalf("bash: %v: %s", err, errOut.String())
		}
		return out.String()
	}

	t.Run("printf-q", func(t *testing.T) {
		var same []string
		for _, s := range corpus {
			if !shelltest.HasMultibyte(s) {
				same = append(same, s)
			}
		}
		// One bash and one shq for the whole corpus; word by word only
		// to explain a difference.
		want := bashRun(t, env, `printf '%q ' "$@"`, same...)
		want = strings.TrimSuffix(want, " ") + "\n"
		code, got, stderr := runBinary(t, bin, env, "", append([]string{"quote", "-d", "bash", "--"}, same...)...)
		if code != 0 {
			t.Fatalf("shq quote -d bash: exit %d: %s", code, stderr)
		}
		if got == want {
			t.Logf("%d arguments without multi-byte UTF-8: identical to printf %%q", len(same))
			return
		}
		for _, s := range same {
			w := bashRun(t, env, `printf '%q' "$1"`, s)
			_, g, _ := runBinary(t, bin, env, "", "quote", "-d", "bash", "--", s)
			if g != w+"\n" {
				t.Errorf("shq quote -d bash -- %q = %q, printf %%q = %q", s, strings.TrimSuffix(g, "\n"), w)
			}
		}
	})

	for _, d := range []string{"bash", "posix"} {
		for _, loc := range []string{"C.UTF-8", "C"} {
			t.Run("eval/"+d+"/"+loc, func(t *testing.T) {
				env := append(os.Environ(), "LC_ALL="+loc)
				code, line, stderr := runBinary(t, bin, env, "", append([]string{"quote", "-d", d, "--"}, corpus...)...)
				if code != 0 {
					t.Fatalf("shq quote -d %s: exit %d: %s", d, code, stderr)
				}
				out := bashRun(t, env, `eval "set -- $1" && printf '%s\0' "$@"`, line)
				got := strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
				if len(got) != len(corpus) {
					t.Fatalf("bash read %d words back, want %d", len(got), len(corpus))
				}
				for i := range corpus {
					if got[i] != corpus[i] {
						t.Errorf("argument %d: %q reads back as %q", i, corpus[i], got[i])
					}
				}
			})
		}
	}
}
