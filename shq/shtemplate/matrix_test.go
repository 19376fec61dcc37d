package shtemplate

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// A tcase is a template of the real-shell matrix: the calls of the printer
// its script must make for a value, and the refusals it must make.
type tcase struct {
	name string
	tpl  string
	bash bool
	want func(v string) [][]string
	// refuse returns the refusal the value must get, or nil; may reports
	// refusals that are allowed when they are justified (here-documents).
	refuse func(v string) error
	may    func(v string, err error) bool
}

func one(prefix, suffix string) func(string) [][]string {
	return func(v string) [][]string { return [][]string{{prefix + v + suffix}} }
}

func fixed(words ...string) func(string) [][]string {
	return func(string) [][]string {
		var out [][]string
		for _, w := range words {
			out = append(out, []string{w})
		}
		return out
	}
}

// wordRefusal is the refusal of a whole word: empty, blank, and, where an
// option would be read, a leading '-'.
func wordRefusal(option bool) func(string) error {
	return func(v string) error {
		switch {
		case v == "":
			return shq.ErrEmpty
		case validate.IsBlank(v):
			return shq.ErrBlank
		case option && v[0] == '-':
			return shq.ErrOptionLike
		}
		return nil
	}
}

func startRefusal(v string) error {
	if strings.HasPrefix(v, "-") {
		return shq.ErrOptionLike
	}
	return nil
}

func noRefusal(string) error { return nil }

// heredocMay allows the here-document refusals when they are justified: a
// line of before+v+after equal to EOF (after stripping tabs for <<-), a
// line starting with a tab for <<-, or a byte >= 0x80.
func heredocMay(before, after string, dash bool) func(string, error) bool {
	return func(v string, err error) bool {
		switch {
		case errors.Is(err, ErrDelimiter):
			for _, l := range strings.Split(before+v+after, "\n") {
				if dash && strings.HasPrefix(l, "\t") {
					return true
				}
				if l == "EOF" {
					return true
				}
			}
		case errors.Is(err, ErrMultibyte):
			return strings.ContainsFunc(v, func(r rune) bool { return r >= 0x80 || r == utf8.RuneError })
		}
		return false
	}
}

var posixCases = []tcase{
	{name: "word", tpl: "printargs {{.}}\n", want: one("", ""), refuse: wordRefusal(true)},
	{name: "before-redirect", tpl: "printargs {{.}}>/dev/null\n", want: one("", ""), refuse: wordRefusal(true)},
	{name: "after-dashdash", tpl: "printargs -- {{.}}\n", want: func(v string) [][]string { return [][]string{{"--", v}} }, refuse: wordRefusal(false)},
	{name: "part", tpl: "printargs s3://{{.}}/key\n", want: one("s3://", "/key"), refuse: noRefusal},
	{name: "word-start", tpl: "printargs {{.}}.txt\n", want: one("", ".txt"), refuse: startRefusal},
	{name: "double", tpl: "printargs \"dq {{.}} dq\"\n", want: one("dq ", " dq"), refuse: noRefusal},
	{name: "single", tpl: "printargs 'sq {{.}} sq'\n", want: one("sq ", " sq"), refuse: noRefusal},
	{name: "double-whole", tpl: "printargs \"{{.}}\"\n", want: one("", ""), refuse: wordRefusal(true)},
	{name: "assign", tpl: "X={{.}}; printargs \"$X\"\n", want: one("", ""), refuse: wordRefusal(false)},
	{name: "assign-double", tpl: "X=\"pre {{.}}\"; printargs \"$X\"\n", want: one("pre ", ""), refuse: noRefusal},
	{name: "export", tpl: "export X={{.}}; printargs \"$X\"\n", want: one("", ""), refuse: wordRefusal(false)},
	{name: "env-prefix", tpl: "X={{.}} sh -c 'printargs \"$X\"'\n", want: one("", ""), refuse: wordRefusal(false)},
	{name: "for", tpl: "for f in {{.}}; do printargs \"$f\"; done\n", want: one("", ""), refuse: wordRefusal(false)},
	{name: "case-word", tpl: "y={{.}}; case {{.}} in \"$y\") printargs yes;; *) printargs no;; esac\n", want: fixed("yes"), refuse: wordRefusal(false)},
	{name: "case-pattern", tpl: "y={{.}}; case \"$y\" in {{.}}) printargs yes;; *) printargs no;; esac; case \"z$y\" in {{.}}) printargs bad;; *) printargs ok;; esac\n", want: fixed("yes", "ok"), refuse: wordRefusal(false)},
	{name: "heredoc-quoted", tpl: "cat > hd <<'EOF'\n{{.}}.\nEOF\nx=$(cat hd)\nprintargs \"${x%.}\"\n", want: one("", ""), refuse: noRefusal, may: heredocMay("", ".", false)},
	{name: "heredoc-quoted-line", tpl: "cat > hd <<'EOF'\n{{.}}\nEOF\nx=$(cat hd; echo .)\nprintargs \"${x%?.}\"\n", want: one("", ""), refuse: noRefusal, may: heredocMay("", "", false)},
	{name: "heredoc-unquoted", tpl: "cat > hd <<EOF\n[{{.}}]\nEOF\nx=$(cat hd)\nprintargs \"$x\"\n", want: one("[", "]"), refuse: noRefusal, may: heredocMay("[", "]", false)},
	{name: "heredoc-dash", tpl: "cat > hd <<-EOF\n\t{{.}}.\n\tEOF\nx=$(cat hd)\nprintargs \"${x%.}\"\n", want: one("", ""), refuse: noRefusal, may: heredocMay("\t", ".", true)},
	// Braces that no shell expands: no comma, .. or action inside, or
	// the comma quoted.
	{name: "braces-literal", tpl: "printargs {} {a} '{b,c}' {a}b{{.}}\n",
		want: func(v string) [][]string { return [][]string{{"{}", "{a}", "{b,c}", "{a}b" + v}} }, refuse: noRefusal},
	{name: "sh-c-single", tpl: "sh -c 'printargs {{.}}'\n", want: one("", ""), refuse: wordRefusal(true)},
	{name: "sh-c-double", tpl: "sh -c \"printargs {{.}}\"\n", want: one("", ""), refuse: wordRefusal(true)},
	{name: "sh-c-part", tpl: "sh -c 'printargs \"x{{.}}y\"'\n", want: one("x", "y"), refuse: noRefusal},
	{name: "sh-c-2", tpl: "sh -c 'sh -c \"printargs {{.}}\"'\n", want: one("", ""), refuse: wordRefusal(true)},
	{name: "sh-c-3", tpl: "sh -c \"sh -c 'sh -c \\\"printargs -- {{.}}\\\"'\"\n", want: func(v string) [][]string { return [][]string{{"--", v}} }, refuse: wordRefusal(false)},
	{name: "sh-c-positional", tpl: "sh -c 'printargs \"$1\"' sh {{.}}\n", want: one("", ""), refuse: wordRefusal(false)},
	{name: "env-sh-c", tpl: "env X={{.}} sh -c 'printargs \"$X\"'\n", want: one("", ""), refuse: wordRefusal(false)},
	{name: "xargs-sh-c", tpl: "true | xargs sh -c 'printargs {{.}}' sh\n", want: one("", ""), refuse: wordRefusal(true)},
	{name: "find-exec-sh-c", tpl: "find . -maxdepth 0 -exec sh -c 'printargs -- {{.}}' sh \\;\n", want: func(v string) [][]string { return [][]string{{"--", v}} }, refuse: wordRefusal(false)},
	{name: "define-contexts", tpl: "{{define \"v\"}}{{.}}{{end}}printargs {{template \"v\" .}} \"dq {{template \"v\" .}}\" 'sq {{template \"v\" .}}'\nsh -c 'printargs {{template \"v\" .}}'\n",
		want:   func(v string) [][]string { return [][]string{{v, "dq " + v, "sq " + v}, {v}} },
		refuse: wordRefusal(true)},
	{name: "define-nested", tpl: "{{define \"in\"}}{{.}}{{end}}{{define \"out\"}}x{{template \"in\" .}}{{end}}printargs {{template \"out\" .}} \"{{template \"out\" .}}\" 'y{{template \"in\" .}}'\n",
		want:   func(v string) [][]string { return [][]string{{"x" + v, "x" + v, "y" + v}} },
		refuse: noRefusal},
	{name: "define-copied-renamed", tpl: "{{define \"y\"}}{{.}}{{end}}{{define \"x\"}}a{{template \"y\" .}}{{end}}printargs a{{template \"y\" .}} \"{{template \"x\" .}}\" {{template \"x\" .}}\n",
		want:   func(v string) [][]string { return [][]string{{"a" + v, "a" + v, "a" + v}} },
		refuse: noRefusal},
	{name: "if-branch", tpl: "{{if .}}printargs -v {{.}}{{else}}printargs empty{{end}}\n",
		want: func(v string) [][]string {
			if v == "" {
				return [][]string{{"empty"}}
			}
			return [][]string{{"-v", v}}
		},
		refuse: func(v string) error {
			if v == "" {
				return nil
			}
			return wordRefusal(true)(v)
		}},
}

var bashCases = []tcase{
	{name: "bash-pattern", bash: true, tpl: "y={{.}}; if [[ $y == {{.}} ]]; then printargs yes; else printargs no; fi; if [[ z$y == {{.}} ]]; then printargs bad; else printargs ok; fi\n", want: fixed("yes", "ok"), refuse: wordRefusal(false)},
	{name: "bash-operand", bash: true, tpl: "y={{.}}; if [[ {{.}} == \"$y\" ]]; then printargs yes; fi\n", want: fixed("yes"), refuse: wordRefusal(false)},
	{name: "bash-c", bash: true, tpl: "bash -c '[[ {{.}} ]] && printargs \"$0\" {{.}}' zero\n", want: func(v string) [][]string { return [][]string{{"zero", v}} }, refuse: wordRefusal(true)},
}

// A job is one rendered script with the calls it must make.
type job struct {
	tc     *tcase
	value  string
	script string
	want   [][]string
}

// render executes every case with every hazard value and checks the
// refusals; it returns the scripts that rendered.
func render(t *testing.T, cases []tcase) []job {
	t.Helper()
	var jobs []job
	for i := range cases {
		tc := &cases[i]
		tm := New(tc.name)
		if tc.bash {
			tm.Dialect(shq.Bash)
		}
		if _, err := tm.Parse(tc.tpl); err != nil {
			t.Errorf("%s: Parse: %v", tc.name, err)
			continue
		}
		for _, h := range hazards {
			var b strings.Builder
			err := tm.Execute(&b, h.s)
			want := tc.refuse(h.s)
			switch {
			case want != nil && !errors.Is(err, want):
				t.Errorf("%s × %s: want refusal %v, got err=%v", tc.name, h.name, want, err)
			case want != nil:
			case err != nil && tc.may != nil && tc.may(h.s, err):
			case err != nil:
				t.Errorf("%s × %s: unexpected refusal: %v", tc.name, h.name, err)
			default:
				jobs = append(jobs, job{tc: tc, value: h.s, script: b.String(), want: tc.want(h.s)})
			}
			if err != nil && strings.Contains(err.Error(), h.s) && len(h.s) > 2 {
				t.Errorf("%s × %s: error holds the value: %v", tc.name, h.name, err)
			}
		}
	}
	return jobs
}

// runJobs runs the jobs in each shell, many per process, and checks the
// calls of each; a batch that is not exactly what its jobs must make is
// run again job by job to name the failing one. It returns the number of
// (job, shell) runs checked.
func runJobs(t *testing.T, shells []shelltest.Shell, jobs []job) {
	for _, sh := range shells {
		t.Run(sh.Name, func(t *testing.T) {
			t.Parallel()
			// Each shell has its own directory: the scripts write files.
			dir := shelltest.Seed(t)
			defer func() {
				if _, err := os.Stat(filepath.Join(dir, "CANARY")); err == nil {
					t.Errorf("a value ran a command: CANARY exists")
				}
			}()
			var mine []job
			for _, j := range jobs {
				if sh.Family == "yash" && !utf8.ValidString(j.script) {
					continue // yash refuses an undecodable script (shelltest.ErrScriptEncoding)
				}
				mine = append(mine, j)
			}
			for lo := 0; lo < len(mine); {
				hi, size := lo, 0
				for hi < len(mine) && hi-lo < 150 && size < 60<<10 {
					size += len(mine[hi].script) + 40
					hi++
				}
				runBatch(t, sh, mine[lo:hi], dir)
				lo = hi
			}
			runs.Add(int64(len(mine)))
		})
	}
}

// runs counts the (script, shell) runs checked.
var runs atomic.Int64

func runBatch(t *testing.T, sh shelltest.Shell, jobs []job, dir string) {
	// The batch is trusted only if it made exactly the calls of its jobs,
	// in order, and nothing else; otherwise each job runs on its own.
	var b strings.Builder
	var want [][]string
	for _, j := range jobs {
		b.WriteString(j.script)
		want = append(want, j.want...)
	}
	if r := sh.Run(t, b.String(), shelltest.WithDir(dir)); r.OK() && equalCalls(r.Calls, want) {
		return
	}
	for _, j := range jobs {
		r := sh.Run(t, j.script, shelltest.WithDir(dir), shelltest.WithTimeout(5*time.Second))
		if !r.OK() || !equalCalls(r.Calls, j.want) {
			t.Errorf("%s × %q: want calls %s\n%s", j.tc.name, j.value, shelltest.FormatCalls(j.want), r.String())
		}
	}
}

func equalCalls(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

// TestShellsList renders the templates where a []string gives one word
// per element with the whole hazard corpus as one list (less the values
// each must refuse), and runs them in every shell.
func TestShellsList(t *testing.T) {
	if testing.Short() {
		t.Skip("real shells: skipped under -short")
	}
	var jobs []job
	for _, tc := range []struct {
		tpl    string
		option bool
		want   func([]string) [][]string
	}{
		{"printargs -- {{.}}\n", false, func(vs []string) [][]string { return [][]string{append([]string{"--"}, vs...)} }},
		{"for f in {{.}}; do printargs \"$f\"; done\n", false, func(vs []string) [][]string {
			var out [][]string
			for _, v := range vs {
				out = append(out, []string{v})
			}
			return out
		}},
		{"sh -c 'printargs {{.}}'\n", true, func(vs []string) [][]string { return [][]string{vs} }},
		{"sh -c 'printargs \"$@\"' sh {{.}}\n", false, func(vs []string) [][]string { return [][]string{vs} }},
	} {
		var vs []string
		for _, h := range hazards {
			if wordRefusal(tc.option)(h.s) == nil && utf8.ValidString(h.s) {
				vs = append(vs, h.s)
			}
		}
		tm := Must(New("list").Parse(tc.tpl))
		var b strings.Builder
		if err := tm.Execute(&b, vs); err != nil {
			t.Fatalf("%q: %v", tc.tpl, err)
		}
		jobs = append(jobs, job{tc: &tcase{name: tc.tpl}, value: "(list)", script: b.String(), want: tc.want(vs)})
		// A list with one refused element is refused whole.
		if err := tm.Execute(&b, append(vs, "")); !errors.Is(err, shq.ErrEmpty) {
			t.Errorf("%q: list with an empty element: %v", tc.tpl, err)
		}
	}
	runJobs(t, matrixShells(t), jobs)
}

// matrixShells is one configuration of each shell family of the POSIX
// matrix: bash, dash, zsh, mksh, ksh93, yash, posh and busybox ash. (The
// option variants of bash and zsh are left out to keep the run short: the
// values are written with shq.Quote, whose own tests cover them.)
func matrixShells(t *testing.T) []shelltest.Shell {
	return shelltest.ShellsNamed(t, "bash", "dash", "zsh", "mksh", "ksh93", "yash", "posh", "busybox-ash")
}

// TestShells runs every matrix template with every hazard value in every
// shell of the POSIX matrix (the bash templates in bash), and checks that
// each value arrived byte for byte in its place, that nothing else ran,
// and that no canary file was created.
func TestShells(t *testing.T) {
	if testing.Short() {
		t.Skip("real shells: skipped under -short")
	}
	runs.Store(0)
	pj := render(t, posixCases)
	bj := render(t, bashCases)
	t.Run("posix", func(t *testing.T) { runJobs(t, matrixShells(t), pj) })
	t.Run("bash", func(t *testing.T) {
		runJobs(t, shelltest.ShellsNamed(t, "bash", "bash-failglob"), bj)
	})
	t.Logf("posix: %d templates × %d values = %d scripts (%d refused as documented) × %d shells; bash: %d templates, %d scripts × 2 shells; %d runs checked",
		len(posixCases), len(hazards), len(pj), len(posixCases)*len(hazards)-len(pj), len(matrixShells(t)), len(bashCases), len(bj), runs.Load())
}
