package shq_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
	"pgregory.net/rapid"
)

// hazards are the pieces random values are made of, so that generated
// values hit what breaks quoting far more often than uniform bytes would.
var hazards = []string{
	" ", "\t", "\n", "\r", "'", "\"", "\\", "$", "`", "$(", "${", "$'", "*", "?", "[", "]",
	"~", "#", "=", "{", "}", "{a,b}", "^", "!", ";", "|", "&", "<", ">", "(", ")", "%", ":",
	"-", "--", "a", "x", "0", "if", "A=", "=ls", "%self", "\x01", "\x15", "\x1b", "\x7f", secret,
	"\x80", "\xa5\\", "\xc3", "\xff", "é", "€", "\u00a0", "\u200b", "\u2028", "\u202e",
}

// genValue draws a value, mostly from hazard pieces, sometimes from
// arbitrary bytes. The builder refuses some of them; the tests count how
// many.
func genValue() *rapid.Generator[string] {
	anyBytes := rapid.Map(rapid.SliceOfN(rapid.Byte(), 1, 3), func(b []byte) string { return string(b) })
	piece := rapid.OneOf(rapid.SampledFrom(hazards), rapid.SampledFrom(hazards), anyBytes)
	return rapid.Custom(func(t *rapid.T) string {
		return strings.Join(rapid.SliceOfN(piece, 1, 8).Draw(t, "pieces"), "")
	})
}

// genCmd draws a command for the argv printer: fixed words, operands,
// flags in both forms, and sometimes an end-of-options marker, with values
// from genValue.
func genCmd() *rapid.Generator[*shq.Cmd] {
	return rapid.Custom(func(t *rapid.T) *shq.Cmd {
		c := shq.Command("printargs", "fixed")
		for i := range rapid.IntRange(1, 5).Draw(t, "n") {
			v := genValue().Draw(t, fmt.Sprint("v", i))
			switch rapid.IntRange(0, 6).Draw(t, fmt.Sprint("kind", i)) {
			case 0:
				c.Flag("--opt", v)
			case 1:
				c.FlagArg("-o", v)
			case 2:
				c.ArgAllowDash(v)
			case 3:
				c.EndOptions().Arg(v)
			default:
				c.Arg(v)
			}
		}
		return c
	})
}

// shellCase is one accepted command and what it must give.
type shellCase struct {
	argv  []string
	lines [3]string // by dialect
}

// shellCases draws n commands and keeps the accepted ones.
func shellCases(t *testing.T, n int, gen *rapid.Generator[*shq.Cmd]) []shellCase {
	var cases []shellCase
	refused := 0
	for i := range n {
		c := gen.Example(i)
		argv, err := c.Argv()
		if err != nil {
			refused++
			continue
		}
		sc := shellCase{argv: argv}
		for _, d := range []shq.Dialect{shq.POSIX, shq.Bash, shq.Fish} {
			if sc.lines[d], err = c.LineFor(d); err != nil {
				t.Fatalf("argv %q accepted, LineFor(%v): %v", argv, d, err)
			}
		}
		cases = append(cases, sc)
	}
	t.Logf("%d generated commands accepted, %d refused", len(cases), refused)
	if len(cases) < n/4 {
		t.Fatalf("only %d of %d commands accepted: the generator is off", len(cases), n)
	}
	return cases
}

// runCases runs the lines of dialect d through sh and requires each to give
// exactly its argv. yash reads its script as text in its locale, so it gets
// the cases with invalid UTF-8 under Latin-1, where every byte is a
// character.
func runCases(t *testing.T, sh shelltest.Shell, d shq.Dialect, cases []shellCase) {
	t.Helper()
	if sh.Family == "yash" {
		var valid, invalid []shellCase
		for _, c := range cases {
			if utf8.ValidString(c.lines[d]) {
				valid = append(valid, c)
			} else {
				invalid = append(invalid, c)
			}
		}
		runBatch(t, sh, d, valid)
		runBatch(t, sh, d, invalid, shelltest.WithLocale(shelltest.LocaleLatin1))
		return
	}
	runBatch(t, sh, d, cases)
}

func runBatch(t *testing.T, sh shelltest.Shell, d shq.Dialect, cases []shellCase, opts ...shelltest.Option) {
	t.Helper()
	if len(cases) == 0 {
		return
	}
	lines := make([]string, len(cases))
	for i, c := range cases {
		lines[i] = c.lines[d]
	}
	failures := 0
	for i, r := range sh.WordsBatch(t, lines, opts...) {
		if r.Err == nil && slices.Equal(r.Words, cases[i].argv) {
			continue
		}
		t.Errorf("%s: line %q: got %q, %v; want %q", sh.Name, lines[i], r.Words, r.Err, cases[i].argv)
		if failures++; failures == 10 {
			t.Fatalf("%s: too many failures", sh.Name)
		}
	}
}

// TestShellCmd is the differential test of the builder: for random
// accepted commands, the line of each dialect, run by every shell of the
// dialect, gives exactly the argv that os/exec would pass.
func TestShellCmd(t *testing.T) {
	t.Parallel()
	cases := shellCases(t, 400, genCmd())
	testDialects(t, cases)
}

func testDialects(t *testing.T, cases []shellCase) {
	for _, sh := range shelltest.POSIXShells(t) {
		t.Run("posix/"+sh.Name, func(t *testing.T) {
			t.Parallel()
			runCases(t, sh, shq.POSIX, cases)
		})
	}
	for _, sh := range shelltest.BashShells(t) {
		t.Run("bash/"+sh.Name, func(t *testing.T) {
			t.Parallel()
			runCases(t, sh, shq.Bash, cases)
		})
	}
	t.Run("fish", func(t *testing.T) {
		t.Parallel()
		runCases(t, shelltest.FishShell(t), shq.Fish, cases)
	})
}

// shellTemplates are filled with random values by TestShellTemplate.
var shellTemplates = []*shq.Template{
	shq.MustParseTemplate("printargs {a}"),
	shq.MustParseTemplate("printargs s3://{a}/{b} --region {c}"),
	shq.MustParseTemplate("printargs --x={a} pre{b}post {c}{d}"),
	shq.MustParseTemplate(`printargs 'q {a}' "{b}"{a} x\ y{c} -- {d}`),
	shq.MustParseTemplate("printargs {a}{b}={c}{d} {a}:{a}").Optional("c"),
}

// TestShellTemplate is the differential test of templates: the line of a
// filled template, run by every shell of its dialect, gives exactly the
// template's argv.
func TestShellTemplate(t *testing.T) {
	t.Parallel()
	gen := rapid.Custom(func(t *rapid.T) *shq.Cmd {
		tpl := rapid.SampledFrom(shellTemplates).Draw(t, "template")
		values := make(map[string]string)
		for _, name := range tpl.Names() {
			values[name] = genValue().Draw(t, name)
		}
		return tpl.Fill(values)
	})
	cases := shellCases(t, 300, gen)
	testDialects(t, cases)
}

// TestShellTemplateLiteral checks ParseTemplate's reading of literal words
// against bash's: a template without placeholders that ParseTemplate
// accepts gives, run by bash as it is, the words ParseTemplate found.
func TestShellTemplateLiteral(t *testing.T) {
	t.Parallel()
	pieces := []string{
		"a", "b", " ", "  ", "\t", "\\\n", "'", "\"", "\\", "''", "\"\"", "'x y'", "\"x y\"",
		"\\ ", "\\'", "\\\"", "\\\\", "\"\\\\\"", "\"\\$\"", "\"\\`\"", "\"\\a\"", "\"\\\n\"",
		"#", "=", "-", "--", "é", "\u00a0", "\u2028", "%", ":", ",", "@", "+", "\\*", "'*'",
		"\\{", "\\}", "'{x}'", "\\~", "\\#", "\\\r", "'\r'", "\\é",
	}
	gen := rapid.Custom(func(t *rapid.T) string {
		return "printargs " + strings.Join(rapid.SliceOfN(rapid.SampledFrom(pieces), 1, 8).Draw(t, "pieces"), "")
	})
	var lines []string
	var want [][]string
	refused := 0
	for i := range 400 {
		src := gen.Example(i)
		tpl, err := shq.UncheckedTemplate(src)
		if err != nil {
			refused++
			continue
		}
		argv, err := tpl.Argv(nil)
		if errors.Is(err, shq.ErrMissingValue) {
			// The pieces made an unquoted {x}: a placeholder, rightly.
			refused++
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		// The bash line is the template itself, run as the printer's
		// arguments: the words bash reads are the argv, "printargs"
		// included.
		lines = append(lines, src)
		want = append(want, argv)
		// Split, the library's other reader of literal words, agrees.
		if words, err := shq.Split(src); err != nil || !slices.Equal(words, argv) {
			t.Errorf("%q: template gives %q, Split %q, %v", src, argv, words, err)
		}
	}
	t.Logf("%d templates accepted, %d refused", len(lines), refused)
	for _, name := range []string{"bash", "bash-posix"} {
		sh := shelltest.ShellNamed(t, name)
		for i, r := range sh.WordsBatch(t, lines) {
			if r.Err != nil || !slices.Equal(r.Words, want[i]) {
				t.Errorf("%s: template %q: got %q, %v; want %q", name, lines[i], r.Words, r.Err, want[i])
			}
		}
	}
}
