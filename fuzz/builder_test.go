package fuzz

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
	"pgregory.net/rapid"
)

// maxArg is the longest argument Linux takes, and the builder's limit for
// one value and for one line (docs/design.md).
const maxArg = 131071

// FuzzBuilder builds a command from four untrusted values through every
// kind of argument (Arg, Flag, FlagArg, ArgOrDash, Arg after "--", Arg with
// a validator), predicts from the rules of docs/design.md which value is refused and
// why, and for an accepted command requires that its lines read back, by
// Split and mvdan.cc/sh (and real shells with SHQ_FUZZ_SHELLS=1, which run
// each line as a whole script), as exactly its argv.
func FuzzBuilder(f *testing.F) {
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		argv, lines := checkBuilder(t, a, b, c, d)
		if argv != nil && shellsEnabled() && len(lines[shq.POSIX]) <= maxShellInput {
			checkLinesShells(t, argv, lines)
		}
	})
}

// TestBuilderProperty runs checkBuilder on values drawn from hazard
// pieces, and reports how many commands were accepted.
func TestBuilderProperty(t *testing.T) {
	var n counts
	rapid.Check(t, func(rt *rapid.T) { propBuilder(rt, &n) })
	n.Log(t, "Builder")
}

// FuzzBuilderRapid is TestBuilderProperty driven by the fuzzer's bytes.
func FuzzBuilderRapid(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(func(rt *rapid.T) { propBuilder(rt, nil) }))
}

func propBuilder(t *rapid.T, n *counts) {
	// a must pass validate.S3Bucket for the command to be accepted, so it
	// is mostly drawn as a bucket name.
	bucket := rapid.StringMatching(`[a-z0-9][a-z0-9.-]{1,20}[a-z0-9]`)
	v := rapid.OneOf(genString(), bucket, bucket, rapid.SampledFrom([]string{"-", "--x", "my-bucket", " ", ""})).
		Draw(t, "a")
	b := genString().Draw(t, "b")
	c := genString().Draw(t, "c")
	d := rapid.OneOf(genString(), rapid.Just("-")).Draw(t, "d")
	argv, _ := checkBuilder(t, v, b, c, d)
	n.Add(argv != nil)
}

// builtin is the model of the builder's built-in refusals, in their
// documented order: empty, blank, NUL, too long, option-shaped.
func builtin(v string, dash bool) error {
	switch {
	case v == "":
		return shq.ErrEmpty
	case validate.IsBlank(v):
		return shq.ErrBlank
	case strings.IndexByte(v, 0) >= 0:
		return shq.ErrNUL
	case len(v) > maxArg:
		return shq.ErrTooLong
	case !dash && v[0] == '-':
		return shq.ErrOptionLike
	}
	return nil
}

// checkBuilder builds
//
//	printargs s3 cp A --region=B --profile C D -- A E
//
// where E is A under validate.S3Bucket, and checks the result against the
// model. It returns the argv and the line of each dialect when accepted.
func checkBuilder(t tb, a, b, c, d string) ([]string, map[shq.Dialect]string) {
	cmd := shq.Command("printargs", "s3", "cp").
		Arg(a).
		Flag("--region", b).
		FlagArg("--profile", c).
		ArgOrDash(d).
		EndOptions().
		Arg(a).
		Arg(a, validate.S3Bucket)

	// The model: the first refusal wins, with the position the value
	// would have had.
	type step struct {
		index int
		name  string
		err   error
	}
	var want *step
	try := func(index int, name string, err error) {
		if want == nil && err != nil {
			want = &step{index, name, err}
		}
	}
	try(3, "", builtin(a, false))
	flagErr := builtin(b, true)
	if flagErr == nil && len("--region=")+len(b) > maxArg {
		flagErr = shq.ErrTooLong
	}
	try(4, "--region", flagErr)
	try(6, "--profile", builtin(c, false))
	if d != "-" {
		try(7, "", builtin(d, false))
	}
	try(9, "", builtin(a, true))
	if e := builtin(a, true); e == nil {
		try(10, "", validate.S3Bucket(a))
	}
	wantArgv := []string{"printargs", "s3", "cp", a, "--region=" + b, "--profile", c, d, "--", a, a}

	argv, err := cmd.Argv()
	values := []string{a, b, c, d}
	if want != nil {
		var ae *shq.ArgError
		var ve, wantVE *validate.Error
		sameReason := errors.Is(err, want.err) ||
			errors.As(want.err, &wantVE) && errors.As(err, &ve) && ve.Rule == wantVE.Rule && ve.Offset == wantVE.Offset
		if argv != nil || !errors.As(err, &ae) || ae.Index != want.index || ae.Name != want.name || !sameReason {
			t.Fatalf("builder(%q, %q, %q, %q) = %q, %#v; want a refusal at %d (%q): %v", a, b, c, d, argv, err, want.index, want.name, want.err)
		}
		for _, dl := range dialects {
			if line, err2 := cmd.LineFor(dl); line != "" || err2 == nil {
				t.Fatalf("builder(%q, …): Argv refuses (%v) but %v.LineFor gives %q, %v", a, err, dl, line, err2)
			}
		}
		noValueInError(t, "builder", err, values...)
		if s := cmd.String(); !strings.HasPrefix(s, "invalid command: ") {
			t.Fatalf("builder(%q, …).String() = %q for a refused command", a, s)
		}
		return nil, nil
	}
	if err != nil || !slices.Equal(argv, wantArgv) {
		t.Fatalf("builder(%q, %q, %q, %q) = %q, %v; want %q", a, b, c, d, argv, err, wantArgv)
	}
	lines := checkLines(t, "builder", cmd.LineFor, argv)
	if s := cmd.String(); strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		t.Fatalf("builder(%q, …).String() = %q has a raw control byte", a, s)
	}
	return argv, lines
}

// checkLines checks the line of every dialect for an accepted argv: POSIX
// and Bash lines split back to argv and mean argv to mvdan.cc/sh; the Fish
// line is Fish.Join(argv); a line longer than the limit is refused with
// ErrTooLong.
func checkLines(t tb, what string, lineFor func(shq.Dialect) (string, error), argv []string) map[shq.Dialect]string {
	lines := map[shq.Dialect]string{}
	for _, d := range dialects {
		line, err := lineFor(d)
		join, jerr := d.Join(argv...)
		if d == shq.Fish && slices.Contains(fishKeywords, argv[0]) {
			// Fish reads a quoted keyword as a keyword: no Fish line.
			if !errors.Is(jerr, shq.ErrKeyword) || !errors.Is(err, shq.ErrKeyword) || line != "" {
				t.Fatalf("%s: Fish line for program %q = %q, %v; want ErrKeyword", what, argv[0], line, err)
			}
			continue
		}
		if jerr != nil {
			t.Fatalf("%s: %v.Join(%q): %v", what, d, argv, jerr)
		}
		if len(join) > maxArg {
			if !errors.Is(err, shq.ErrTooLong) || line != "" {
				t.Fatalf("%s: %v line of %d bytes: got %d bytes, %v; want ErrTooLong", what, d, len(join), len(line), err)
			}
			continue
		}
		if err != nil || line != join {
			t.Fatalf("%s: %v line = %q, %v; want %v.Join(argv) = %q", what, d, line, err, d, join)
		}
		lines[d] = line
		if d == shq.Fish {
			continue
		}
		words, err := shq.Split(line)
		if err != nil || !slices.Equal(words, argv) {
			t.Fatalf("%s: Split(%v line %q) = %q, %v; want %q", what, d, line, words, err, argv)
		}
		valid := true
		for _, w := range argv {
			valid = valid && utf8.ValidString(w)
		}
		if valid {
			checkMvdanLine(t, what+" "+d.String(), line, argv)
		}
	}
	return lines
}

// checkLinesShells runs each dialect's line in the dialect's shells. When
// the program is printargs, the line is the whole script (its first word
// in command position) and printargs must receive argv[1:]; otherwise the
// line is given to printargs as arguments, and it must receive argv.
func checkLinesShells(t *testing.T, argv []string, lines map[shq.Dialect]string) {
	t.Helper()
	prefix, want := "", argv[1:]
	if argv[0] != shelltest.PrinterName {
		prefix, want = shelltest.PrinterName+" ", argv
	}
	run := func(sh shelltest.Shell, line string, opts ...shelltest.Option) {
		t.Helper()
		if !sh.Available() {
			shelltest.Missing(t, "shell %s is not installed", sh.Name)
		}
		r := sh.Run(t, prefix+line, opts...)
		if errors.Is(r.Err, shelltest.ErrScriptEncoding) {
			return
		}
		if !r.OK() || len(r.Calls) != 1 || !slices.Equal(r.Calls[0], want) {
			t.Fatalf("%s: script %q should run printargs with %q; got %s", sh.Name, prefix+line, want, r.String())
		}
	}
	if line, ok := lines[shq.POSIX]; ok {
		for _, sh := range shelltest.POSIXShells(t) {
			var opts []shelltest.Option
			if sh.Family == "yash" {
				opts = append(opts, shelltest.WithLocale(shelltest.LocaleLatin1))
			}
			run(sh, line, opts...)
		}
	}
	if line, ok := lines[shq.Bash]; ok {
		for _, sh := range shelltest.BashShells(t) {
			run(sh, line)
		}
	}
	if line, ok := lines[shq.Fish]; ok {
		run(shelltest.FishShell(t), line)
	}
}

// noValueInError requires that err's message shows none of the values (as
// far as that can be told: short values may occur in any text).
func noValueInError(t tb, what string, err error, values ...string) {
	msg := err.Error()
	for _, v := range values {
		if len(v) >= 12 && strings.Contains(msg, v) {
			t.Fatalf("%s: error %q shows a value", what, msg)
		}
	}
	if strings.ContainsFunc(msg, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		t.Fatalf("%s: error %q has a raw control byte", what, msg)
	}
}

// placeholderRE finds the names of placeholders in a template. It also
// finds {x} inside quotes, which is literal text; fillTemplate drops names
// the template refuses.
var placeholderRE = regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)

// FuzzTemplate parses a fuzzed template and, when it is accepted, fills it
// with two fuzzed values (alternating over its placeholders) and with two
// sets of plain values. Whatever the values, the program and every word
// without a placeholder stay as written, the word count does not change,
// a word that starts with a placeholder never starts with '-' before a
// trusted "--", and the lines read back as the argv.
func FuzzTemplate(f *testing.F) {
	f.Fuzz(func(t *testing.T, tpl, a, b string) {
		argv, lines := checkTemplate(t, tpl, a, b)
		if argv != nil && shellsEnabled() && len(lines[shq.POSIX]) <= maxShellInput {
			checkLinesShells(t, argv, lines)
		}
	})
}

// TestTemplateProperty runs checkTemplate on templates and values drawn
// from hazard pieces.
func TestTemplateProperty(t *testing.T) {
	var n counts
	pieces := []string{" ", "printargs", "x", "-", "--", "--end-of-options", "=", "/", ":", "s3://", "{a}", "{b}", "{c}",
		"{", "}", "{A}", "'", "\"", "'{a}'", "\"{b}\"", "$x", "*", "#", "~", ";", "\\", "\n", "é", "if", "a=b"}
	rapid.Check(t, func(rt *rapid.T) {
		parts := rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 10).Draw(rt, "template")
		tpl := "printargs " + strings.Join(parts, "")
		argv, _ := checkTemplate(rt, tpl, genString().Draw(rt, "a"), genString().Draw(rt, "b"))
		n.Add(argv != nil)
	})
	n.Log(t, "Template")
}

// fillTemplate fills t with one value per name, cycling through values,
// dropping names the template says it does not have.
func fillTemplate(t *shq.Template, names []string, values ...string) (map[string]string, *shq.Cmd) {
	for {
		m := map[string]string{}
		for i, n := range names {
			m[n] = values[i%len(values)]
		}
		cmd := t.Fill(m)
		err := cmd.Err()
		if !errors.Is(err, shq.ErrUnknownPlaceholder) || len(names) == 0 {
			return m, cmd
		}
		// Find a name that is not a placeholder: filling with it alone
		// reports it (the other names are then missing, which is
		// checked after the unknown names).
		drop := -1
		for i, n := range names {
			if errors.Is(t.Fill(map[string]string{n: "x"}).Err(), shq.ErrUnknownPlaceholder) {
				drop = i
				break
			}
		}
		if drop < 0 {
			return m, cmd
		}
		names = slices.Delete(slices.Clone(names), drop, drop+1)
	}
}

// checkTemplate parses tpl and checks a fill with values a and b against
// fills with plain values. It returns the argv and lines when accepted.
func checkTemplate(t tb, tpl, a, b string) ([]string, map[shq.Dialect]string) {
	tm, err := shq.UncheckedTemplate(tpl)
	if err != nil {
		var te *shq.SyntaxError
		if tm != nil || !errors.As(err, &te) {
			t.Fatalf("ParseTemplate(%q) = %v, %v; want nil and a *SyntaxError", tpl, tm, err)
		}
		return nil, nil
	}
	var names []string
	for _, m := range placeholderRE.FindAllStringSubmatch(tpl, -1) {
		if !slices.Contains(names, m[1]) {
			names = append(names, m[1])
		}
	}
	_, plain1 := fillTemplate(tm, names, "qz1", "qz2")
	_, plain2 := fillTemplate(tm, names, "wy3", "wy4")
	argv1, err1 := plain1.Argv()
	argv2, err2 := plain2.Argv()
	if err1 != nil || err2 != nil {
		// A template whose placeholders cannot be told apart by a regular
		// expression (a name inside quotes and unquoted too); nothing to
		// compare against.
		return nil, nil
	}
	if len(argv1) != len(argv2) || argv1[0] != argv2[0] {
		t.Fatalf("ParseTemplate(%q): plain fills differ in shape: %q and %q", tpl, argv1, argv2)
	}
	vals, cmd := fillTemplate(tm, names, a, b)
	argv, err := cmd.Argv()
	if err != nil {
		var ae *shq.ArgError
		if !errors.As(err, &ae) {
			t.Fatalf("template %q with %q, %q: %v is not an *ArgError", tpl, a, b, err)
		}
		// Every built-in refusal is one of the model's, for some value.
		refused := false
		for _, v := range []string{a, b} {
			if e := builtin(v, true); e != nil && errors.Is(err, e) {
				refused = true
			}
		}
		if !refused && !errors.Is(err, shq.ErrOptionLike) && !errors.Is(err, shq.ErrBlank) && !errors.Is(err, shq.ErrTooLong) {
			t.Fatalf("template %q with %q, %q: unexpected refusal %v", tpl, a, b, err)
		}
		noValueInError(t, "template", err, a, b)
		return nil, nil
	}
	for i, w := range argv {
		if strings.IndexByte(w, 0) >= 0 {
			t.Fatalf("template %q with %q, %q: argv word %d %q holds a NUL byte", tpl, a, b, i, w)
		}
	}
	// No value can be refused that the model refuses outright.
	for _, v := range vals {
		if e := builtin(v, true); e != nil {
			t.Fatalf("template %q accepts the value %q, which the built-in refusals stop (%v)", tpl, v, e)
		}
	}
	if len(argv) != len(argv1) || argv[0] != argv1[0] {
		t.Fatalf("template %q with %q, %q: argv %q; plain fill %q: the shape changed", tpl, a, b, argv, argv1)
	}
	endOpts := false
	for i := range argv {
		if argv1[i] == argv2[i] && argv[i] != argv1[i] {
			t.Fatalf("template %q with %q, %q: word %d %q should stay %q", tpl, a, b, i, argv[i], argv1[i])
		}
		startsWithValue := strings.HasPrefix(argv1[i], "qz") && strings.HasPrefix(argv2[i], "wy")
		if startsWithValue && !endOpts && strings.HasPrefix(argv[i], "-") {
			t.Fatalf("template %q with %q, %q: word %d %q starts with '-' from a value", tpl, a, b, i, argv[i])
		}
		if i > 0 && argv1[i] == "--" && argv2[i] == "--" {
			endOpts = true
		}
	}
	lineFor := func(d shq.Dialect) (string, error) { return tm.LineFor(d, vals) }
	return argv, checkLines(t, "template", lineFor, argv)
}
