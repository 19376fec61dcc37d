package shelltest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// DefaultTimeout bounds one shell process started by [Shell.Run]; see
// [WithTimeout].
const DefaultTimeout = 20 * time.Second

// ErrTimeout is wrapped by [Result.Err] when the shell ran out of time and
// was killed.
var ErrTimeout = errors.New("shelltest: shell timed out")

// ErrScriptEncoding is wrapped by [Result.Err] when yash refused the script
// because a byte sequence in it is invalid in the locale's encoding (yash
// then runs an empty script and exits 0: without this error the run would
// look like one that made no calls). The design notes list it among the known shell limits.
var ErrScriptEncoding = errors.New("shelltest: yash cannot decode the script in this locale")

// An Option changes how [Shell.Run] and the functions built on it run a
// shell.
type Option func(*config)

type config struct {
	locale  string
	env     []string // KEY=value, applied after the defaults
	stdin   *string
	dir     string
	timeout time.Duration
	mark    string // SHQ_ARGV_MARK, for WordsBatch
}

func newConfig(opts []Option) config {
	c := config{locale: DefaultLocale, timeout: DefaultTimeout}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithLocale sets LC_ALL to name instead of [DefaultLocale]. The run calls
// [RequireLocale] first.
func WithLocale(name string) Option {
	return func(c *config) { c.locale = name }
}

// WithEnv sets an environment variable for the shell, replacing the
// harness's value if it sets one (PATH, HOME, LC_ALL, LANGUAGE,
// SHQ_ARGV_OUT). Use it to set ENV or BASH_ENV on purpose.
func WithEnv(key, value string) Option {
	return func(c *config) { c.env = append(c.env, key+"="+value) }
}

// WithStdin gives the shell s on standard input instead of /dev/null.
func WithStdin(s string) Option {
	return func(c *config) { c.stdin = &s }
}

// WithDir runs the shell in dir (typically from [Seed]) instead of [Dir].
func WithDir(dir string) Option {
	return func(c *config) { c.dir = dir }
}

// WithTimeout bounds the shell process by d instead of [DefaultTimeout].
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// Result is what one shell process did.
type Result struct {
	// Shell is the configuration's name and Locale the LC_ALL it ran with.
	Shell, Locale string
	// Script is the script the shell ran.
	Script string
	// Calls holds the argument vector (without argv[0]) of each call of
	// the printer, in order. It is empty, not nil, when there were none.
	Calls [][]string
	// Stdout and Stderr are what the shell wrote. The printer writes
	// nothing to either during Run.
	Stdout, Stderr []byte
	// ExitCode is the shell's exit status, or -1 if it did not exit
	// normally (a signal; Err then says which).
	ExitCode int
	// Err is non-nil when the run itself went wrong: the shell could not
	// start, was killed by a signal or timed out ([ErrTimeout]), yash
	// refused the script ([ErrScriptEncoding]), or the printer's records
	// were unreadable. A non-zero exit status is not an error.
	Err error
}

// OK reports whether the run was clean: no Err, exit status 0 and nothing
// on standard output or error (the printer writes to neither, so output
// means the script ran something else, or a shell complained).
func (r *Result) OK() bool {
	return r.Err == nil && r.ExitCode == 0 && len(r.Stdout) == 0 && len(r.Stderr) == 0
}

// String describes the run for a test message: shell, locale, exit status,
// calls, standard output and error, and the start of the script, with
// non-printable bytes escaped.
func (r *Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (LC_ALL=%s): exit %d", r.Shell, r.Locale, r.ExitCode)
	if r.Err != nil {
		fmt.Fprintf(&b, ", error: %v", r.Err)
	}
	fmt.Fprintf(&b, "\n\tcalls:  %s", FormatCalls(r.Calls))
	if len(r.Stdout) > 0 {
		fmt.Fprintf(&b, "\n\tstdout: %s", clip(string(r.Stdout), 2000))
	}
	if len(r.Stderr) > 0 {
		fmt.Fprintf(&b, "\n\tstderr: %s", clip(string(r.Stderr), 2000))
	}
	fmt.Fprintf(&b, "\n\tscript: %s", clip(r.Script, 500))
	return b.String()
}

// FormatCalls renders calls for a test message, each argument quoted with
// strconv.Quote so that empty arguments, spaces and invalid UTF-8 show.
func FormatCalls(calls [][]string) string {
	if len(calls) == 0 {
		return "(none)"
	}
	var parts []string
	for _, c := range calls {
		parts = append(parts, FormatWords(c))
	}
	return strings.Join(parts, " ")
}

// FormatWords renders one argument vector as [w1 w2 …] with each word
// quoted by strconv.Quote.
func FormatWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(w)
	}
	return "[" + strings.Join(q, " ") + "]"
}

// clip quotes s, keeping at most n bytes of it.
func clip(s string, n int) string {
	if len(s) <= n {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:n]) + fmt.Sprintf("… (%d bytes)", len(s))
}

// Run runs script with the shell and returns the calls the printer
// received. The script is shell source, any bytes but NUL (a NUL fails t);
// it calls the printer as `printargs WORD...`.
//
// The shell runs as `Path Args... -c script` in [Dir] (or [WithDir]) with
// standard input from /dev/null (or [WithStdin]), bounded by
// [DefaultTimeout] (or [WithTimeout]), in its own process group, which is
// killed when the shell exits so that nothing it started outlives it. The
// environment is clean: PATH (the printer's directory, then
// /usr/local/bin:/usr/bin:/bin), HOME ([Home]), LC_ALL ([DefaultLocale] or
// [WithLocale]), LANGUAGE=en (shell messages in English whatever the
// locale), the printer's SHQ_ARGV_OUT, for fish XDG_CONFIG_HOME,
// XDG_DATA_HOME and XDG_CACHE_HOME outside HOME, and what [WithEnv] adds. No
// ENV, no BASH_ENV.
//
// A missing shell or locale calls [Missing]; a failure of the harness
// itself fails t. What the shell did, errors included, is in the Result.
// Under go test -short it skips t instead of running the shell.
func (sh Shell) Run(t testing.TB, script string, opts ...Option) Result {
	t.Helper()
	if skipShort(t) {
		return Result{}
	}
	return sh.run(t, script, newConfig(opts))
}

func (sh Shell) run(t testing.TB, script string, c config) Result {
	t.Helper()
	sh.require(t)
	RequireLocale(t, c.locale)
	if i := strings.IndexByte(script, 0); i >= 0 {
		t.Fatalf("shelltest: %s: script has a NUL byte at offset %d; a shell script cannot", sh.Name, i)
	}
	bin := PrinterDir(t)
	home := Home(t)
	dir := c.dir
	if dir == "" {
		dir = Dir(t)
	}

	out, err := os.CreateTemp("", "shelltest-argv-")
	if err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	outPath := out.Name()
	out.Close()
	defer os.Remove(outPath)

	env := []string{
		"PATH=" + bin + string(filepath.ListSeparator) + "/usr/local/bin:/usr/bin:/bin",
		"HOME=" + home,
		"LC_ALL=" + c.locale,
		// yash and bash translate their messages; under LC_ALL=ja_JP.SJIS
		// a test log would show Shift_JIS bytes. LANGUAGE takes precedence
		// over LC_ALL for message catalogs only.
		"LANGUAGE=en",
		"SHQ_ARGV_OUT=" + outPath,
	}
	if sh.Family == "fish" {
		fs := fishState(t)
		env = append(env,
			"XDG_CONFIG_HOME="+filepath.Join(fs, "config"),
			"XDG_DATA_HOME="+filepath.Join(fs, "data"),
			"XDG_CACHE_HOME="+filepath.Join(fs, "cache"))
	}
	if c.mark != "" {
		env = append(env, "SHQ_ARGV_MARK="+c.mark)
	}
	env = mergeEnv(env, c.env)

	argv := sh.Argv(script)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if c.stdin != nil {
		cmd.Stdin = strings.NewReader(*c.stdin)
	}

	r := Result{Shell: sh.Name, Locale: c.locale, Script: script, ExitCode: -1}
	r.Err = runGroup(cmd, c.timeout)
	r.Stdout, r.Stderr = stdout.Bytes(), stderr.Bytes()
	if cmd.ProcessState != nil {
		r.ExitCode = cmd.ProcessState.ExitCode()
	}
	data, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatalf("shelltest: reading the printer's output: %v", err)
	}
	calls, perr := parseRecords(data)
	r.Calls = calls
	if r.Err == nil && perr != nil {
		r.Err = perr
	}
	if r.Err == nil && sh.Family == "yash" && bytes.Contains(r.Stderr, []byte("into a wide character string")) {
		r.Err = fmt.Errorf("%w %s (yash ran an empty script instead)", ErrScriptEncoding, c.locale)
	}
	return r
}

// mergeEnv returns base with each KEY=value of extra replacing the entry
// for KEY or appended.
func mergeEnv(base, extra []string) []string {
	out := append([]string(nil), base...)
	for _, kv := range extra {
		k, _, _ := strings.Cut(kv, "=")
		replaced := false
		for i, e := range out {
			if ek, _, _ := strings.Cut(e, "="); ek == k {
				out[i] = kv
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, kv)
		}
	}
	return out
}

// Words runs `printargs LINE` and returns the words the printer received.
// It fails t (Fatalf, with the shell's output) unless the run was clean
// ([Result.OK]) and the printer was called exactly once. Use [Shell.Run]
// for a line that is expected to fail.
func (sh Shell) Words(t testing.TB, line string, opts ...Option) ([]string, Result) {
	t.Helper()
	r := sh.Run(t, PrinterName+" "+line, opts...)
	if !r.OK() || len(r.Calls) != 1 {
		t.Fatalf("shelltest: %s: want one call of the printer and a clean exit; got %s", sh.Name, r.String())
	}
	return r.Calls[0], r
}
