package shq

import (
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"

	"github.com/safeshell/safeshell/internal/hazard"
)

// checkMvdan requires the one-word oracle of internal/hazard to read q,
// the dialect's quoting of s, back as s in bash, and POSIX output also in
// POSIX sh and mksh, with every unquoted byte one the dialect leaves
// unquoted and no glob. It is the check of the design notes for POSIX and
// Bash output of valid UTF-8 input.
func checkMvdan(t fataler, d Dialect, s, q string) {
	t.Helper()
	if !utf8.ValidString(q) {
		if hazard.EUCTWPair(s) {
			return // a quote between the bytes of an EUC-TW prefix
		}
		t.Fatalf("%s: output is not valid UTF-8 although the input is: %q", d, q)
	}
	if hazard.MvdanBlind(q) {
		return // left to the real shells
	}
	langs := []syntax.LangVariant{syntax.LangBash}
	if d == POSIX {
		langs = append(langs, syntax.LangPOSIX, syntax.LangMirBSDKorn)
	}
	for _, lang := range langs {
		fields, globbed, err := hazard.MvdanWord(q, lang, d == Bash, func(i int) bool { return unquotedOK(d, q, i) })
		switch {
		case err != nil:
			t.Fatalf("%s: %q: %v", d, q, err)
		case globbed:
			t.Fatalf("%s %v: %q globs", d, lang, q)
		case len(fields) != 1 || fields[0] != s:
			t.Fatalf("%s %v: %q expands to %q, want [%q]", d, lang, q, fields, s)
		}
	}
}

// unquotedOK reports whether the byte q[i], unquoted and not escaped, is
// one the dialect leaves unquoted there.
func unquotedOK(d Dialect, q string, i int) bool {
	c := q[i]
	if d == Bash {
		return byteClass[c]&plainBash != 0 || c >= utf8.RuneSelf || (c == '#' || c == '~') && i > 0
	}
	return byteClass[c]&safePOSIX != 0
}

// fataler is what the checks need of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}
