package shq_test

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
	"pgregory.net/rapid"
)

// secret is put in refused values to check that no error message repeats
// any part of a value.
const secret = "SECRET7f3a"

// TestS3Motivating is the case the library exists for: `aws s3 ls $bucket`
// listed every bucket in the account for a blank bucket, and ran with extra
// options for "x --profile evil".
func TestS3Motivating(t *testing.T) {
	refused := []struct {
		bucket string
		want   error
	}{
		{" ", shq.ErrBlank},
		{"", shq.ErrEmpty},
		{"\t\n", shq.ErrBlank},
		{"\u200b", shq.ErrBlank},
		{"\u3000", shq.ErrBlank},
		{"x --profile evil", validate.ErrInvalid},
		{"-x", shq.ErrOptionLike},
		{"s3://", validate.ErrInvalid},
		{"$(id)", validate.ErrInvalid},
		{"/", validate.ErrInvalid},
		{"s3:///x", validate.ErrInvalid},
		{"my-bucket\x00", shq.ErrNUL},
		{"My-Bucket", validate.ErrInvalid},
		{strings.Repeat("a", 131072), shq.ErrTooLong},
	}
	for _, c := range refused {
		argv, err := shq.Command("aws", "s3", "ls").Arg(c.bucket, validate.S3Bucket).Argv()
		if argv != nil || !errors.Is(err, c.want) {
			t.Errorf("bucket %q: got %q, %v; want nil, %v", clip(c.bucket), argv, err, c.want)
		}
		var ae *shq.ArgError
		if !errors.As(err, &ae) || ae.Index != 3 || ae.Name != "" {
			t.Errorf("bucket %q: error %#v, want *ArgError for argument 3", clip(c.bucket), err)
		}
	}
	argv, err := shq.Command("aws", "s3", "ls").Arg("my-bucket", validate.S3Bucket).Argv()
	if err != nil || !slices.Equal(argv, []string{"aws", "s3", "ls", "my-bucket"}) {
		t.Errorf("my-bucket: got %q, %v", argv, err)
	}
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

// TestBuiltinRefusals checks each built-in refusal, with errors.Is and
// errors.As, for every way a value can come in, and that the checks run
// only after them.
func TestBuiltinRefusals(t *testing.T) {
	values := []struct {
		v    string
		want error
	}{
		{"", shq.ErrEmpty},
		{" ", shq.ErrBlank},
		{"\u00a0\u2800\ufeff", shq.ErrBlank},
		{"\x01", shq.ErrBlank},
		{"a\x00" + secret, shq.ErrNUL},
		{secret + strings.Repeat("x", 131071), shq.ErrTooLong},
		{"-" + secret, shq.ErrOptionLike},
		{"-", shq.ErrOptionLike},
		{"--", shq.ErrOptionLike},
	}
	called := false
	spy := func(v string) error {
		if v != "ok" {
			called = true
		}
		return nil
	}
	type way struct {
		name      string
		build     func(v string) *shq.Cmd
		index     int
		argName   string
		dashOK    bool // a leading '-' is accepted
		lengthAdd int  // bytes the word has beyond the value
	}
	ways := []way{
		{"Arg", func(v string) *shq.Cmd { return shq.Command("prog", "sub").Arg(v, spy) }, 2, "", false, 0},
		{"Args", func(v string) *shq.Cmd { return shq.Command("prog").Args([]string{"ok", v}, spy) }, 2, "", false, 0},
		{"ArgOrDash", func(v string) *shq.Cmd { return shq.Command("prog").ArgOrDash(v, spy) }, 1, "", false, 0},
		{"ArgAllowDash", func(v string) *shq.Cmd { return shq.Command("prog").ArgAllowDash(v, spy) }, 1, "", true, 0},
		{"Flag", func(v string) *shq.Cmd { return shq.Command("prog").Flag("--opt", v, spy) }, 1, "--opt", true, 6},
		{"FlagArg", func(v string) *shq.Cmd { return shq.Command("prog").FlagArg("--opt", v, spy) }, 2, "--opt", false, 0},
		{"after EndOptions", func(v string) *shq.Cmd { return shq.Command("prog").EndOptions().Arg(v, spy) }, 2, "", true, 0},
		{"after --", func(v string) *shq.Cmd { return shq.Command("prog", "--").Arg(v, spy) }, 2, "", true, 0},
		{"after EndOptionsWith", func(v string) *shq.Cmd {
			return shq.Command("git", "log").EndOptionsWith("--end-of-options").Arg(v, spy)
		}, 3, "", true, 0},
		{"template", func(v string) *shq.Cmd {
			return shq.MustParseTemplate("prog {v}").Check("v", spy).Fill(map[string]string{"v": v})
		}, 1, "{v}", false, 0},
		{"template glued", func(v string) *shq.Cmd {
			return shq.MustParseTemplate("prog x{v}").Check("v", spy).Fill(map[string]string{"v": v})
		}, 1, "{v}", true, 1},
	}
	for _, w := range ways {
		for _, c := range values {
			called = false
			want := c.want
			if w.dashOK && want == shq.ErrOptionLike {
				want = nil
			}
			if w.name == "ArgOrDash" && c.v == "-" {
				want = nil
			}
			cmd := w.build(c.v)
			argv, err := cmd.Argv()
			if want == nil {
				if err != nil {
					t.Errorf("%s(%q): %v", w.name, c.v, err)
				}
				continue
			}
			if argv != nil || !errors.Is(err, want) || !errors.Is(cmd.Err(), want) {
				t.Errorf("%s(%q): got %q, %v; want %v", w.name, clip(c.v), argv, err, want)
				continue
			}
			if called {
				t.Errorf("%s(%q): a check saw a value the built-in refusals stop", w.name, clip(c.v))
			}
			var ae *shq.ArgError
			if !errors.As(err, &ae) || ae.Index != w.index || ae.Name != w.argName || ae.Err != want {
				t.Errorf("%s(%q): got %#v, want ArgError{%d, %q, %v}", w.name, clip(c.v), err, w.index, w.argName, want)
			}
			for _, f := range []func() (string, error){cmd.Line, func() (string, error) { return cmd.LineFor(shq.Fish) }} {
				if line, err := f(); line != "" || !errors.Is(err, want) {
					t.Errorf("%s(%q): line %q, %v", w.name, clip(c.v), line, err)
				}
			}
			if ec, err := cmd.ExecCommand(context.Background()); ec != nil || !errors.Is(err, want) {
				t.Errorf("%s(%q): ExecCommand gave %v, %v", w.name, clip(c.v), ec, err)
			}
			if msg := err.Error(); strings.Contains(msg, secret) || !strings.HasPrefix(msg, "shq: ") {
				t.Errorf("%s: message %q", w.name, msg)
			}
			if s := cmd.String(); strings.Contains(s, secret) {
				t.Errorf("%s: String %q", w.name, s)
			}
		}
	}
}

// TestChecks checks that the caller's checks run in order after the
// built-in refusals, that the first error wins, and that a check's message
// appears only when it is known to hold no value.
func TestChecks(t *testing.T) {
	leaky := errors.New("bad value " + secret)
	leak := func(v string) error { return fmt.Errorf("value %q refused", v) }
	wrapped := func(v string) error { return fmt.Errorf("%q: %w", v, validate.S3Bucket(v)) }
	cases := []struct {
		name    string
		cmd     *shq.Cmd
		is      error
		as      bool   // errors.As finds a *validate.Error
		message string // the message, exactly
	}{
		{"validate.Error", shq.Command("aws", "s3", "ls").Arg(secret, validate.S3Bucket), validate.ErrInvalid, true,
			"shq: argument 3: validate: s3-bucket: byte 0 of 10: uppercase letter not allowed"},
		{"sentinel", shq.Command("p").Arg(secret, func(string) error { return leaky }), leaky, false,
			"shq: argument 1: refused by a check (its message is withheld because it may quote the value; see Unwrap)"},
		{"fmt", shq.Command("p").Flag("--x", secret, leak), nil, false,
			"shq: argument 1 (flag --x): refused by a check (its message is withheld because it may quote the value; see Unwrap)"},
		{"wrapped validate.Error", shq.Command("p").FlagArg("--x", secret, wrapped), validate.ErrInvalid, true,
			"shq: argument 2 (flag --x): refused by a check (its message is withheld because it may quote the value; see Unwrap)"},
		{"template", shq.MustParseTemplate("p s3://{bucket}").Check("bucket", validate.S3Bucket).
			Fill(map[string]string{"bucket": secret}), validate.ErrInvalid, true,
			"shq: argument 1 (placeholder {bucket}): validate: s3-bucket: byte 0 of 10: uppercase letter not allowed"},
		{"first wins", shq.Command("p").Arg(secret, nil, validate.NotBlank, validate.S3Bucket, func(string) error { return leaky }).Arg(""),
			validate.ErrInvalid, true, "shq: argument 1: validate: s3-bucket: byte 0 of 10: uppercase letter not allowed"},
	}
	for _, c := range cases {
		err := c.cmd.Err()
		var ae *shq.ArgError
		var ve *validate.Error
		switch {
		case err == nil || !errors.As(err, &ae):
			t.Errorf("%s: got %v, want an *ArgError", c.name, err)
		case c.is != nil && !errors.Is(err, c.is):
			t.Errorf("%s: %v is not %v", c.name, err, c.is)
		case errors.As(err, &ve) != c.as:
			t.Errorf("%s: errors.As *validate.Error = %v", c.name, !c.as)
		case err.Error() != c.message:
			t.Errorf("%s: message\n%q, want\n%q", c.name, err.Error(), c.message)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%s: message %q has the value", c.name, err)
		}
	}
}

func TestFlags(t *testing.T) {
	cases := []struct {
		name string
		cmd  *shq.Cmd
		want []string
		err  error
	}{
		{"glued", shq.Command("aws", "s3", "ls").Flag("--region", "eu-west-1"), []string{"aws", "s3", "ls", "--region=eu-west-1"}, nil},
		{"glued dash value", shq.Command("p").Flag("--x", "-y"), []string{"p", "--x=-y"}, nil},
		{"glued Go style", shq.Command("p").Flag("-name", "v"), []string{"p", "-name=v"}, nil},
		{"two words", shq.Command("p").FlagArg("-o", "out.txt"), []string{"p", "-o", "out.txt"}, nil},
		{"two words dash value", shq.Command("p").FlagArg("-o", "-y"), nil, shq.ErrOptionLike},
		{"grep -e", shq.Command("grep", "-e").ArgAllowDash("-v"), []string{"grep", "-e", "-v"}, nil},
		{"name without dash", shq.Command("p").Flag("region", "x"), nil, shq.ErrFlag},
		{"name with =", shq.Command("p").Flag("--region=", "x"), nil, shq.ErrFlag},
		{"name -", shq.Command("p").FlagArg("-", "x"), nil, shq.ErrFlag},
		{"name --", shq.Command("p").FlagArg("--", "x"), nil, shq.ErrFlag},
		{"after end", shq.Command("p").EndOptions().Flag("--x", "y"), nil, shq.ErrFlag},
		{"after fixed --", shq.Command("p", "--").FlagArg("--x", "y"), nil, shq.ErrFlag},
		{"word too long", shq.Command("p").Flag("--x", strings.Repeat("v", 131071-3)), nil, shq.ErrTooLong},
	}
	for _, c := range cases {
		got, err := c.cmd.Argv()
		if !errors.Is(err, c.err) || !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, got, err, c.want, c.err)
		}
	}
	if _, err := shq.Command("p").Flag("--x", strings.Repeat("v", 131071-4)).Argv(); err != nil {
		t.Errorf("word of 131071 bytes: %v", err)
	}
}

// TestEndOfOptions checks that option-shaped operands pass only after a
// marker, and that the marker is recognised in every form.
func TestEndOfOptions(t *testing.T) {
	cases := []struct {
		name string
		cmd  *shq.Cmd
		want []string
		err  error
	}{
		{"before", shq.Command("rm").Arg("-rf"), nil, shq.ErrOptionLike},
		{"EndOptions", shq.Command("rm").EndOptions().Arg("-rf"), []string{"rm", "--", "-rf"}, nil},
		{"fixed --", shq.Command("rm", "-f", "--").Args([]string{"-rf", "-"}), []string{"rm", "-f", "--", "-rf", "-"}, nil},
		{"Fixed --", shq.Command("rm").Fixed("-f", "--").Arg("-x"), []string{"rm", "-f", "--", "-x"}, nil},
		{"git", shq.Command("git", "log").EndOptionsWith("--end-of-options").Arg("--output=x").Fixed("--").Arg("-p"),
			[]string{"git", "log", "--end-of-options", "--output=x", "--", "-p"}, nil},
		{"other fixed word", shq.Command("git", "log", "--end-of-options").Arg("-x"), nil, shq.ErrOptionLike},
		{"ArgOrDash", shq.Command("cat").ArgOrDash("-").ArgOrDash("f"), []string{"cat", "-", "f"}, nil},
		{"ArgOrDash option", shq.Command("cat").ArgOrDash("-n"), nil, shq.ErrOptionLike},
		{"still blank after", shq.Command("rm").EndOptions().Arg(" "), nil, shq.ErrBlank},
	}
	for _, c := range cases {
		got, err := c.cmd.Argv()
		if !errors.Is(err, c.err) || !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q, %v; want %q, %v", c.name, got, err, c.want, c.err)
		}
	}
}

func TestProgramName(t *testing.T) {
	for _, c := range []struct {
		cmd *shq.Cmd
		err error
	}{
		{shq.Command(""), shq.ErrEmpty},
		{shq.Command(" "), shq.ErrBlank},
		{shq.Command("-x"), shq.ErrOptionLike},
		{shq.Command("a\x00b"), shq.ErrNUL},
		{shq.Command("p", "a\x00"), shq.ErrNUL},
		{shq.UncheckedCommand(""), shq.ErrEmpty},
		{shq.UncheckedCommand("-" + secret), shq.ErrOptionLike},
		{shq.UncheckedCommand(secret + "\x00"), shq.ErrNUL},
		{&shq.Cmd{}, shq.ErrEmpty},
		{new(shq.Cmd).Arg("ls"), shq.ErrEmpty}, // the value must not become the program
		{new(shq.Cmd).Fixed("ls"), shq.ErrEmpty},
		{new(shq.Cmd).ArgOrDash("-"), shq.ErrEmpty},
	} {
		argv, err := c.cmd.Argv()
		var ae *shq.ArgError
		if argv != nil || !errors.Is(err, c.err) || !errors.As(err, &ae) || ae.Index != 0 && c.err != shq.ErrNUL {
			t.Errorf("%v: got %q, %v; want %v", c.cmd, argv, err, c.err)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("message %q has the value", err)
		}
	}
	argv, err := shq.UncheckedCommand("/opt/my tool/bin/x", "run").Arg("a").Argv()
	if err != nil || !slices.Equal(argv, []string{"/opt/my tool/bin/x", "run", "a"}) {
		t.Errorf("UncheckedCommand: %q, %v", argv, err)
	}
	argv, err = shq.Command("p", "").Argv()
	if err != nil || !slices.Equal(argv, []string{"p", ""}) {
		t.Errorf("empty fixed word: %q, %v", argv, err)
	}
}

func TestLine(t *testing.T) {
	c := shq.Command("aws", "s3", "cp").Arg("it's a file").Arg("s3://b/k*").Flag("--region", "eu-west-1")
	for _, tc := range []struct {
		d    shq.Dialect
		want string
	}{
		{shq.POSIX, `aws s3 cp 'it'"'"'s a file' 's3://b/k*' '--region=eu-west-1'`},
		{shq.Bash, `aws s3 cp it\'s\ a\ file s3://b/k\* --region=eu-west-1`},
		{shq.Fish, `aws s3 cp 'it\'s a file' 's3://b/k*' '--region=eu-west-1'`},
	} {
		got, err := c.LineFor(tc.d)
		if err != nil || got != tc.want {
			t.Errorf("%v: got %q, %v; want %q", tc.d, got, err, tc.want)
		}
		split, err := shq.Split(got)
		if tc.d != shq.Fish && (err != nil || !slices.Equal(split, mustArgv(t, c))) {
			t.Errorf("%v: Split gives %q, %v", tc.d, split, err)
		}
	}
	if line, err := c.Line(); line != `aws s3 cp 'it'"'"'s a file' 's3://b/k*' '--region=eu-west-1'` || err != nil {
		t.Errorf("Line: %q, %v", line, err)
	}
	// A fish keyword cannot be a program name in fish, quoted or not.
	if _, err := shq.Command("begin").Arg("x").LineFor(shq.Fish); !errors.Is(err, shq.ErrKeyword) {
		t.Errorf("fish keyword: %v", err)
	}
	if _, err := shq.Command("p").LineFor(shq.Dialect(7)); !errors.Is(err, shq.ErrDialect) {
		t.Errorf("bad dialect: %v", err)
	}
	// The line limit: a ' between letters costs 5 bytes, so a value well
	// inside the argument limit can make a line past it.
	v := strings.Repeat("a'", 30000)
	c = shq.Command("p").Arg(v)
	if _, err := c.Argv(); err != nil {
		t.Fatal(err)
	}
	line, err := c.Line()
	var ae *shq.ArgError
	if line != "" || !errors.Is(err, shq.ErrTooLong) || errors.As(err, &ae) || !strings.HasPrefix(err.Error(), "shq: ") {
		t.Errorf("long line: %d bytes, %v", len(line), err)
	}
	if _, err := shq.Command("p").Arg(strings.Repeat("a", 131071-2)).Line(); err != nil {
		t.Errorf("line of 131071 bytes: %v", err)
	}
	if _, err := shq.Command("p").Arg(strings.Repeat("a", 131071-1)).Line(); !errors.Is(err, shq.ErrTooLong) {
		t.Errorf("line of 131072 bytes: %v", err)
	}
}

func mustArgv(t *testing.T, c *shq.Cmd) []string {
	t.Helper()
	argv, err := c.Argv()
	if err != nil {
		t.Fatal(err)
	}
	return argv
}

// TestArgvIsACopy checks that the caller cannot change the command through
// a returned slice.
func TestArgvIsACopy(t *testing.T) {
	c := shq.Command("p").Arg("a")
	argv := mustArgv(t, c)
	argv[1] = "; rm -rf /"
	_ = append(argv[:1], "x")
	if got := mustArgv(t, c); !slices.Equal(got, []string{"p", "a"}) {
		t.Errorf("got %q", got)
	}
}

// TestFirstErrorWins checks that later calls neither replace the first
// refusal nor run checks.
func TestFirstErrorWins(t *testing.T) {
	called := false
	c := shq.Command("p").Arg("").Arg("-x").Flag("nodash", "v").Arg("ok", func(string) error { called = true; return nil })
	var ae *shq.ArgError
	if err := c.Err(); !errors.As(err, &ae) || ae.Index != 1 || ae.Err != shq.ErrEmpty {
		t.Errorf("got %v", err)
	}
	if called {
		t.Error("a check ran after a refusal")
	}
}

func TestExecCommand(t *testing.T) {
	ec, err := shq.Command("echo", "-n").Arg("a b").ExecCommand(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"echo", "-n", "a b"}, ec.Args); diff != "" {
		t.Errorf("Args (-want +got):\n%s", diff)
	}
	if ec.Err != nil {
		shelltest.Missing(t, "echo not found: %v", ec.Err)
	}
	out, err := ec.Output()
	if err != nil || string(out) != "a b" {
		t.Errorf("got %q, %v", out, err)
	}
}

func TestString(t *testing.T) {
	c := shq.Command("aws", "s3", "ls").Arg("my bucket\x1b[2J").Flag("--region", "eu-west-1").Arg("x")
	want := `aws s3 ls "my bucket\x1b[2J" --region=eu-west-1 x`
	if got := c.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := shq.Command("p").Arg("").String(); got != "invalid command: shq: argument 1: empty value" {
		t.Errorf("got %q", got)
	}
}

// TestArgErrorMessages pins the message formats.
func TestArgErrorMessages(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&shq.ArgError{Index: 2, Err: shq.ErrEmpty}, "shq: argument 2: empty value"},
		{&shq.ArgError{Index: 1, Name: "--region", Err: shq.ErrBlank}, "shq: argument 1 (flag --region): blank value: only whitespace, control or invisible characters"},
		{&shq.ArgError{Index: 1, Name: "region", Err: shq.ErrFlag}, "shq: argument 1 (flag region): " + shq.ErrFlag.Error()},
		{&shq.ArgError{Index: 4, Name: "{bucket}", Err: shq.ErrOptionLike}, "shq: argument 4 (placeholder {bucket}): value starts with '-' and would be read as an option"},
		{&shq.ArgError{Index: -1, Err: shq.ErrUnknownPlaceholder}, "shq: value given for a name that is not a placeholder of the template"},
		{&shq.ArgError{Index: 1}, "shq: argument 1: refused"},
		{&shq.ArgError{Index: 1, Err: (*validate.Error)(nil)}, "shq: argument 1: refused by a check (its message is withheld because it may quote the value; see Unwrap)"},
		{&shq.SyntaxError{Op: "template", Offset: 3, Reason: "comment", Err: shq.ErrNotLiteral}, "shq: template: byte 3: comment"},
		{&shq.SyntaxError{Op: "template", Offset: -1, Reason: "x", Err: shq.ErrPlaceholder}, "shq: template: x"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// TestTrustedOnlyConstants type-checks calls to show that the parameters
// meant for program text take constants only: a string variable, which
// might hold data from outside, does not compile there.
func TestTrustedOnlyConstants(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the package from source")
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	for _, c := range []struct {
		call string
		ok   bool
	}{
		{`shq.Command("aws", "s3", "ls")`, true},
		{`shq.Command(constName, "s3" + "api")`, true},
		{`shq.Command("aws").Fixed("--").Flag("--region", v).FlagArg("-o", v).EndOptionsWith("--end-of-options")`, true},
		{`shq.MustParseTemplate("aws s3 ls {b}")`, true},
		{`shq.UncheckedCommand(v, "run")`, true},
		{`shq.UncheckedCommand(v).Err() == nil && shq.MustParseTemplate("x").Err() == nil`, true},
		{`shq.Command(v)`, false},
		{`shq.Command("aws", v)`, false},
		{`shq.Command(typedName)`, false},
		{`shq.Command("aws", words...)`, false},
		{`shq.Command("aws").Fixed(v)`, false},
		{`shq.Command("aws").Flag(v, v)`, false},
		{`shq.Command("aws").FlagArg(v, v)`, false},
		{`shq.Command("aws").EndOptionsWith(v)`, false},
		{`shq.MustParseTemplate("aws s3 ls " + v)`, false},
		{`shq.UncheckedCommand(v, v)`, false},
		{`func() error { _, err := shq.ParseTemplate("aws s3 ls {b}"); return err }()`, true},
		{`func() error { _, err := shq.ParseTemplate(constName + " {b}"); return err }()`, true},
		{`func() error { _, err := shq.ParseTemplate(v); return err }()`, false},
		{`shq.MustParseTemplate(v)`, false},
		{`func() error { _, err := shq.UncheckedTemplate(v + " {b}"); return err }()`, true},
	} {
		src := "package p\n" +
			"import \"github.com/safeshell/safeshell/shq\"\n" +
			"const constName = \"aws\"\n" +
			"const typedName string = \"aws\"\n" +
			"func f(v string, words []string) { _ = " + c.call + "; _, _ = shq.UncheckedTemplate(v) }\n"
		f, err := parser.ParseFile(fset, "p.go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		conf := types.Config{Importer: imp.(types.ImporterFrom)}
		_, err = conf.Check("p", fset, []*ast.File{f}, nil)
		if (err == nil) != c.ok {
			t.Errorf("%s: compiles %v, want %v (%v)", c.call, err == nil, c.ok, err)
		}
	}
}

// TestPropCmd checks, for random commands, that an accepted command's
// lines read back (Split) to its argv, and that a refused one reports an
// *ArgError whose message holds no part of any value.
func TestPropCmd(t *testing.T) {
	accepted, refused := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		c := genCmd().Draw(t, "cmd")
		argv, err := c.Argv()
		if err != nil {
			refused++
			var ae *shq.ArgError
			if !errors.As(err, &ae) || argv != nil {
				t.Fatalf("got %q, %#v", argv, err)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(c.String(), secret) {
				t.Fatalf("message %q has a value", err)
			}
			return
		}
		accepted++
		for _, d := range []shq.Dialect{shq.POSIX, shq.Bash} {
			line, err := c.LineFor(d)
			if err != nil {
				t.Fatalf("%v: %v", d, err)
			}
			back, err := shq.Split(line)
			if err != nil || !slices.Equal(back, argv) {
				t.Fatalf("%v: Split(%q) = %q, %v; want %q", d, line, back, err, argv)
			}
		}
	})
	t.Logf("%d generated commands accepted, %d refused", accepted, refused)
}

// TestPropTemplateParse checks ParseTemplate on random text: it never
// panics, and a template it accepts reads as Split reads it, placeholders
// aside, and fills to words that its lines read back to.
func TestPropTemplateParse(t *testing.T) {
	pieces := []string{
		"a", "b", " ", "\t", "\n", "\\\n", "'", "\"", "\\", "''", "'x y'", "\"x y\"", "\\ ",
		"$", "$x", "`", "(", ")", ";", "|", "&", "<", ">", "*", "?", "[", "]", "~", "#", "!",
		"^", "=", "{", "}", "{a}", "{b}", "{a,b}", "{A}", "-", "--", "é", "\u00a0", "\u202e",
		"\x00", "\r", "\x01", "\xff", "%", ":", "@", "if", "A=",
	}
	accepted, refused := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		src := "p " + strings.Join(rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 10).Draw(t, "pieces"), "")
		tpl, err := shq.UncheckedTemplate(src)
		if err != nil {
			refused++
			var te *shq.SyntaxError
			if !errors.As(err, &te) || te.Offset >= len(src) {
				t.Fatalf("%q: %#v", src, err)
			}
			return
		}
		accepted++
		if !strings.Contains(src, "{") {
			argv, err := tpl.Argv(nil)
			words, serr := shq.Split(src)
			if err != nil || serr != nil || !slices.Equal(argv, words) {
				t.Fatalf("%q: template %q, %v; Split %q, %v", src, argv, err, words, serr)
			}
		}
		values := make(map[string]string)
		for _, name := range tpl.Names() {
			values[name] = "v a'l"
		}
		c := tpl.Fill(values)
		argv, err := c.Argv()
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		line, err := c.Line()
		back, serr := shq.Split(line)
		if err != nil || serr != nil || !slices.Equal(back, argv) {
			t.Fatalf("%q: line %q reads back as %q, %v", src, line, back, serr)
		}
	})
	t.Logf("%d generated templates accepted, %d refused", accepted, refused)
}

// TestSharedSentinels checks that the builder and the validators share one
// ErrEmpty and one ErrBlank, so one errors.Is test catches both refusals,
// and that sentinels carry no package prefix while typed errors do.
func TestSharedSentinels(t *testing.T) {
	if shq.ErrEmpty != validate.ErrEmpty || shq.ErrBlank != validate.ErrBlank {
		t.Fatal("shq and validate have different empty or blank sentinels")
	}
	for _, c := range []struct {
		err  error
		want error
	}{
		{shq.Command("p").Arg("").Err(), validate.ErrEmpty},
		{shq.Command("p").Arg(" ").Err(), validate.ErrBlank},
		{shq.Command("p").Arg("x", validate.NotBlank).Err(), nil},
		{validate.NotBlank("\u3000"), shq.ErrBlank},
		{shq.Command("p").Arg("s3:///k", validate.S3URI).Err(), shq.ErrEmpty},
	} {
		if c.want == nil && c.err != nil || c.want != nil && !errors.Is(c.err, c.want) {
			t.Errorf("%v: want %v", c.err, c.want)
		}
	}
	for _, err := range []error{shq.ErrNUL, shq.ErrKeyword, shq.ErrDialect, shq.ErrNotLiteral,
		shq.ErrUnterminated, shq.ErrEmpty, shq.ErrBlank, shq.ErrOptionLike, shq.ErrTooLong, shq.ErrFlag,
		shq.ErrPlaceholder, shq.ErrMissingValue, shq.ErrUnknownPlaceholder, validate.ErrInvalid} {
		if msg := err.Error(); strings.HasPrefix(msg, "shq:") || strings.HasPrefix(msg, "validate:") {
			t.Errorf("sentinel %q has a package prefix", msg)
		}
	}
	_, qerr := shq.Quote("\x00")
	_, serr := shq.Split("$x")
	_, terr := shq.UncheckedTemplate("$x")
	for _, err := range []error{qerr, serr, terr, shq.Command("").Err()} {
		if !strings.HasPrefix(err.Error(), "shq: ") {
			t.Errorf("%q has no shq: prefix", err)
		}
	}
	if err := validate.Port(""); !strings.HasPrefix(err.Error(), "validate: ") {
		t.Errorf("%q has no validate: prefix", err)
	}
}
