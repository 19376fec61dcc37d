package fuzz

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
	"pgregory.net/rapid"
)

// FuzzQuote checks every dialect's quoting of any string. The seed corpus
// (testdata/fuzz/FuzzQuote) holds one file per hazard of docs/design.md.
func FuzzQuote(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		checkQuote(t, s)
		if shellsEnabled() && len(s) <= maxShellInput && strings.IndexByte(s, 0) < 0 {
			checkQuoteShells(t, s)
		}
	})
}

// TestQuoteProperty runs checkQuote on strings drawn mostly from hazard
// pieces, and reports how many were quoted and how many refused (NUL).
func TestQuoteProperty(t *testing.T) {
	var n counts
	rapid.Check(t, func(rt *rapid.T) { propQuote(rt, &n) })
	n.Log(t, "Quote")
}

// FuzzQuoteRapid is TestQuoteProperty driven by the fuzzer's bytes.
func FuzzQuoteRapid(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(func(rt *rapid.T) { propQuote(rt, nil) }))
}

func propQuote(t *rapid.T, n *counts) {
	s := genString().Draw(t, "s")
	checkQuote(t, s)
	n.Add(strings.IndexByte(s, 0) < 0)
}

// checkQuote checks Quote, AppendQuote and NeedsQuoting of s in every
// dialect without running a shell.
func checkQuote(t tb, s string) {
	nul := strings.IndexByte(s, 0)
	for _, d := range dialects {
		q, err := d.Quote(s)
		if nul >= 0 {
			var qe *shq.QuoteError
			if !errors.Is(err, shq.ErrNUL) || !errors.As(err, &qe) || qe.Offset != nul || qe.Index != -1 || q != "" {
				t.Fatalf("%v.Quote(%q) = %q, %v; want a *QuoteError{Index: -1, Offset: %d} wrapping ErrNUL", d, s, q, err, nul)
			}
			if strings.Contains(err.Error(), s) && s != "\x00" {
				t.Fatalf("%v.Quote(%q): the error %q shows the value", d, s, err)
			}
			if b, err := d.AppendQuote([]byte("x"), s); err == nil || string(b) != "x" {
				t.Fatalf("%v.AppendQuote(x, %q) = %q, %v; want x and an error", d, s, b, err)
			}
			if !d.NeedsQuoting(s) {
				t.Fatalf("%v.NeedsQuoting(%q) = false for a string with NUL", d, s)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v.Quote(%q): %v", d, s, err)
		}
		if d.NeedsQuoting(s) != (q != s) {
			t.Fatalf("%v.NeedsQuoting(%q) = %v, but Quote gives %q", d, s, d.NeedsQuoting(s), q)
		}
		if s == "" && q != "''" {
			t.Fatalf("%v.Quote(\"\") = %q, want ''", d, q)
		}
		if b, err := d.AppendQuote([]byte("x"), s); err != nil || string(b) != "x"+q {
			t.Fatalf("%v.AppendQuote(x, %q) = %q, %v; want %q", d, s, b, err, "x"+q)
		}
		family := shelltest.SyntaxSh
		if d == shq.Fish {
			family = shelltest.SyntaxFish
		}
		if i := shelltest.RuleBreak(q, family); i >= 0 {
			t.Fatalf("%v.Quote(%q) = %q: breaks the multi-byte rule at byte %d", d, s, q, i)
		}
		switch d {
		case shq.POSIX:
			if got, ok := decodePOSIX(q); !ok || got != s {
				t.Fatalf("POSIX.Quote(%q) = %q: not of the POSIX form, or reads back as %q", s, q, got)
			}
		case shq.Bash:
			for i := 0; i < len(q); i++ {
				if q[i] < 0x20 || q[i] == 0x7f {
					t.Fatalf("Bash.Quote(%q) = %q: raw control byte at %d", s, q, i)
				}
			}
			if !shelltest.HasMultibyte(s) {
				for i := 0; i < len(q); i++ {
					if q[i] >= utf8.RuneSelf {
						t.Fatalf("Bash.Quote(%q) = %q: raw byte ≥ 0x80, which bash's printf %%q never writes for this input", s, q)
					}
				}
			}
		case shq.Fish:
			if got, why := decodeFish(q); why != "" || got != s {
				t.Fatalf("Fish.Quote(%q) = %q: %s; reads back as %q", s, q, why, got)
			}
		}
		if d == shq.Fish {
			continue
		}
		// Quote's output is an argument, not a command name (Join handles
		// command position), so it is split after a command word.
		words, err := shq.Split("x " + q)
		if err != nil || !slices.Equal(words, []string{"x", s}) {
			t.Fatalf("Split(x + %v.Quote(%q) = %q) = %q, %v", d, s, q, words, err)
		}
		if utf8.ValidString(s) {
			checkMvdan(t, d, s, q)
		}
	}
}

// checkQuoteShells reads each dialect's quoting of s back through the real
// shells of the dialect's matrix, the multibyte locales included, and
// compares Bash output with bash's own printf %q where it must be equal.
func checkQuoteShells(t *testing.T, s string) {
	t.Helper()
	posix, _ := shq.POSIX.Quote(s)
	bash, _ := shq.Bash.Quote(s)
	fish, _ := shq.Fish.Quote(s)
	for _, sh := range shelltest.POSIXShells(t) {
		var opts []shelltest.Option
		if sh.Family == "yash" && !utf8.ValidString(posix) {
			// yash refuses invalid UTF-8 in a UTF-8 locale (the quoting
			// of valid input with an EUC-TW prefix is such); in Latin-1
			// every byte is a character.
			opts = append(opts, shelltest.WithLocale(shelltest.LocaleLatin1))
		}
		wantWord(t, sh, posix, s, opts...)
	}
	for _, sh := range shelltest.BashShells(t) {
		wantWord(t, sh, bash, s)
	}
	for _, loc := range shelltest.MultibyteLocales() {
		shelltest.RequireLocale(t, loc)
		for _, sh := range shelltest.MultibyteShells(t) {
			wantWord(t, sh, posix, s, shelltest.WithLocale(loc))
		}
		for _, sh := range shelltest.BashShells(t) {
			wantWord(t, sh, bash, s, shelltest.WithLocale(loc))
		}
	}
	wantWord(t, shelltest.FishShell(t), fish, s)
	if !shelltest.HasMultibyte(s) {
		sh := shelltest.ShellNamed(t, "bash")
		r := sh.Run(t, "printf %q "+posix)
		if r.Err != nil || r.ExitCode != 0 || string(r.Stdout) != bash {
			t.Fatalf("Bash.Quote(%q) = %q; bash's printf %%q gives %q (%s)", s, bash, r.Stdout, r.String())
		}
	}
}

// wantWord runs `printargs q` in sh and requires exactly the word s. A
// multibyte locale in which yash cannot decode the script is not a failure
// of the quoting: docs/design.md ("Known shell limits").
func wantWord(t *testing.T, sh shelltest.Shell, q, s string, opts ...shelltest.Option) {
	t.Helper()
	if !sh.Available() {
		shelltest.Missing(t, "shell %s is not installed", sh.Name)
	}
	r := sh.Run(t, shelltest.PrinterName+" "+q, opts...)
	if errors.Is(r.Err, shelltest.ErrScriptEncoding) {
		return
	}
	if !r.OK() || len(r.Calls) != 1 || !slices.Equal(r.Calls[0], []string{s}) {
		t.Fatalf("%s: %q should be the one word %q; got %s", sh.Name, q, s, r.String())
	}
}
