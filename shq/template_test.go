package shq_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
	"pgregory.net/rapid"
)

// TestTemplateRefused checks that every construct a shell would expand or
// interpret is refused when the template is parsed, with its offset.
func TestTemplateRefused(t *testing.T) {
	cases := []struct {
		tpl string
		off int
		err error
	}{
		{"echo $x", 5, shq.ErrNotLiteral},
		{"echo ${x}", 5, shq.ErrNotLiteral},
		{"echo $(id)", 5, shq.ErrNotLiteral},
		{"echo $((1+2))", 5, shq.ErrNotLiteral},
		{"echo `id`", 5, shq.ErrNotLiteral},
		{"echo \"a $x\"", 8, shq.ErrNotLiteral},
		{"echo \"a `id`\"", 8, shq.ErrNotLiteral},
		{"echo $'a'", 5, shq.ErrNotLiteral},
		{"echo $\"a\"", 5, shq.ErrNotLiteral},
		{"a;b", 1, shq.ErrNotLiteral},
		{"a ;", 2, shq.ErrNotLiteral},
		{"a|b", 1, shq.ErrNotLiteral},
		{"a && b", 2, shq.ErrNotLiteral},
		{"a || b", 2, shq.ErrNotLiteral},
		{"a &", 2, shq.ErrNotLiteral},
		{"a\nb", 1, shq.ErrNotLiteral},
		{"ls x\n", 4, shq.ErrNotLiteral},
		{">f", 0, shq.ErrNotLiteral},
		{"a >f", 2, shq.ErrNotLiteral},
		{"a 2>f", 2, shq.ErrNotLiteral},
		{"a <f", 2, shq.ErrNotLiteral},
		{"a <<<x", 2, shq.ErrNotLiteral},
		{"a <(b)", 2, shq.ErrNotLiteral}, // the < starts the construct, as Split reports it
		{"ls *", 3, shq.ErrNotLiteral},
		{"ls a?", 4, shq.ErrNotLiteral},
		{"ls [ab]", 3, shq.ErrNotLiteral},
		{"ls @(a)", 4, shq.ErrNotLiteral},
		{"ls ~", 3, shq.ErrNotLiteral},
		{"ls ~/x", 3, shq.ErrNotLiteral},
		{"ls a=~", 5, shq.ErrNotLiteral},
		{"ls # c", 3, shq.ErrNotLiteral},
		{"# c", 0, shq.ErrNotLiteral},
		{"ls x #c", 5, shq.ErrNotLiteral},
		{"echo {a,b}", 5, shq.ErrNotLiteral},
		{"echo {1..3}", 5, shq.ErrNotLiteral},
		{"echo {", 5, shq.ErrNotLiteral},
		{"echo }", 5, shq.ErrNotLiteral},
		{"echo a}", 6, shq.ErrNotLiteral},
		{"echo {A}", 5, shq.ErrNotLiteral},
		{"echo {1x}", 5, shq.ErrNotLiteral},
		{"echo {x-y}", 5, shq.ErrNotLiteral},
		{"echo {}", 5, shq.ErrNotLiteral},
		{"echo { x }", 5, shq.ErrNotLiteral},
		{"echo \\{x}", 8, shq.ErrNotLiteral},
		{"{prog} x", 0, shq.ErrPlaceholder},
		{"/usr/bin/{prog} x", 9, shq.ErrPlaceholder},
		{"echo 'a", 5, shq.ErrUnterminated},
		{"echo \"a", 5, shq.ErrUnterminated},
		{"echo a\\", 6, shq.ErrNotLiteral},
		{"echo !", 5, shq.ErrNotLiteral},
		{"echo \"hi!\"", 8, shq.ErrNotLiteral},
		{"echo ^x", 5, shq.ErrNotLiteral},
		{"echo (a)", 5, shq.ErrNotLiteral},
		{"x=1 cmd", 0, shq.ErrNotLiteral},
		{"x=1", 0, shq.ErrNotLiteral},
		{"! cmd", 0, shq.ErrNotLiteral},
		{"if true; then a; fi", 0, shq.ErrNotLiteral},
		{"{ a; }", 0, shq.ErrNotLiteral},
		{"(a)", 0, shq.ErrNotLiteral},
		{"time a", 0, shq.ErrNotLiteral},
		{"export a", 0, shq.ErrNotLiteral},
		{"[[ a ]]", 0, shq.ErrNotLiteral},
		{"end x", 0, shq.ErrNotLiteral},
		{"foreach x", 0, shq.ErrNotLiteral},
		{"f() { a; }", 1, shq.ErrNotLiteral},
		{"echo a\x00b", 6, shq.ErrNUL},
		{"echo 'a\x00b'", 7, shq.ErrNUL},
		{"echo \\\x00", 6, shq.ErrNUL}, // escaped: found by FuzzTemplate
		{"echo \"a\x00\"", 7, shq.ErrNUL},
		{"echo \xff", 5, shq.ErrNotLiteral},
		{"echo \r", 5, shq.ErrNotLiteral},
		{"aws\u00a0s3 ls", 3, shq.ErrNotLiteral},
		{"aws s3 ls x\u3000{b}", 11, shq.ErrNotLiteral},
		{"aws s3 ls a\u200bb", 11, shq.ErrNotLiteral},
		{"aws s3 ls 'a\u202eb'", 12, shq.ErrNotLiteral},
		{"aws s3 ls \u2066x", 10, shq.ErrNotLiteral},
		{"echo \x01", 5, shq.ErrNotLiteral},
		{"", -1, shq.ErrEmpty},
		{"   ", -1, shq.ErrEmpty},
		{"'' x", 0, shq.ErrEmpty},
		{"' ' x", 0, shq.ErrBlank},
		{"-x y", 0, shq.ErrOptionLike},
		{"echo a {x}{y} #", 14, shq.ErrNotLiteral},
	}
	for _, c := range cases {
		tpl, err := shq.UncheckedTemplate(c.tpl)
		var te *shq.SyntaxError
		if tpl != nil || !errors.As(err, &te) || !errors.Is(err, c.err) || te.Offset != c.off {
			t.Errorf("ParseTemplate(%q): got %v, %v; want offset %d, %v", c.tpl, tpl, err, c.off, c.err)
			continue
		}
		if te.Op != "template" || !strings.HasPrefix(err.Error(), "shq: template: ") {
			t.Errorf("ParseTemplate(%q): message %q", c.tpl, err)
		}
	}
}

func TestMustParseTemplatePanics(t *testing.T) {
	defer func() {
		if err, ok := recover().(error); !ok || !errors.Is(err, shq.ErrNotLiteral) {
			t.Errorf("recovered %v", err)
		}
	}()
	shq.MustParseTemplate("a;b")
}

// TestTemplateWords checks how templates become words: placeholders glued
// to text stay in their word, quoting and escapes are read as bash reads
// them, and a value with spaces, quotes or anything else stays one word.
func TestTemplateWords(t *testing.T) {
	hostile := "a b'c\"d $(id) `id` ; | * ~ {x,y} \n\t#"
	cases := []struct {
		tpl    string
		values map[string]string
		want   []string
	}{
		{"aws s3 ls s3://{bucket}/{prefix} --region {region}",
			map[string]string{"bucket": "my-bucket", "prefix": "logs/2024", "region": "eu-west-1"},
			[]string{"aws", "s3", "ls", "s3://my-bucket/logs/2024", "--region", "eu-west-1"}},
		{"aws --region={r} x", map[string]string{"r": "eu-west-1"}, []string{"aws", "--region=eu-west-1", "x"}},
		{"p {a}", map[string]string{"a": hostile}, []string{"p", hostile}},
		{"p pre{a}post", map[string]string{"a": hostile}, []string{"p", "pre" + hostile + "post"}},
		{"p {a}{b} {a}", map[string]string{"a": "x y", "b": "z"}, []string{"p", "x yz", "x y"}},
		{"p --x={a}", map[string]string{"a": "-rf"}, []string{"p", "--x=-rf"}},
		{"p -- {a}", map[string]string{"a": "-rf"}, []string{"p", "--", "-rf"}},
		{"p -- {a}{b}", map[string]string{"a": "-", "b": "x"}, []string{"p", "--", "-x"}},
		{`p '{x}' "{y}" \{z\} a\ b 'it'"'"'s' "a\"b\\c\$d\e"`, nil,
			[]string{"p", "{x}", "{y}", "{z}", "a b", "it's", `a"b\c$d\e`}},
		{"p a\\\nb \\\n c", nil, []string{"p", "ab", "c"}},
		{"p a#b é☕ 100% a=b x:y @+,", nil, []string{"p", "a#b", "é☕", "100%", "a=b", "x:y", "@+,"}},
		{"p '' \"\"", nil, []string{"p", "", ""}},
		{"'my prog' a", nil, []string{"my prog", "a"}},
		{"\\end x", nil, []string{"end", "x"}},
		{"'if' x", nil, []string{"if", "x"}},
		{"p\t {a}\t", map[string]string{"a": "v"}, []string{"p", "v"}},
	}
	for _, c := range cases {
		tpl, err := shq.UncheckedTemplate(c.tpl)
		if err != nil {
			t.Errorf("ParseTemplate(%q): %v", c.tpl, err)
			continue
		}
		got, err := tpl.Argv(c.values)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, %v; want %q", c.tpl, got, err, c.want)
		}
		// The same words from the line, read back.
		line, err := tpl.Line(c.values)
		if err != nil {
			t.Errorf("%q: Line: %v", c.tpl, err)
			continue
		}
		if back, err := shq.Split(line); err != nil || !slices.Equal(back, c.want) {
			t.Errorf("%q: Split(Line) = %q, %v", c.tpl, back, err)
		}
		// A template without placeholders reads as Split reads it.
		if len(c.values) == 0 {
			if words, err := shq.Split(c.tpl); err != nil || !slices.Equal(words, c.want) {
				t.Errorf("%q: Split gives %q, %v", c.tpl, words, err)
			}
		}
	}
}

// TestTemplateValues checks the refusals when a template is filled.
func TestTemplateValues(t *testing.T) {
	tpl := shq.MustParseTemplate("aws s3 ls s3://{bucket}/{prefix} {extra}{more} --region {region} {rest}{last}-x").
		Check("bucket", validate.S3Bucket).
		Check("region", validate.OneOf("eu-west-1", "us-east-1")).
		Optional("prefix", "rest", "last")
	ok := map[string]string{"bucket": "my-bucket", "prefix": "p", "extra": "e", "more": "m", "region": "eu-west-1", "rest": "r", "last": "l"}
	with := func(kv ...string) map[string]string {
		m := maps.Clone(ok)
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	without := func(k string) map[string]string {
		m := with(k, "")
		delete(m, k)
		return m
	}
	cases := []struct {
		name   string
		values map[string]string
		index  int
		arg    string
		err    error
	}{
		{"ok", ok, 0, "", nil},
		{"optional empty", with("prefix", ""), 0, "", nil},
		{"optional missing", without("prefix"), 0, "", nil},
		{"optional blank", with("prefix", " "), 3, "{prefix}", shq.ErrBlank},
		{"optional NUL", with("prefix", "a\x00"+secret), 3, "{prefix}", shq.ErrNUL},
		{"whole word empty", with("region", ""), 6, "{region}", shq.ErrEmpty},
		{"whole word blank", with("region", "\u200b"), 6, "{region}", shq.ErrBlank},
		{"whole word dash", with("region", "-"+secret), 6, "{region}", shq.ErrOptionLike},
		{"missing", without("region"), 6, "{region}", shq.ErrMissingValue},
		{"glued missing", without("bucket"), 3, "{bucket}", shq.ErrMissingValue},
		{"glued empty", with("bucket", ""), 3, "{bucket}", shq.ErrEmpty},
		{"glued dash ok", with("bucket", "-"+secret), 3, "{bucket}", validate.ErrInvalid},
		{"glued check", with("bucket", secret), 3, "{bucket}", validate.ErrInvalid},
		{"two placeholders dash", with("extra", "-"), 4, "{extra}", shq.ErrOptionLike},
		{"second of two makes dash", with("more", "-"+secret), 0, "", nil},
		{"empty optional, then value", with("rest", "", "last", "x"), 0, "", nil},
		{"empty optionals expose dash", with("rest", "", "last", ""), 7, "{rest}", shq.ErrOptionLike},
		{"optional first, then dash", with("rest", "", "last", "-"+secret), 7, "{last}", shq.ErrOptionLike},
		{"check", with("region", "mars-1"), 6, "{region}", validate.ErrInvalid},
		{"unknown name", with("nope"+secret, "x"), -1, "", shq.ErrUnknownPlaceholder},
		{"too long", with("extra", strings.Repeat("x", 131071)), 4, "{extra}", shq.ErrTooLong},
		{"too long value", with("prefix", strings.Repeat("x", 131072)), 3, "{prefix}", shq.ErrTooLong},
		{"first in template order wins", with("region", "", "bucket", ""), 3, "{bucket}", shq.ErrEmpty},
	}
	for _, c := range cases {
		argv, err := tpl.Argv(c.values)
		if c.err == nil {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		var ae *shq.ArgError
		if argv != nil || !errors.Is(err, c.err) || !errors.As(err, &ae) || ae.Index != c.index || ae.Name != c.arg {
			t.Errorf("%s: got %q, %#v; want ArgError{%d, %q, %v}", c.name, argv, err, c.index, c.arg, c.err)
			continue
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("%s: message %q has the value", c.name, err)
		}
		if _, lerr := tpl.LineFor(shq.Bash, c.values); lerr.Error() != err.Error() {
			t.Errorf("%s: LineFor gives %v", c.name, lerr)
		}
	}
	got, err := tpl.Argv(with("prefix", ""))
	want := []string{"aws", "s3", "ls", "s3://my-bucket/", "em", "--region", "eu-west-1", "rl-x"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("optional empty: %q, %v", got, err)
	}
}

// TestTemplateOptional checks that only a placeholder glued to trusted text
// in every word it is in may be optional.
func TestTemplateOptional(t *testing.T) {
	for _, c := range []struct {
		tpl, name string
		off       int // -1: allowed
	}{
		{"p s3://{b}/{k}", "k", -1},
		{"p s3://{b}/{k}", "b", -1},
		{"p {k}", "k", 2},
		{"p {a}{k}", "k", 5},
		{"p x{k} {k}", "k", 7},
		{"p ''{k}", "k", 4},
		{"p ' '{k}", "k", 5},
		{"p {k}-x", "k", -1},
	} {
		tpl := shq.MustParseTemplate("p").Optional() // no names: fine
		if tpl.Err() != nil {
			t.Fatal(tpl.Err())
		}
		tpl, err := shq.UncheckedTemplate(c.tpl)
		if err != nil {
			t.Fatalf("%q: %v", c.tpl, err)
		}
		err = tpl.Optional(c.name).Err()
		var te *shq.SyntaxError
		switch {
		case c.off < 0 && err != nil:
			t.Errorf("%q: Optional(%s): %v", c.tpl, c.name, err)
		case c.off >= 0 && (!errors.As(err, &te) || te.Offset != c.off || !errors.Is(err, shq.ErrPlaceholder)):
			t.Errorf("%q: Optional(%s): %v, want offset %d", c.tpl, c.name, err, c.off)
		}
		if c.off >= 0 {
			// Filling reports the same error.
			if _, ferr := tpl.Optional(c.name).Argv(map[string]string{c.name: "v"}); ferr.Error() != err.Error() {
				t.Errorf("%q: fill gives %v", c.tpl, ferr)
			}
		}
	}
}

// TestTemplateMisuse checks Check and Optional with names that are not in
// the template, or whole words made optional: recorded on a template from
// UncheckedTemplate, a panic on one from program text.
func TestTemplateMisuse(t *testing.T) {
	tpl, err := shq.UncheckedTemplate("p {a}")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tpl  *shq.Template
		want string
	}{
		{tpl.Check("b"), "shq: template: Check: {b} is not a placeholder of the template"},
		{tpl.Optional("a b" + secret), "shq: template: Optional: a name is not a placeholder of the template"},
		{tpl.Check("b").Check("a"), "shq: template: Check: {b} is not a placeholder of the template"},
		{tpl.Optional("a"), "shq: template: byte 2: placeholder {a} is a whole word and cannot be optional"},
	} {
		err := c.tpl.Err()
		if !errors.Is(err, shq.ErrPlaceholder) || err.Error() != c.want {
			t.Errorf("got %v, want %s", err, c.want)
		}
		if _, ferr := c.tpl.Argv(map[string]string{"a": "x"}); ferr != err {
			t.Errorf("fill: %v", ferr)
		}
	}
	if _, err := new(shq.Template).Argv(nil); !errors.Is(err, shq.ErrEmpty) {
		t.Errorf("zero Template: %v", err)
	}
	constant, err := shq.ParseTemplate("p {a} x{b}")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    func()
		want string
	}{
		{"Check", func() { constant.Check("c") }, "shq: template: Check: {c} is not a placeholder of the template"},
		{"Optional unknown", func() { constant.Optional("b", "z"+secret) }, "shq: template: Optional: a name is not a placeholder of the template"},
		{"Optional whole word", func() { constant.Optional("a") }, "shq: template: byte 2: placeholder {a} is a whole word and cannot be optional"},
		{"Must", func() { shq.MustParseTemplate("p {a}").Check("a").Check("b") }, "shq: template: Check: {b} is not a placeholder of the template"},
	} {
		func() {
			defer func() {
				err, _ := recover().(error)
				if !errors.Is(err, shq.ErrPlaceholder) || err.Error() != c.want {
					t.Errorf("%s: recovered %v, want %s", c.name, err, c.want)
				}
			}()
			c.f()
		}()
	}
	// Misuse never panics on a template from UncheckedTemplate, and a
	// correct use never panics on a constant one.
	if err := constant.Check("a").Check("b").Optional("b").Err(); err != nil {
		t.Errorf("correct use: %v", err)
	}
}

// TestTemplateImmutable checks that Check and Optional leave the receiver
// as it was, and that a template can be filled from many goroutines (run
// with -race).
func TestTemplateImmutable(t *testing.T) {
	base := shq.MustParseTemplate("p x{a} {b}")
	strict := base.Check("a", validate.NoLeadingDash)
	opt := base.Optional("a")
	if _, err := base.Argv(map[string]string{"a": "-y", "b": "z"}); err != nil {
		t.Errorf("base got the check: %v", err)
	}
	if _, err := base.Argv(map[string]string{"b": "z"}); !errors.Is(err, shq.ErrMissingValue) {
		t.Errorf("base got Optional: %v", err)
	}
	if _, err := strict.Argv(map[string]string{"a": "-y", "b": "z"}); !errors.Is(err, validate.ErrInvalid) {
		t.Errorf("strict: %v", err)
	}
	if _, err := opt.Argv(map[string]string{"b": "z"}); err != nil {
		t.Errorf("opt: %v", err)
	}
	// Adding checks to two copies of one template must not share storage.
	a := strict.Check("b", validate.OneOf("1"))
	b := strict.Check("b", validate.OneOf("2"))
	if _, err := a.Argv(map[string]string{"a": "x", "b": "1"}); err != nil {
		t.Errorf("a: %v", err)
	}
	if _, err := b.Argv(map[string]string{"a": "x", "b": "2"}); err != nil {
		t.Errorf("b: %v", err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 100 {
				v := strings.Repeat("v", i+j+1)
				argv, err := strict.Argv(map[string]string{"a": v, "b": v})
				if err != nil || argv[1] != "x"+v || argv[2] != v {
					t.Errorf("got %q, %v", argv, err)
				}
			}
		})
	}
	wg.Wait()
}

// TestTemplateFillThenBuild checks that a filled template is a Cmd that
// knows whether options have ended.
func TestTemplateFillThenBuild(t *testing.T) {
	tpl := shq.MustParseTemplate("git log --end-of-options {rev} --")
	argv, err := tpl.Fill(map[string]string{"rev": "main"}).Arg("-p").Argv()
	if err != nil || !slices.Equal(argv, []string{"git", "log", "--end-of-options", "main", "--", "-p"}) {
		t.Errorf("got %q, %v", argv, err)
	}
	// Only "--" is the marker in a template: git's is recognised only with
	// Cmd.EndOptionsWith, which says the program knows it.
	if _, err := tpl.Argv(map[string]string{"rev": "-x"}); !errors.Is(err, shq.ErrOptionLike) {
		t.Errorf("got %v", err)
	}
	if _, err := shq.MustParseTemplate("p {a}").Fill(map[string]string{"a": "x"}).Arg("-y").Argv(); !errors.Is(err, shq.ErrOptionLike) {
		t.Errorf("got %v", err)
	}
}

// TestTemplateMvdan is the differential test of the template lexer against
// mvdan.cc/sh: every generated template it accepts parses there as one
// simple command whose words, expanded, are the template's words with each
// placeholder filled with its own text.
func TestTemplateMvdan(t *testing.T) {
	pieces := []string{
		"a", "b", " ", "\t", "\\\n", "'", "\"", "\\", "''", "'x y'", "\"x y\"", "\\ ", "\\'",
		"\\\"", "\"\\\"\"", "\"\\$\"", "\"\\a\"", "\"\\\\\"", "\"a\\\\\\'b\"", "'{a}'", "\"{b}\"", "\\{", "\\}", "=", "a=",
		"#", "%", ":", "@", "+", ",", "-", "--", "{a}", "{b}", "{c_1}", "é", "中", "'\t'",
		"\"\n\"", "'\\'", "if", "x", "0",
	}
	accepted, refused := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		src := "p " + strings.Join(rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 12).Draw(t, "pieces"), "")
		tpl, err := shq.UncheckedTemplate(src)
		if err != nil {
			refused++
			return
		}
		accepted++
		// Each placeholder filled with its own text: bash and mvdan read
		// an unquoted {a} as the literal word part {a}.
		values := make(map[string]string)
		for _, name := range tpl.Names() {
			values[name] = "{" + name + "}"
		}
		argv, err := tpl.Fill(values).Argv()
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if strings.Contains(src, `\\`+"\n") {
			return // mvdan keeps a continuation after an escaped backslash (see TestSplitMvdan)
		}
		f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
		if err != nil {
			t.Fatalf("template %q: mvdan: %v", src, err)
		}
		call, ok := f.Stmts[0].Cmd.(*syntax.CallExpr)
		if len(f.Stmts) != 1 || !ok || len(call.Assigns) > 0 || len(f.Stmts[0].Redirs) > 0 {
			t.Fatalf("template %q: not one simple command to mvdan", src)
		}
		got, err := expand.Fields(&expand.Config{}, call.Args...)
		if err != nil || !slices.Equal(got, argv) {
			t.Fatalf("template %q: mvdan %q, %v; template %q", src, got, err, argv)
		}
	})
	t.Logf("%d generated templates accepted and checked, %d refused", accepted, refused)
}
