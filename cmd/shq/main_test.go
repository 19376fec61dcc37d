package main

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// A cliCase is one command line and what shq must do with it. The same table
// drives run in the test process (TestRun) and the built binary
// (TestBinary).
type cliCase struct {
	name   string
	args   []string
	stdin  string
	code   int
	stdout string // exact, unless anyOut
	anyOut bool   // stdout is not checked (help texts)
	// stderr holds substrings the error output must contain; an empty list
	// means stderr must be empty.
	stderr []string
}

// seedBuckets are the bucket values of the original bug report (docs/design.md,
// "The problem") and their fate under shq check s3-bucket.
var seedBuckets = []struct {
	value string
	ok    bool
}{
	{" ", false},                // unquoted: zero words, aws s3 ls lists every bucket
	{"", false},                 // quoted: aws s3 ls "" lists every bucket
	{"s3://", false},            // quoted: aws s3 ls "s3://" lists every bucket
	{"my-bucket", true},         // the intended use
	{"x --profile evil", false}, // unquoted: three words, two of them options
	{"-x", false},               // option-shaped
}

// cliCases returns the case table: every subcommand, its options, the
// seed's bucket values and values that start with -.
func cliCases() []cliCase {
	cases := []cliCase{
		// Top level.
		{name: "no-args", args: nil, code: 2, stderr: []string{"shq: missing command", "; see shq help\n"}},
		{name: "help", args: []string{"--help"}, code: 0, anyOut: true},
		{name: "help-short", args: []string{"-h"}, code: 0, anyOut: true},
		{name: "version", args: []string{"--version"}, code: 0, anyOut: true},
		{name: "unknown-command", args: []string{"frob"}, code: 2, stderr: []string{"unknown command", "; see shq help\n"}},
		{name: "help-word", args: []string{"help"}, anyOut: true},
		{name: "help-quote", args: []string{"help", "quote"}, stdout: quoteUsage},
		{name: "help-split", args: []string{"help", "split"}, stdout: splitUsage},
		{name: "help-check", args: []string{"help", "check"}, stdout: checkUsage},
		{name: "help-unknown", args: []string{"help", "frob"}, code: 2, stderr: []string{"unknown command", "; see shq help\n"}},
		{name: "help-two", args: []string{"help", "quote", "split"}, code: 2, stderr: []string{"at most one"}},

		// quote.
		{name: "quote-one", args: []string{"quote", "--", "a"}, stdout: "a\n"},
		{name: "quote-none", args: []string{"quote"}, stdout: "\n"},
		{name: "quote-none-dashdash", args: []string{"quote", "--"}, stdout: "\n"},
		{name: "quote-posix", args: []string{"quote", "--", "", "a b", "it's", "$(id)"},
			stdout: `'' 'a b' 'it'"'"'s' '$(id)'` + "\n"},
		{name: "quote-no-first-word-rules", args: []string{"quote", "--", "a=b", "if"}, stdout: "'a=b' if\n"},
		{name: "quote-dash-values", args: []string{"quote", "--", "-x", "--profile", "-", "--"},
			stdout: "-x --profile - --\n"},
		{name: "quote-lone-dash-is-operand", args: []string{"quote", "-", "-x"}, stdout: "- -x\n"},
		{name: "quote-options-end-at-operand", args: []string{"quote", "a", "-d", "bash"}, stdout: "a -d bash\n"},
		{name: "quote-bash", args: []string{"quote", "-d", "bash", "--", "a b", "\x01", "it's"},
			stdout: `a\ b $'\001' it\'s` + "\n"},
		{name: "quote-bash-long", args: []string{"quote", "--dialect=bash", "--", "a b"}, stdout: `a\ b` + "\n"},
		{name: "quote-bash-long-sep", args: []string{"quote", "--dialect", "bash", "--", "a b"}, stdout: `a\ b` + "\n"},
		{name: "quote-fish", args: []string{"quote", "-d", "fish", "--", "a b", "it's"},
			stdout: mustQuote(shq.Fish, "a b") + " " + mustQuote(shq.Fish, "it's") + "\n"},
		{name: "quote-login", args: []string{"quote", "-d", "login", "--", "a b", "it's", "a!b"},
			stdout: mustQuote(shq.Login, "a b") + " " + mustQuote(shq.Login, "it's") + " " + mustQuote(shq.Login, "a!b") + "\n"},
		{name: "quote-login-newline", args: []string{"quote", "-d", "login", "--", "ok", "a\nb"}, code: 1,
			stderr: []string{"argument 2: byte 1: newline"}},
		{name: "quote-unknown-dialect", args: []string{"quote", "-d", "zsh", "--", "a"}, code: 2,
			stderr: []string{"unknown dialect", "; see shq help quote\n"}},
		{name: "quote-dialect-needs-value", args: []string{"quote", "-d"}, code: 2, stderr: []string{"needs a value"}},
		{name: "quote-unknown-option", args: []string{"quote", "-x"}, code: 2,
			stderr: []string{"argument 1 is not an option", "put -- before"}},
		{name: "quote-help", args: []string{"quote", "--help"}, anyOut: true},
		{name: "quote-help-short", args: []string{"quote", "-h"}, anyOut: true},

		// split.
		{name: "split-arg", args: []string{"split", "--", `a 'b c' "d e" $'f\tg' h\ i`},
			stdout: `["a","b c","d e","f\tg","h i"]` + "\n"},
		{name: "split-no-dashdash", args: []string{"split", "a b"}, stdout: `["a","b"]` + "\n"},
		{name: "split-dash-words", args: []string{"split", "--", "-x --profile -"}, stdout: `["-x","--profile","-"]` + "\n"},
		{name: "split-empty-arg", args: []string{"split", "--", ""}, stdout: "[]\n"},
		{name: "split-blank-arg", args: []string{"split", "--", " \t "}, stdout: "[]\n"},
		{name: "split-no-html-escape", args: []string{"split", "--", `'<a&b>'`}, stdout: `["<a&b>"]` + "\n"},
		{name: "split-stdin", args: []string{"split"}, stdin: "a 'b c'\n", stdout: `["a","b c"]` + "\n"},
		{name: "split-stdin-no-newline", args: []string{"split"}, stdin: "a b", stdout: `["a","b"]` + "\n"},
		{name: "split-stdin-empty", args: []string{"split"}, stdin: "", stdout: "[]\n"},
		{name: "split-stdin-only-newline", args: []string{"split"}, stdin: "\n", stdout: "[]\n"},
		{name: "split-stdin-quoted-newline", args: []string{"split"}, stdin: "'a\nb'\n", stdout: `["a\nb"]` + "\n"},
		{name: "split-stdin-two-newlines", args: []string{"split"}, stdin: "a b\n\n", code: 1, stderr: []string{"byte 3"}},
		{name: "split-stdin-two-lines", args: []string{"split"}, stdin: "a\nb\n", code: 1, stderr: []string{"byte 1"}},
		{name: "split-stdin-crlf", args: []string{"split"}, stdin: "a\r\n", code: 1, stderr: []string{"byte 1"}},
		{name: "split-nul", args: []string{"split", "-0", "--", `a 'b c' ''`}, stdout: "a\x00b c\x00\x00"},
		{name: "split-nul-long", args: []string{"split", "--null"}, stdin: "a\n", stdout: "a\x00"},
		{name: "split-nul-empty", args: []string{"split", "-0", "--", ""}, stdout: ""},
		{name: "split-nul-invalid-utf8", args: []string{"split", "-0", "--", `$'\xff' a`}, stdout: "\xff\x00a\x00"},
		{name: "split-json-invalid-utf8", args: []string{"split", "--", `a $'b\xff'`}, code: 1,
			stderr: []string{"word 2: byte 1:", "use -0"}},
		{name: "split-expansion", args: []string{"split", "--", "ls $HOME"}, code: 1,
			stderr: []string{"byte 3:", "expansion"}},
		{name: "split-command-substitution", args: []string{"split", "--", "a $(id)"}, code: 1, stderr: []string{"byte 2:"}},
		{name: "split-backtick", args: []string{"split", "--", "a `id`"}, code: 1, stderr: []string{"byte 2:"}},
		{name: "split-glob", args: []string{"split", "--", "rm *"}, code: 1, stderr: []string{"byte 3:"}},
		{name: "split-operator", args: []string{"split", "--", "a;id"}, code: 1, stderr: []string{"byte 1:"}},
		{name: "split-unterminated", args: []string{"split", "--", "a 'b"}, code: 1, stderr: []string{"byte 2:"}},
		{name: "split-nul-byte", args: []string{"split", "--", "a\x00"}, code: 1, stderr: []string{"byte 1:"}},
		{name: "split-too-many", args: []string{"split", "--", "a", "b"}, code: 2, stderr: []string{"more than one LINE"}},
		{name: "split-unknown-option", args: []string{"split", "-x"}, code: 2, stderr: []string{"not an option", "; see shq help split\n"}},
		{name: "split-help", args: []string{"split", "--help"}, anyOut: true},

		// check.
		{name: "check-list", args: []string{"check", "-l"}, stdout: string(listRules())},
		{name: "check-list-long", args: []string{"check", "--list"}, stdout: string(listRules())},
		{name: "check-list-operands", args: []string{"check", "-l", "s3-bucket"}, code: 2, stderr: []string{"no operands"}},
		{name: "check-no-rule", args: []string{"check"}, code: 2, stderr: []string{"missing RULE", "; see shq help check\n"}},
		{name: "check-no-value", args: []string{"check", "s3-bucket"}, code: 2, stderr: []string{"no VALUE"}},
		{name: "check-no-value-dashdash", args: []string{"check", "s3-bucket", "--"}, code: 2, stderr: []string{"no VALUE"}},
		{name: "check-unknown-rule", args: []string{"check", "s3-bukket", "--", "my-bucket"}, code: 2,
			stderr: []string{"shq check: unknown rule (shq check -l lists the rules); see shq help check\n"}},
		{name: "check-unknown-second-rule", args: []string{"check", "s3-bucket,s3-bukket", "--", "my-bucket"}, code: 2,
			stderr: []string{"rule 2 of 2 in RULE is unknown"}},
		{name: "check-empty-rule-in-list", args: []string{"check", "s3-bucket,", "--", "my-bucket"}, code: 2,
			stderr: []string{"rule 2 of 2 in RULE is unknown"}},
		{name: "check-spaced-rule-list", args: []string{"check", "s3-bucket, not-blank", "--", "my-bucket"}, code: 2,
			stderr: []string{"rule 2 of 2 in RULE is unknown"}},
		{name: "check-two-rules", args: []string{"check", "s3-bucket,not-blank", "--", "my-bucket"}},
		{name: "check-two-rules-second-refuses", args: []string{"check", "s3-key,s3-key-strict", "--", "a/b", "a b"}, code: 1,
			stderr: []string{"value 2 of 2: validate: s3-key-strict:"}},
		{name: "check-two-rules-first-refuses", args: []string{"check", "s3-key-strict,s3-key", "--", "a b"}, code: 1,
			stderr: []string{"value 1 of 1: validate: s3-key-strict:"}},
		// The builder's refusals come before any rule, and a rule that
		// admits a leading '-' does not lift the option check.
		{name: "check-dash-refused", args: []string{"check", "lambda-function", "--", "-x"}, code: 1,
			stderr: []string{"value 1 of 1: value starts with '-'", "--allow-dash"}},
		{name: "check-dash-allowed", args: []string{"check", "--allow-dash", "lambda-function", "--", "-x"}},
		{name: "check-dash-s3-key", args: []string{"check", "s3-key", "--", "-rf"}, code: 1, stderr: []string{"value starts with '-'"}},
		{name: "check-dash-s3-key-allowed", args: []string{"check", "--allow-dash", "s3-key", "--", "-rf"}},
		{name: "check-dash-allowed-rule-refuses", args: []string{"check", "--allow-dash", "s3-bucket", "--", "-x"}, code: 1,
			stderr: []string{"value 1 of 1: validate: s3-bucket:"}},
		{name: "check-dash-allowed-lone-dash", args: []string{"check", "--allow-dash", "no-leading-dash", "--", "-"}, code: 1,
			stderr: []string{"validate: no-leading-dash:"}},
		{name: "check-blank-not-empty", args: []string{"check", "not-empty", "--", " "}, code: 1,
			stderr: []string{"value 1 of 1: blank value"}},
		{name: "check-invisible-blank", args: []string{"check", "--allow-dash", "s3-key", "--", "\u200b\u00a0"}, code: 1,
			stderr: []string{"value 1 of 1: blank value"}},
		{name: "check-empty-prefix", args: []string{"check", "s3-key-prefix", "--", ""}, code: 1,
			stderr: []string{"value 1 of 1: empty value"}},
		{name: "check-nul", args: []string{"check", "s3-key", "--", "a\x00b"}, code: 1,
			stderr: []string{"value 1 of 1: NUL byte"}},
		{name: "check-too-long", args: []string{"check", "not-empty", "--", strings.Repeat("a", 131072)}, code: 1,
			stderr: []string{"value 1 of 1: longer than 131071 bytes"}},
		{name: "check-longest", args: []string{"check", "not-empty", "--", strings.Repeat("a", 131071)}},
		{name: "check-allow-dash-after-rule", args: []string{"check", "s3-key", "--allow-dash", "--", "-x"}, code: 1,
			stderr: []string{"value 1 of 3: value starts with '-'", "value 3 of 3: value starts with '-'"}},
		{name: "check-no-dashdash", args: []string{"check", "s3-bucket", "my-bucket"}},
		{name: "check-dashdash-first", args: []string{"check", "--", "s3-bucket", "my-bucket"}},
		{name: "check-dashdash-twice", args: []string{"check", "--", "s3-bucket", "--", "my-bucket"}},
		{name: "check-dashdash-value", args: []string{"check", "s3-bucket", "--", "--"}, code: 1,
			stderr: []string{"value 1 of 1"}},
		{name: "check-many", args: []string{"check", "s3-bucket", "--", "my-bucket", "-x", "other-bucket", " ", "My"}, code: 1,
			stderr: []string{"value 2 of 5: value starts with '-'", "value 4 of 5: blank value", "value 5 of 5: validate: s3-bucket:"}},
		{name: "check-region", args: []string{"check", "aws-region", "--", "us-east-1"}},
		{name: "check-region-bad", args: []string{"check", "aws-region", "--", "US_EAST"}, code: 1,
			stderr: []string{"aws-region"}},
		{name: "check-unknown-option", args: []string{"check", "-x"}, code: 2, stderr: []string{"not an option", "; see shq help check\n"}},
		{name: "check-help", args: []string{"check", "--help"}, anyOut: true},
	}
	for _, b := range seedBuckets {
		c := cliCase{
			name: "check-seed-" + strings.NewReplacer(" ", "_", "/", "_").Replace(b.value),
			args: []string{"check", "s3-bucket", "--", b.value},
		}
		if !b.ok {
			c.code = 1
			c.stderr = []string{"shq check: value 1 of 1: "}
		}
		cases = append(cases, c)
	}
	return cases
}

// mustQuote returns d.Quote(s), for expected outputs in the table.
func mustQuote(d shq.Dialect, s string) string {
	q, err := d.Quote(s)
	if err != nil {
		panic(err)
	}
	return q
}

// checkResult compares what one run of shq did with what c expects.
func checkResult(t *testing.T, c cliCase, code int, stdout, stderr string) {
	t.Helper()
	if code != c.code {
		t.Errorf("exit code %d, want %d (stderr %q)", code, c.code, stderr)
	}
	if !c.anyOut && stdout != c.stdout {
		t.Errorf("stdout %q, want %q", stdout, c.stdout)
	}
	if c.anyOut && c.code == 0 && stdout == "" {
		t.Errorf("stdout is empty")
	}
	if len(c.stderr) == 0 && stderr != "" {
		t.Errorf("stderr %q, want none", stderr)
	}
	for _, want := range c.stderr {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not contain %q", stderr, want)
		}
	}
	if c.code != 0 && stdout != "" {
		t.Errorf("stdout %q on failure, want none", stdout)
	}
	// A usage error is one line that says where the help is.
	if c.code == exitUsage && (strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") ||
		!strings.Contains(stderr, "; see shq help")) {
		t.Errorf("usage error %q: want one line ending in \"; see shq help …\"", stderr)
	}
}

// TestRun runs the case table through run, in this process.
func TestRun(t *testing.T) {
	for _, c := range cliCases() {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(c.args, strings.NewReader(c.stdin), &stdout, &stderr)
			checkResult(t, c, code, stdout.String(), stderr.String())
		})
	}
}

// TestNoValueInMessages runs every refusal with a marker in the value and
// requires that no message repeats any of it.
func TestNoValueInMessages(t *testing.T) {
	const m = "SeCrEt" // a marker no message of shq contains
	for _, args := range [][]string{
		{m},
		{"-" + m},
		{"quote", "-" + m},
		{"quote", "--" + m + "=x"},
		{"quote", "-d", m, "--", "a"},
		{"quote", "--dialect=" + m, "--", "a"},
		{"quote", "--", m + "\x00" + m},
		{"quote", "--help=" + m},
		{"split", "--", m + " $" + m},
		{"split", "--", m + " '" + m},
		{"split", "--", "$'" + m + `\xff'`},
		{"split", "--", m, m},
		{"split", "-" + m},
		{"check", m, "--", m},
		{"check", "-" + m},
		{"check", "-l", m},
		{"check", "s3-bucket", "--", m},
		{"check", "s3-bucket", "--", m + " --profile evil"},
		{"check", "s3-bucket", "--", "-" + m},
		{"check", "s3-uri", "--", "s3://" + m},
		{"check", "hostname", "--", m + "\n"},
		{"check", "aws-region", "--", m},
		{"check", "not-blank", "--", " "},
		{"check", "s3-bucket," + m, "--", "x"},
		{"check", m + ",s3-bucket", "--", "x"},
		{"check", "--allow-dash", m},
		{"check", "--allow-dash", "s3-bucket", "--", "-" + m},
		{"check", "not-empty", "--", m + "\x00"},
		{"check", "not-empty", "--", strings.Repeat(m, 30000)},
		{"check", "not-empty", "--", "\u200b"},
		{"help", m},
		{"help", "check", m},
	} {
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, &stderr)
		if code == 0 {
			t.Errorf("shq %q: exit 0, want a refusal", args)
		}
		if strings.Contains(strings.ToLower(stderr.String()), strings.ToLower(m)) {
			t.Errorf("shq %q: message repeats the value: %q", args, stderr.String())
		}
		if stdout.Len() != 0 {
			t.Errorf("shq %q: stdout %q on failure", args, stdout.String())
		}
	}
	// The same through stdin.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"split"}, strings.NewReader(m+" `"+m+"`\n"), &stdout, &stderr); code != 1 {
		t.Errorf("split from stdin: exit %d, want 1", code)
	}
	if strings.Contains(stderr.String(), m) {
		t.Errorf("split from stdin: message repeats the value: %q", stderr.String())
	}
}

// TestCheckEveryRule runs shq check with every rule of validate.Rules on a
// few values, with and without --allow-dash, and requires the verdict of the
// command builder: its own refusals, re-derived here from the documented
// list, then the rule itself.
func TestCheckEveryRule(t *testing.T) {
	rules := validate.Rules()
	if len(rules) == 0 {
		t.Fatal("validate.Rules() is empty")
	}
	values := []string{"", " ", "\u200b", "-x", "-", "--", "-rf", "a", "a b", "my-bucket", "us-east-1", "123456789012", "main", "1.2.3",
		"a\x00", strings.Repeat("a", 131072)}
	refusedCount := [2]int{}
	for _, r := range rules {
		for i, v := range values {
			for di, dash := range []bool{false, true} {
				args := []string{"check", r.Name, "--", v}
				if dash {
					args = []string{"check", "--allow-dash", r.Name, "--", v}
				}
				var stdout, stderr bytes.Buffer
				code := run(args, nil, &stdout, &stderr)
				builderRefuses := v == "" || validate.IsBlank(v) || strings.IndexByte(v, 0) >= 0 ||
					len(v) > 131071 || (!dash && v[0] == '-')
				want := exitOK
				if builderRefuses || r.Check(v) != nil {
					want = exitRefused
					refusedCount[di]++
				}
				if code != want {
					t.Errorf("check %s (allow dash %v), value %d: exit %d, want %d (%s)", r.Name, dash, i, code, want, stderr.String())
				}
			}
		}
	}
	// --allow-dash must change some verdicts, and only toward accepting.
	if refusedCount[1] >= refusedCount[0] {
		t.Errorf("refusals: %d without --allow-dash, %d with it; want fewer with it", refusedCount[0], refusedCount[1])
	}
}

// TestListRules checks that shq check -l lists exactly validate.Rules, in
// order, one a line.
func TestListRules(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(string(listRules()), "\n"), "\n")
	rules := validate.Rules()
	if len(lines) != len(rules) {
		t.Fatalf("%d lines, want %d", len(lines), len(rules))
	}
	for i, r := range rules {
		name, doc, _ := strings.Cut(lines[i], " ")
		if name != r.Name || strings.TrimSpace(doc) != r.Doc {
			t.Errorf("line %d = %q, want rule %q with its doc", i, lines[i], r.Name)
		}
	}
}

// failingReader fails every read.
type failingReader struct{}

// Read fails.
func (failingReader) Read([]byte) (int, error) { return 0, errors.New("device on fire") }

// failingWriter fails every write.
type failingWriter struct{}

// Write fails.
func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestIOErrors checks that a failing stdin or stdout is exit status 1 with
// a message.
func TestIOErrors(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"split"}, failingReader{}, io.Discard, &stderr); code != exitRefused {
		t.Errorf("split with a failing stdin: exit %d, want %d", code, exitRefused)
	}
	for _, args := range [][]string{{"quote", "a"}, {"split", "a"}, {"check", "-l"}, {"--help"}} {
		stderr.Reset()
		if code := run(args, strings.NewReader(""), failingWriter{}, &stderr); code != exitRefused {
			t.Errorf("shq %q with a failing stdout: exit %d, want %d", args, code, exitRefused)
		}
		if !strings.Contains(stderr.String(), "writing standard output") {
			t.Errorf("shq %q with a failing stdout: stderr %q", args, stderr.String())
		}
	}
}

// TestSplitInputLimit checks the bound on what shq split reads from stdin.
func TestSplitInputLimit(t *testing.T) {
	big := strings.Repeat("a", maxSplitInput+1)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"split"}, strings.NewReader(big), &stdout, &stderr); code != exitRefused {
		t.Errorf("split of %d bytes: exit %d, want %d", len(big), code, exitRefused)
	}
	// Exactly at the limit with the newline that is removed is fine.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"split", "-0"}, strings.NewReader(big[:maxSplitInput-1]+"\n"), &stdout, &stderr); code != exitOK {
		t.Errorf("split of %d bytes: exit %d, want 0 (%s)", maxSplitInput, code, stderr.String())
	}
}
