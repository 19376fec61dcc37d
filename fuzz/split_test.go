package fuzz

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
	"pgregory.net/rapid"

	"github.com/safeshell/safeshell/internal/hazard"
	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
)

// FuzzSplit checks that Split never panics, refuses with a positioned
// *SyntaxError, and that every line it accepts means the same words to
// mvdan.cc/sh and (SHQ_FUZZ_SHELLS=1) to real bash, and re-joins and
// re-splits to the same words.
func FuzzSplit(f *testing.F) {
	f.Fuzz(func(t *testing.T, line string) {
		words, ok := checkSplit(t, line)
		if ok && shellsEnabled() && len(line) <= maxShellInput {
			sh := shelltest.ShellNamed(t, "bash")
			r := sh.Run(t, shelltest.PrinterName+" "+line)
			if !r.OK() || len(r.Calls) != 1 || !slices.Equal(r.Calls[0], words) {
				t.Fatalf("Split(%q) = %q; bash reads %s", line, words, r.String())
			}
		}
	})
}

// TestSplitProperty runs checkSplit on lines built from quoting and
// hazard pieces, and reports how many Split accepted.
func TestSplitProperty(t *testing.T) {
	var n counts
	rapid.Check(t, func(rt *rapid.T) { propSplit(rt, &n) })
	n.Log(t, "Split")
}

func propSplit(t *rapid.T, n *counts) {
	_, ok := checkSplit(t, genLine().Draw(t, "line"))
	n.Add(ok)
}

// linePieces are the fragments of generated command lines: quotes of every
// kind, escapes (the ones Split accepts and the ones it must refuse), and
// the constructs a shell would expand.
var linePieces = []string{
	" ", "  ", "\t", "a", "b", "x", "-", "--", "'", "'a b'", "''", "\"", "\"a b\"", "\"\"",
	"\"\\\"\"", "\"\\$\"", "\"\\a\"", "$'", "$'a'", "$'\\n'", "$'\\x41'", "$'\\x4'", "$'\\101'",
	"$'\\1'", "$'\\400'", "$'\\cA'", "$'\\u00e9'", "$'\\x{41}'", "$'\\''", "$'\\e'", "$\"a\"",
	"\\", "\\ ", "\\\n", "\\'", "\\\\", "\\é", "\\\xff", "=", "a=", "a=b", "~", "a~", ":~",
	"#", "a#", "!", "\"!\"", "^", "%", "{", "}", "{a,b}", "*", "?", "[a]", "$", "$x", "${x}",
	"$(x)", "`x`", ";", "|", "&", "<", ">", "(", ")", "\n", "\r", "\x01", "\x00", "\xff", "é",
	"€", "\u2028", "if", "then", "time", "!", "[[", "declare",
}

// genLine draws a command line made of line pieces.
func genLine() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		return strings.Join(rapid.SliceOfN(rapid.SampledFrom(linePieces), 0, 10).Draw(t, "pieces"), "")
	})
}

// checkSplit splits line and checks the result; ok reports whether Split
// accepted it.
func checkSplit(t tb, line string) (words []string, ok bool) {
	words, err := shq.Split(line)
	if err != nil {
		var se *shq.SyntaxError
		if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(line) || words != nil {
			t.Fatalf("Split(%q) = %q, %v; want nil and a *SyntaxError with an offset in the line", line, words, err)
		}
		if !errors.Is(err, shq.ErrNotLiteral) && !errors.Is(err, shq.ErrUnterminated) && !errors.Is(err, shq.ErrNUL) {
			t.Fatalf("Split(%q): %v wraps none of ErrNotLiteral, ErrUnterminated, ErrNUL", line, err)
		}
		if len(line) >= 24 && strings.Contains(err.Error(), line) {
			t.Fatalf("Split(%q): the error %q shows the line", line, err)
		}
		return nil, false
	}
	for i, w := range words {
		if strings.IndexByte(w, 0) >= 0 {
			t.Fatalf("Split(%q): word %d %q has a NUL byte", line, i, w)
		}
	}
	for _, d := range []shq.Dialect{shq.POSIX, shq.Bash} {
		joined, err := d.Join(words...)
		if err != nil {
			t.Fatalf("Split(%q) = %q; %v.Join: %v", line, words, d, err)
		}
		again, err := shq.Split(joined)
		if err != nil || !slices.Equal(again, words) {
			t.Fatalf("Split(%q) = %q; %v.Join = %q splits to %q, %v", line, words, d, joined, again, err)
		}
	}
	if utf8.ValidString(line) {
		checkMvdanLine(t, "Split", line, words)
	}
	return words, true
}

// checkMvdanLine parses line as bash (mvdan.cc/sh, LangBash), requires one
// simple command without assignments or redirections (or nothing at all for
// no words), expands its words and compares them with want.
func checkMvdanLine(t tb, what, line string, want []string) {
	if hazard.MvdanBlind(line) {
		return
	}
	if !utf8.ValidString(line) {
		if slices.ContainsFunc(want, hazard.EUCTWPair) {
			return // a quote between the bytes of an EUC-TW prefix
		}
		t.Fatalf("%s: %q (words %q): not valid UTF-8, although the words are", what, line, want)
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(line), "")
	if err != nil {
		t.Fatalf("%s: %q (words %q): mvdan parse: %v", what, line, want, err)
	}
	if len(want) == 0 {
		if len(f.Stmts) != 0 {
			t.Fatalf("%s: %q has no words, but mvdan finds %d statements", what, line, len(f.Stmts))
		}
		return
	}
	if len(f.Stmts) != 1 {
		t.Fatalf("%s: %q (words %q): mvdan finds %d statements", what, line, want, len(f.Stmts))
	}
	st := f.Stmts[0]
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Assigns) != 0 || len(st.Redirs) != 0 || st.Background || st.Negated || st.Coprocess {
		t.Fatalf("%s: %q (words %q): not a simple command to mvdan", what, line, want)
	}
	fields, globbed, err := hazard.MvdanExpand(call.Args...)
	if err != nil || globbed || !slices.Equal(fields, want) {
		t.Fatalf("%s: %q: words %q, but mvdan expands it to %q (globbed %v, err %v)", what, line, want, fields, globbed, err)
	}
}

// FuzzJoinSplit checks Join in every dialect on argument lists given as
// NUL-separated strings (no argument can hold a NUL): POSIX and Bash lines
// split back to the arguments, mvdan.cc/sh reads the same words, and Fish
// refuses exactly the keywords in command position.
func FuzzJoinSplit(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\x00")
		checkJoin(t, args)
		if shellsEnabled() && len(s) <= maxShellInput {
			checkJoinShells(t, args)
		}
	})
}

// TestJoinSplitProperty runs checkJoin on argument lists drawn from hazard
// pieces.
func TestJoinSplitProperty(t *testing.T) {
	var n counts
	rapid.Check(t, func(rt *rapid.T) { propJoinSplit(rt, &n) })
	n.Log(t, "Join")
}

// FuzzJoinSplitRapid is TestJoinSplitProperty driven by the fuzzer's bytes.
func FuzzJoinSplitRapid(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(func(rt *rapid.T) { propJoinSplit(rt, nil) }))
}

func propJoinSplit(t *rapid.T, n *counts) {
	args := rapid.SliceOfN(genArg(), 0, 6).Draw(t, "args")
	checkJoin(t, args)
	n.Add(true)
}

// genArg draws a hazard string without NUL, or a word that matters in
// command position.
func genArg() *rapid.Generator[string] {
	noNUL := rapid.Map(genString(), func(s string) string { return strings.ReplaceAll(s, "\x00", "") })
	return rapid.OneOf(noNUL, noNUL, rapid.SampledFrom(commandWords))
}

// commandWords are words with a meaning of their own in command position
// in some shell: reserved words, declaration commands, fish keywords,
// assignments.
var commandWords = []string{
	"!", "{", "}", "[[", "]]", "case", "coproc", "do", "done", "elif", "else", "end", "esac",
	"fi", "for", "foreach", "function", "if", "in", "nocorrect", "repeat", "select", "then",
	"time", "until", "while", "declare", "export", "let", "local", "nameref", "readonly",
	"typeset", "begin", "switch", "not", "and", "or", "command", "builtin", "exec",
	"A=b", "a+=b", "_=", "x=~", "1=2", "=", "exec", "noglob", "-",
}

// fishKeywords are fish's keywords in command position, which stay
// keywords when quoted (docs/design.md).
var fishKeywords = []string{
	"begin", "end", "if", "else", "switch", "case", "while", "for", "function", "not",
	"and", "or", "!", "time", "command", "builtin", "exec",
}

// checkJoin joins args in every dialect and checks each line.
func checkJoin(t tb, args []string) {
	for _, d := range dialects {
		line, err := d.Join(args...)
		if d == shq.Fish && len(args) > 0 && slices.Contains(fishKeywords, args[0]) {
			var qe *shq.QuoteError
			if !errors.Is(err, shq.ErrKeyword) || !errors.As(err, &qe) || qe.Index != 0 {
				t.Fatalf("Fish.Join(%q) = %q, %v; want a *QuoteError{Index: 0} wrapping ErrKeyword", args, line, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v.Join(%q): %v", d, args, err)
		}
		if b, err := d.AppendJoin([]byte("x"), args...); err != nil || string(b) != "x"+line {
			t.Fatalf("%v.AppendJoin(x, %q) = %q, %v; want %q", d, args, b, err, "x"+line)
		}
		if len(args) == 0 {
			if line != "" {
				t.Fatalf("%v.Join() = %q, want \"\"", d, line)
			}
			continue
		}
		// Every word after the first is quoted as Quote quotes it; the
		// first too in Fish.
		want := make([]string, len(args))
		for i, a := range args {
			want[i], _ = d.Quote(a)
		}
		rest := strings.Join(want[1:], " ")
		if d == shq.Fish && line != strings.Join(want, " ") || len(args) > 1 && !strings.HasSuffix(line, " "+rest) {
			t.Fatalf("%v.Join(%q) = %q; want the words quoted one by one: %q", d, args, line, want)
		}
		if d == shq.Fish {
			continue
		}
		first := strings.TrimSuffix(line, " "+rest)
		if len(args) == 1 {
			first = line
		}
		if d == shq.POSIX {
			if got, ok := decodePOSIX(first); !ok || got != args[0] {
				t.Fatalf("POSIX.Join(%q) = %q: first word %q is not of the POSIX form", args, line, first)
			}
		}
		if i := shelltest.RuleBreak(line, shelltest.SyntaxSh); i >= 0 {
			t.Fatalf("%v.Join(%q) = %q: breaks the multi-byte rule at byte %d", d, args, line, i)
		}
		words, err := shq.Split(line)
		if err != nil || !slices.Equal(words, args) {
			t.Fatalf("Split(%v.Join(%q) = %q) = %q, %v", d, args, line, words, err)
		}
		valid := true
		for _, a := range args {
			valid = valid && utf8.ValidString(a)
		}
		if valid {
			checkMvdanLine(t, d.String()+".Join", line, args)
		}
	}
}

// checkJoinShells runs each dialect's line as the arguments of the printer
// in the dialect's shells.
func checkJoinShells(t *testing.T, args []string) {
	t.Helper()
	posix, _ := shq.POSIX.Join(args...)
	bash, _ := shq.Bash.Join(args...)
	for _, sh := range shelltest.POSIXShells(t) {
		var opts []shelltest.Option
		if sh.Family == "yash" {
			opts = append(opts, shelltest.WithLocale(shelltest.LocaleLatin1))
		}
		wantWords(t, sh, posix, args, opts...)
	}
	for _, sh := range shelltest.BashShells(t) {
		wantWords(t, sh, bash, args)
	}
	if len(args) == 0 || !slices.Contains(fishKeywords, args[0]) {
		fish, _ := shq.Fish.Join(args...)
		wantWords(t, shelltest.FishShell(t), fish, args)
	}
}

// wantWords runs `printargs line` in sh and requires exactly words.
func wantWords(t *testing.T, sh shelltest.Shell, line string, words []string, opts ...shelltest.Option) {
	t.Helper()
	if !sh.Available() {
		shelltest.Missing(t, "shell %s is not installed", sh.Name)
	}
	r := sh.Run(t, shelltest.PrinterName+" "+line, opts...)
	if errors.Is(r.Err, shelltest.ErrScriptEncoding) {
		return
	}
	if !r.OK() || len(r.Calls) != 1 || !slices.Equal(r.Calls[0], words) {
		t.Fatalf("%s: %q should be the words %q; got %s", sh.Name, line, words, r.String())
	}
}
