package bench

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var updateTable = flag.Bool("update", false, "rewrite testdata/correctness.md from the real shells")

// hazardInputs are not benchmarked; they are the hazards of DESIGN.md that
// broke quoting libraries, checked for correctness only.
var hazardInputs = []input{
	{"tilde", "~"},
	{"tilde-eq", "a=~"},
	{"eq-cmd", "=ls"},
	{"brace", "{a,b}"},
	{"brace-seq", "{1..3}"},
	{"hash", "#x"},
	{"star", "*"},
	{"glob", "a*"},
	{"qmark", "?"},
	{"bracket", "[ab]"},
	{"caret", "^a"},
	{"bang", "!x"},
	{"words", "x --profile evil"},
	{"cr", "a\rb"},
	{"u2028", "a\u2028b"},
	{"subst", "$(echo X)`echo Y`"},
	{"semicolon", "a;b"},
	{"high-bs", "\x81\\"},
	{"invalid", "\xff\xfe"},
	{"euro-semi", "€;id"},
	{"euro-quote", "€'x"},
	{"dq", `say "hi" \n`},
}

// A shellConfig is one shell in one configuration: argv before the script,
// an optional script prefix, and the locale.
type shellConfig struct {
	name   string
	argv   []string
	prefix string
	locale string
}

var shellConfigs = []shellConfig{
	{"bash", []string{"bash", "-c"}, "", "C.UTF-8"},
	{"bash-posix", []string{"bash", "--posix", "-c"}, "", "C.UTF-8"},
	{"bash-extglob-failglob", []string{"bash", "-O", "extglob", "-O", "failglob", "-c"}, "", "C.UTF-8"},
	{"dash", []string{"dash", "-c"}, "", "C.UTF-8"},
	{"zsh", []string{"zsh", "-f", "-c"}, "", "C.UTF-8"},
	{"zsh-extendedglob", []string{"zsh", "-f", "-c"}, "setopt extendedglob\n", "C.UTF-8"},
	{"zsh-magicequalsubst", []string{"zsh", "-f", "-c"}, "setopt magicequalsubst\n", "C.UTF-8"},
	{"zsh-emulate-sh", []string{"zsh", "-f", "-c"}, "emulate sh\n", "C.UTF-8"},
	{"mksh", []string{"mksh", "-c"}, "", "C.UTF-8"},
	{"ksh93", []string{"ksh93", "-c"}, "", "C.UTF-8"},
	{"yash", []string{"yash", "-c"}, "", "en_US.ISO-8859-1"},
	{"posh", []string{"posh", "-c"}, "", "C.UTF-8"},
	{"busybox-ash", []string{"busybox", "ash", "-c"}, "", "C.UTF-8"},
	{"bash-gbk", []string{"bash", "-c"}, "", "zh_CN.GBK"},
	{"bash-big5", []string{"bash", "-c"}, "", "zh_TW.BIG5"},
	{"ksh93-gbk", []string{"ksh93", "-c"}, "", "zh_CN.GBK"},
}

// missing skips, or fails under SHQ_REQUIRE_TOOLS=1, for a missing tool.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("SHQ_REQUIRE_TOOLS") == "1" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// TestPeerCorrectness quotes every input of the table with every library
// and runs `printf '%s\0' WORD` in each shell configuration, in a directory
// where every glob matches and with HOME set. A word is right when the
// shell prints exactly the input. shq and the reference must be right
// everywhere; the peers' results are reported (go test -v, or -update to
// write testdata/correctness.md for README.md).
func TestPeerCorrectness(t *testing.T) {
	if testing.Short() {
		t.Skip("runs thousands of shells")
	}
	locales := installedLocales()
	var configs []shellConfig
	for _, c := range shellConfigs {
		if _, err := exec.LookPath(c.argv[0]); err != nil {
			missing(t, "shell %s not found", c.argv[0])
		}
		if !locales[normLocale(c.locale)] {
			missing(t, "locale %s not installed", c.locale)
		}
		configs = append(configs, c)
	}
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	work := filepath.Join(dir, "work")
	for _, d := range []string{home, work} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Names that the glob-shaped inputs would match, and that show what
	// went wrong when they do.
	for _, n := range []string{"a", "b", "ab", "aa", "x", "-x", "x=y", "#x", "^a", "!x", "a,b", "1", "2"} {
		if err := os.WriteFile(filepath.Join(work, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	inputs := append(slices.Clone(quoteInputs), hazardInputs...)
	var table bytes.Buffer
	fmt.Fprintf(&table, "| input |")
	for _, q := range quoters {
		fmt.Fprintf(&table, " %s |", q.name)
	}
	fmt.Fprintf(&table, "\n|---|")
	for range quoters {
		fmt.Fprintf(&table, "---|")
	}
	fmt.Fprintln(&table)
	for _, in := range inputs {
		fmt.Fprintf(&table, "| %s `%s` |", in.name, display(in.s))
		for _, q := range quoters {
			word, err := q.quote(in.s)
			if err != nil {
				fmt.Fprintf(&table, " refused |")
				continue
			}
			var bad []string
			for _, c := range configs {
				if !wordOK(t, c, work, home, word, in.s) {
					bad = append(bad, c.name)
				}
			}
			switch {
			case len(bad) == 0:
				fmt.Fprintf(&table, " ok |")
			default:
				fmt.Fprintf(&table, " **wrong**: %s |", strings.Join(bad, ", "))
				if !q.peer {
					t.Errorf("%s quotes %s as %q: wrong word in %s", q.name, in.name, word, strings.Join(bad, ", "))
				}
			}
		}
		fmt.Fprintln(&table)
	}
	t.Logf("\n%s", table.String())
	if *updateTable {
		if err := os.WriteFile(filepath.Join("testdata", "correctness.md"), table.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// wordOK runs printf '%s\0' word in the shell configuration and reports
// whether it printed exactly want.
func wordOK(t *testing.T, c shellConfig, dir, home, word, want string) bool {
	t.Helper()
	script := c.prefix + `printf '%s\0' ` + word
	cmd := exec.Command(c.argv[0], append(c.argv[1:], script)...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LC_ALL=" + c.locale}
	out, err := cmd.Output()
	return err == nil && string(out) == want+"\x00"
}

// display shows an input in a Markdown table cell.
func display(s string) string {
	if len(s) > 24 {
		return fmt.Sprintf("%d bytes", len(s))
	}
	q := fmt.Sprintf("%+q", s)
	q = q[1 : len(q)-1]
	return strings.NewReplacer("|", `\|`, "`", "ˋ").Replace(q)
}

// installedLocales returns the normalised names `locale -a` lists.
func installedLocales() map[string]bool {
	m := map[string]bool{"C": true, "POSIX": true}
	out, err := exec.Command("locale", "-a").Output()
	if err != nil {
		return m
	}
	for _, l := range strings.Fields(string(out)) {
		m[normLocale(l)] = true
	}
	return m
}

// normLocale normalises a locale name as glibc does for its file names
// ("zh_CN.GBK" → "zh_CN.gbk", "C.UTF-8" → "C.utf8").
func normLocale(name string) string {
	lang, codeset, ok := strings.Cut(name, ".")
	if !ok {
		return name
	}
	var b strings.Builder
	for _, r := range strings.ToLower(codeset) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		}
	}
	return lang + "." + b.String()
}
