package shelltest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Every configuration of every matrix starts and reaches the printer.
func TestEveryShellRuns(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	var all []Shell
	for _, m := range [][]Shell{POSIXShells(t), BashShells(t), MultibyteShells(t), AllShells(t), LoginShells(t)} {
		for _, sh := range m {
			if !seen[sh.Name] {
				seen[sh.Name] = true
				all = append(all, sh)
			}
		}
	}
	if len(all) != len(configs) {
		t.Errorf("matrices cover %d configurations, the table has %d", len(all), len(configs))
	}
	for _, sh := range all {
		t.Run(sh.Name, func(t *testing.T) {
			t.Parallel()
			w, _ := sh.Words(t, "ok")
			if !slices.Equal(w, []string{"ok"}) {
				t.Errorf("got %s, want [\"ok\"]", FormatWords(w))
			}
		})
	}
}

// The facts recorded in the table match the shells.
func TestShellFacts(t *testing.T) {
	t.Parallel()
	builtin := regexp.MustCompile(`(?i)built-?in`)
	for _, sh := range AllShells(t) {
		t.Run(sh.Name, func(t *testing.T) {
			t.Parallel()
			if sh.Family == "fish" {
				// $'…' is a syntax error in fish.
				r := sh.Run(t, `printargs $'a'`)
				if r.OK() {
					t.Errorf("fish accepted $'a': %s", r.String())
				}
			} else {
				w, _ := sh.Words(t, `$'a\tb'`)
				got := slices.Equal(w, []string{"a\tb"})
				if got != sh.DollarSingleQuote {
					t.Errorf("DollarSingleQuote is %v, but $'a\\tb' gave %s", sh.DollarSingleQuote, FormatWords(w))
				}
			}
			line := `"$(command -V printf 2>&1)"`
			if sh.Family == "fish" {
				line = `(type -t printf)`
			}
			w, _ := sh.Words(t, line)
			if got := len(w) == 1 && builtin.MatchString(w[0]); got != sh.PrintfBuiltin {
				t.Errorf("PrintfBuiltin is %v, but the shell says %s", sh.PrintfBuiltin, FormatWords(w))
			}
		})
	}
}

// The harness sees word splitting, globbing, tilde expansion and empty
// words: each of these checks fails if the harness hides the expansion.
func TestExpansionsAreVisible(t *testing.T) {
	t.Parallel()
	home := Home(t)
	for _, sh := range AllShells(t) {
		t.Run(sh.Name, func(t *testing.T) {
			t.Parallel()
			cases := []struct {
				line string
				want func(w []string) bool
				what string
			}{
				{`a b`, eq("a", "b"), `[a b]`},
				{`'a b'`, eq("a b"), `["a b"]`},
				{`''`, eq(""), `[""]`},
				{`a '' b`, eq("a", "", "b"), `[a "" b]`},
				{`~`, eq(home), `[HOME]`},
				{`'~'`, eq("~"), `["~"]`},
				{`*`, func(w []string) bool { return len(w) > 50 && slices.Contains(w, "a") && !slices.Contains(w, ".hidden") }, "the seeded names"},
				{`'*'`, eq("*"), `["*"]`},
				{`.*`, func(w []string) bool { return slices.Contains(w, ".hidden") }, "a list with .hidden"},
				{`a??`, func(w []string) bool { return slices.Contains(w, "abc") && slices.Contains(w, "a b") }, "a list with abc and \"a b\""},
			}
			if sh.Family != "fish" { // fish has no brackets in globs
				cases = append(cases, struct {
					line string
					want func(w []string) bool
					what string
				}{`[ab]`, eq("a", "b"), `[a b]`})
			}
			lines := make([]string, len(cases))
			for i, c := range cases {
				lines[i] = c.line
				w, _ := sh.Words(t, c.line)
				if !c.want(w) {
					t.Errorf("Words(%q) = %s, want %s", c.line, FormatWords(w), c.what)
				}
			}
			// The batch path gives the same answers.
			for i, r := range sh.WordsBatch(t, lines) {
				if r.Err != nil || !cases[i].want(r.Words) {
					t.Errorf("WordsBatch line %q = %s, %v; want %s", lines[i], FormatWords(r.Words), r.Err, cases[i].what)
				}
				if r.Alone != nil {
					t.Errorf("WordsBatch line %q was run alone; a clean batch needs no fallback", lines[i])
				}
			}
		})
	}
}

func callsEqual(a, b [][]string) bool {
	return slices.EqualFunc(a, b, slices.Equal[[]string])
}

func eq(want ...string) func([]string) bool {
	return func(w []string) bool { return slices.Equal(w, want) }
}

// Bytes that are not UTF-8 reach the printer unchanged, and so do empty
// arguments and every byte 1..255.
func TestBytesRoundTrip(t *testing.T) {
	t.Parallel()
	var all strings.Builder
	for c := 1; c < 256; c++ {
		if c != '\'' {
			all.WriteByte(byte(c))
		}
	}
	words := []string{"\xff\xfe", "a\x80b", "\xc3", all.String(), "", "\n"}
	var line strings.Builder
	for _, w := range words {
		line.WriteString("'" + w + "' ")
	}
	got, _ := ShellNamed(t, "bash").Words(t, line.String())
	if !slices.Equal(got, words) {
		t.Errorf("bash: got %s, want %s", FormatWords(got), FormatWords(words))
	}

	// yash reads its script as text: in C.UTF-8 it refuses invalid UTF-8
	// (and says so through ErrScriptEncoding), in Latin-1 every byte is a
	// character.
	yash := ShellNamed(t, "yash")
	r := yash.Run(t, "printargs '\xff'")
	if !errors.Is(r.Err, ErrScriptEncoding) {
		t.Errorf("yash, C.UTF-8, invalid UTF-8: want ErrScriptEncoding; got %s", r.String())
	}
	got, _ = yash.Words(t, line.String(), WithLocale(LocaleLatin1))
	if !slices.Equal(got, words) {
		t.Errorf("yash, Latin-1: got %s, want %s", FormatWords(got), FormatWords(words))
	}
}

// Each locale is in effect: a two-byte character of the locale's encoding
// is one character to bash (two in Latin-1, where each byte is one).
func TestLocales(t *testing.T) {
	t.Parallel()
	cases := []struct {
		locale, char, length string
	}{
		{DefaultLocale, "\xc3\xa9", "1"},
		{LocaleGBK, "\xc4\xe3", "1"},
		{LocaleBig5, "\xa7\x41", "1"},
		{LocaleShiftJIS, "\x82\xa0", "1"},
		{LocaleGB18030, "\x81\x30\x81\x30", "1"},
		{LocaleEUCTW, "\x8e\xa2\xa1\xa1", "1"},
		{LocaleLatin1, "\xc3\xa9", "2"},
		{"C", "\xc3\xa9", "2"},
	}
	for _, sh := range MultibyteShells(t) {
		for _, c := range cases {
			if sh.Family == "yash" && c.locale == "C" {
				continue // yash in the C locale drops a variable with bytes ≥0x80 from the environment
			}
			length := c.length
			if sh.Family == "mksh" && Charmap(c.locale) != "" {
				// mksh decodes UTF-8 only; elsewhere a byte is a character.
				length = strconv.Itoa(len(c.char))
			}
			t.Run(sh.Name+"/"+c.locale, func(t *testing.T) {
				t.Parallel()
				got, _ := sh.Words(t, "\"$LC_ALL\" \"${#x}\"", WithLocale(c.locale), WithEnv("x", c.char))
				if want := []string{c.locale, length}; !slices.Equal(got, want) {
					t.Errorf("got %s, want %s", FormatWords(got), FormatWords(want))
				}
			})
		}
	}
}

// The shell gets the clean environment Run promises and no more.
func TestEnvironment(t *testing.T) {
	t.Parallel()
	for _, sh := range AllShells(t) {
		t.Run(sh.Name, func(t *testing.T) {
			t.Parallel()
			r := sh.Run(t, "env")
			if r.Err != nil || r.ExitCode != 0 {
				t.Fatal(r.String())
			}
			env := map[string]string{}
			for _, kv := range strings.Split(strings.TrimSuffix(string(r.Stdout), "\n"), "\n") {
				k, v, _ := strings.Cut(kv, "=")
				env[k] = v
			}
			want := map[string]string{
				"PATH":     PrinterDir(t) + ":/usr/local/bin:/usr/bin:/bin",
				"HOME":     Home(t),
				"LC_ALL":   DefaultLocale,
				"LANGUAGE": "en",
			}
			for k, v := range want {
				if env[k] != v {
					t.Errorf("%s=%q, want %q", k, env[k], v)
				}
			}
			for _, k := range []string{"ENV", "BASH_ENV", "LANG", "SHQ_REQUIRE_TOOLS", "TERM"} {
				if v, ok := env[k]; ok {
					t.Errorf("%s=%q is set", k, v)
				}
			}
		})
	}
}

func TestNormLocale(t *testing.T) {
	for in, want := range map[string]string{
		"C.UTF-8":           "C.utf8",
		"zh_CN.GBK":         "zh_CN.gbk",
		"en_US.ISO-8859-1":  "en_US.iso88591",
		"ja_JP.SJIS":        "ja_JP.sjis",
		"sr_RS.UTF-8@latin": "sr_RS.utf8@latin",
		"POSIX":             "POSIX",
	} {
		if got := normLocale(in); got != want {
			t.Errorf("normLocale(%q) = %q, want %q", in, got, want)
		}
	}
	if HasLocale("xx_NO.SUCH-LOCALE") {
		t.Error("HasLocale accepts a locale that does not exist")
	}
}

// WordsBatch finds the line that misbehaved, and keeps the others.
func TestWordsBatchAttributes(t *testing.T) {
	t.Parallel()
	lines := []string{
		"a",
		"b;printargs X",   // injects a call
		"'c d'",           // fine
		"e; echo out",     // writes to stdout
		"f",               //
		"g >&2; echo err", // hmm: printer's output is in a file; this writes "err" to stdout
		"h; echo err >&2", // writes to stderr
		"'i",              // unterminated quote: swallows the rest when batched
		"j",
		"k",
		"l; exit 3",
	}
	want := []struct {
		words []string
		bad   bool
	}{
		{[]string{"a"}, false},
		{nil, true},
		{[]string{"c d"}, false},
		{nil, true},
		{[]string{"f"}, false},
		{nil, true},
		{nil, true},
		{nil, true},
		{[]string{"j"}, false},
		{[]string{"k"}, false},
		{nil, true},
	}
	for _, sh := range AllShells(t) {
		t.Run(sh.Name, func(t *testing.T) {
			t.Parallel()
			got := sh.WordsBatch(t, lines)
			for i, r := range got {
				if (r.Err != nil) != want[i].bad || !slices.Equal(r.Words, want[i].words) {
					t.Errorf("line %d %q: got %s, err %v; want %s, bad=%v", i, lines[i], FormatWords(r.Words), r.Err, FormatWords(want[i].words), want[i].bad)
				}
			}
		})
	}
}

// A line that stops the whole script before anything runs (posh and fish
// parse all of it first) is found by bisection, and costs few processes.
func TestWordsBatchBisects(t *testing.T) {
	t.Parallel()
	lines := make([]string, 200)
	for i := range lines {
		lines[i] = "w" + strconv.Itoa(i)
	}
	lines[150] = "(" // a syntax error everywhere
	for _, name := range []string{"posh", "fish", "bash"} {
		sh := ShellNamed(t, name)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := sh.WordsBatch(t, lines)
			alone := 0
			for i, r := range got {
				if r.Alone != nil {
					alone++
				}
				if i == 150 {
					if r.Err == nil {
						t.Errorf("line 150 %q: no error", lines[i])
					}
					continue
				}
				if r.Err != nil || !slices.Equal(r.Words, []string{lines[i]}) {
					t.Errorf("line %d: got %s, %v", i, FormatWords(r.Words), r.Err)
				}
			}
			if alone > 20 {
				t.Errorf("%d lines run alone; want few", alone)
			}
		})
	}
}

// A shell that spoils every batch (here: always writes to stderr) makes
// WordsBatch fall back to one line at a time without running batch after
// batch.
func TestWordsBatchGivesUp(t *testing.T) {
	t.Parallel()
	sh := ShellNamed(t, "dash")
	lines := make([]string, 100)
	for i := range lines {
		lines[i] = "w" + strconv.Itoa(i) + "; echo noise >&2"
	}
	start := time.Now()
	for i, r := range sh.WordsBatch(t, lines) {
		if r.Err == nil {
			t.Errorf("line %d: want an error", i)
		}
	}
	t.Logf("%d noisy lines in %v", len(lines), time.Since(start))
}

func TestRunOptions(t *testing.T) {
	t.Parallel()
	sh := ShellNamed(t, "bash")
	r := sh.Run(t, `read -r x y; printargs "$y" "$a"`, WithStdin("1 2 3\n"), WithEnv("a", "A"))
	if !r.OK() || !callsEqual(r.Calls, [][]string{{"2 3", "A"}}) {
		t.Errorf("stdin/env: %s", r.String())
	}
	dir := Seed(t, "\xff", "new")
	r = sh.Run(t, `printargs "$PWD" new ?`, WithDir(dir))
	if !r.OK() || len(r.Calls) != 1 || r.Calls[0][0] != dir || !slices.Contains(r.Calls[0], "\xff") {
		t.Errorf("WithDir(Seed): %s", r.String())
	}
	r = sh.Run(t, `printargs "$PWD" new`)
	if !r.OK() || !callsEqual(r.Calls, [][]string{{Dir(t), "new"}}) {
		t.Errorf("default dir: %s", r.String())
	}
	// Without SHQ_ARGV_OUT the printer writes its records to stdout.
	r = sh.Run(t, `printargs a '' "b
c"`, WithEnv("SHQ_ARGV_OUT", ""))
	if calls, err := parseRecords(r.Stdout); err != nil || len(r.Calls) != 0 || !callsEqual(calls, [][]string{{"a", "", "b\nc"}}) {
		t.Errorf("printer to stdout: %s; parsed %s, %v", r.String(), FormatCalls(calls), err)
	}
	r = sh.Run(t, `printargs a; exit 7`)
	if r.Err != nil || r.ExitCode != 7 || r.OK() {
		t.Errorf("exit 7: %s", r.String())
	}
	r = sh.Run(t, `kill -9 $$`)
	if r.Err == nil || r.ExitCode != -1 {
		t.Errorf("killed shell: %s", r.String())
	}
}

func TestParseRecords(t *testing.T) {
	good := []struct {
		in   string
		want [][]string
	}{
		{"", [][]string{}},
		{"0\n", [][]string{{}}},
		{"2\n1:a\n0:\n", [][]string{{"a", ""}}},
		{"1\n3:a\nb\n1\n1:\xff\n", [][]string{{"a\nb"}, {"\xff"}}},
	}
	for _, c := range good {
		got, err := parseRecords([]byte(c.in))
		if err != nil || fmt.Sprint(got) != fmt.Sprint(c.want) || len(got) != len(c.want) {
			t.Errorf("parseRecords(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"1", "1\n", "1\n2:a\n", "x\n", "-1\n", "1\n1:ab", "1\n:\n", "1\n1:a", "99999999999\n"} {
		if _, err := parseRecords([]byte(in)); err == nil {
			t.Errorf("parseRecords(%q): no error", in)
		}
	}
}

// fakeTB records what Missing did instead of stopping the test.
type fakeTB struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
}

func TestMissing(t *testing.T) {
	// Not parallel: t.Setenv.
	for _, c := range []struct {
		env          string
		skip, fail   bool
		requireTools bool
	}{
		{"", true, false, false},
		{"0", true, false, false},
		{"1", false, true, true},
		{"true", false, true, true},
	} {
		t.Setenv(RequireToolsEnv, c.env)
		if RequireTools() != c.requireTools {
			t.Errorf("%s=%q: RequireTools() = %v", RequireToolsEnv, c.env, !c.requireTools)
		}
		f := &fakeTB{}
		Missing(f, "tool %s", "zz")
		if f.skipped != c.skip || f.failed != c.fail || !strings.Contains(f.msg, "tool zz") {
			t.Errorf("%s=%q: skipped=%v failed=%v msg=%q", RequireToolsEnv, c.env, f.skipped, f.failed, f.msg)
		}
		// A shell that is not installed goes through Missing when run.
		f = &fakeTB{}
		sh := Shell{Name: "nosuch", program: "nosuch-shell"}
		sh.require(f)
		if f.skipped != c.skip || f.failed != c.fail {
			t.Errorf("%s=%q, missing shell: skipped=%v failed=%v", RequireToolsEnv, c.env, f.skipped, f.failed)
		}
		f = &fakeTB{}
		RequireLocale(f, "xx_NO.SUCH")
		if f.skipped != c.skip || f.failed != c.fail {
			t.Errorf("%s=%q, missing locale: skipped=%v failed=%v", RequireToolsEnv, c.env, f.skipped, f.failed)
		}
	}
}

func TestSeedNames(t *testing.T) {
	t.Parallel()
	dir := Dir(t)
	if !seedValid(dir) {
		t.Errorf("%s does not hold the seed names", dir)
	}
	for _, n := range SeedNames() {
		if _, err := os.Lstat(filepath.Join(dir, n)); err != nil {
			t.Error(err)
		}
	}
	if fi, err := os.Stat(Home(t)); err != nil || !fi.IsDir() {
		t.Errorf("HOME: %v", err)
	}
}

// BenchmarkWordsBatch measures the cost of a batch of lines in one shell.
func BenchmarkWordsBatch(b *testing.B) {
	lines := make([]string, 500)
	for i := range lines {
		lines[i] = "'word " + strconv.Itoa(i) + "' x"
	}
	for _, sh := range POSIXShells(b) {
		b.Run("shell="+sh.Name, func(b *testing.B) {
			for b.Loop() {
				sh.WordsBatch(b, lines)
			}
		})
	}
}

func TestHasMultibyte(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "abc": false, "\xff\xfe": false, "\xe2\x82": false, "a\x80b": false,
		"é": true, "a€b": true, "\ufffd": true, "\xff☕": true, "\U0001F600": true,
	} {
		if got := HasMultibyte(s); got != want {
			t.Errorf("HasMultibyte(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestReadBack checks that ReadBack finds each word that does not read back
// as its one field, attributes it to the right word, and carries on after
// it, in a shell with a printf builtin and in mksh, which has none.
func TestReadBack(t *testing.T) {
	words := []string{`'a'`, `'b c'`, `a b`, `''`, `x`, `"unterminated`, `'y'`, `$(echo hi)`, `'z'`, ``, `'w'`, `'v';printargs x`, `'u'`}
	want := []string{"a", "b c", "a b", "", "x", "unterminated", "y", "$(echo hi)", "z", "", "w", "v", "u"}
	wantBad := []int{2, 5, 7, 9, 11}
	for _, name := range []string{"bash", "mksh", "yash"} {
		t.Run(name, func(t *testing.T) {
			sh := ShellNamed(t, name)
			var got []int
			for _, m := range sh.ReadBack(t, words, want) {
				got = append(got, m.Index)
			}
			if !slices.Equal(got, wantBad) {
				t.Errorf("mismatches at %v, want %v", got, wantBad)
			}
		})
	}
	t.Run("fish", func(t *testing.T) {
		sh := FishShell(t)
		words := []string{`'a'`, `'b c'`, `a\ b`, `'it\'s'`, `'x'`}
		want := []string{"a", "b c", "a b", "it's", "x"}
		if bad := sh.ReadBack(t, words, want); len(bad) != 0 {
			t.Errorf("%d mismatches in fish, first at %d: %s", len(bad), bad[0].Index, bad[0].Run.String())
		}
		words[2] = "a b" // two fields
		if bad := sh.ReadBack(t, words, want); len(bad) != 1 || bad[0].Index != 2 {
			t.Errorf("fish: got %d mismatches, want one at 2", len(bad))
		}
	})
}

// TestValidIn checks ValidIn on lines whose validity is known: ASCII, a
// GBK character, a lone lead byte, a lead byte before a byte that is no
// trail byte, and in GB18030 a four-byte character and its first half.
func TestValidIn(t *testing.T) {
	cases := []struct {
		locale string
		lines  []string
		want   []bool
	}{
		{LocaleGBK, []string{"a b", "\xb0\xa1", "\x81", "\x81'", "x\xb0\xa1y\n"}, []bool{true, true, false, false, true}},
		{LocaleGB18030, []string{"\x81\x30\x81\x30", "\x81\x30", "\x81\x30'"}, []bool{true, false, false}},
		// 8E A1 is plane 1 again, which iconv writes back as A1 A1: not
		// the same bytes, so not given to yash.
		{LocaleEUCTW, []string{"\xa1\xa1", "\x8e\xa2\xa1\xa1", "\x8e\xa1", "\x8e\xa1\xa1\xa1"}, []bool{true, true, false, false}},
	}
	for _, c := range cases {
		if got := ValidIn(t, c.locale, c.lines); !slices.Equal(got, c.want) {
			t.Errorf("ValidIn(%s, %q) = %v, want %v", c.locale, c.lines, got, c.want)
		}
	}
}
