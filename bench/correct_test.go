package bench

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/internal/shelltest"
)

var updateTable = flag.Bool("update", false, "rewrite testdata/correctness.md from the real shells")

// hazardInputs are not benchmarked; they are the hazards of docs/design.md that
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

// A shellRun is one shell configuration of the real-shell harness in one
// locale.
type shellRun struct {
	name string
	sh   shelltest.Shell
	opts []shelltest.Option
}

// shellRuns are the POSIX matrix of the harness (yash in an 8-bit locale, so
// that invalid UTF-8 reaches it), then bash and ksh93 in GBK and bash in
// Big5, where a trail byte can be a backslash or a quote.
func shellRuns(t *testing.T) []shellRun {
	var runs []shellRun
	for _, sh := range shelltest.POSIXShells(t) {
		r := shellRun{name: sh.Name, sh: sh}
		if sh.Family == "yash" {
			r.opts = []shelltest.Option{shelltest.WithLocale(shelltest.LocaleLatin1)}
		}
		runs = append(runs, r)
	}
	for _, m := range []struct{ shell, suffix, locale string }{
		{"bash", "gbk", shelltest.LocaleGBK},
		{"bash", "big5", shelltest.LocaleBig5},
		{"ksh93", "gbk", shelltest.LocaleGBK},
	} {
		runs = append(runs, shellRun{m.shell + "-" + m.suffix, shelltest.ShellNamed(t, m.shell), []shelltest.Option{shelltest.WithLocale(m.locale)}})
	}
	return runs
}

// TestPeerCorrectness quotes every input of the table with every library
// and runs each word through every shell configuration of shellRuns with
// the real-shell harness (internal/shelltest: the argv printer, a
// directory where every glob matches, HOME set). A word is right when the
// printer receives exactly the input as its one argument. shq and the
// reference must be right everywhere; the peers' results are reported (go
// test -v, or -update to write testdata/correctness.md for README.md).
func TestPeerCorrectness(t *testing.T) {
	if testing.Short() {
		t.Skip("runs thousands of shells")
	}
	runs := shellRuns(t)
	inputs := append(slices.Clone(quoteInputs), hazardInputs...)

	// One batch per shell run of every quoted word of every library.
	type cell struct {
		word string
		err  error
		bad  []string
	}
	cells := make([][]cell, len(inputs)) // [input][quoter]
	var lines []string
	for i, in := range inputs {
		cells[i] = make([]cell, len(quoters))
		for j, q := range quoters {
			word, err := q.quote(in.s)
			cells[i][j] = cell{word: word, err: err}
			if err == nil {
				lines = append(lines, word)
			}
		}
	}
	for _, r := range runs {
		res := r.sh.WordsBatch(t, lines, r.opts...)
		k := 0
		for i, in := range inputs {
			for j := range quoters {
				if cells[i][j].err != nil {
					continue
				}
				if got := res[k]; got.Err != nil || !slices.Equal(got.Words, []string{in.s}) {
					cells[i][j].bad = append(cells[i][j].bad, r.name)
				}
				k++
			}
		}
	}

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
	for i, in := range inputs {
		fmt.Fprintf(&table, "| %s `%s` |", in.name, display(in.s))
		for j, q := range quoters {
			switch c := cells[i][j]; {
			case c.err != nil:
				fmt.Fprintf(&table, " refused |")
			case len(c.bad) == 0:
				fmt.Fprintf(&table, " ok |")
			default:
				fmt.Fprintf(&table, " **wrong**: %s |", strings.Join(c.bad, ", "))
				if !q.peer {
					t.Errorf("%s quotes %s as %q: wrong word in %s", q.name, in.name, c.word, strings.Join(c.bad, ", "))
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

// display shows an input in a Markdown table cell.
func display(s string) string {
	if len(s) > 24 {
		return fmt.Sprintf("%d bytes", len(s))
	}
	q := fmt.Sprintf("%+q", s)
	q = q[1 : len(q)-1]
	return strings.NewReplacer("|", `\|`, "`", "ˋ").Replace(q)
}
