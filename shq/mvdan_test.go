package shq

import (
	"io/fs"
	"strings"
	"time"
	"unicode/utf8"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// checkMvdan parses the quoted word q with mvdan.cc/sh, requires exactly one
// word whose unquoted parts hold only bytes the dialect allows there, expands
// it with HOME set and a directory reader under which every glob matches,
// and requires exactly one field equal to s. It is the check of docs/design.md
// for POSIX and Bash output of valid UTF-8 input; on its own it is blind to
// a*, =ls and a=~ (mvdan does not glob a lone name against itself, nor
// implement zsh), which the real shells cover.
func checkMvdan(t fataler, d Dialect, s, q string) {
	t.Helper()
	if !utf8.ValidString(q) {
		t.Fatalf("%s: output is not valid UTF-8 although the input is: %q", d, q)
	}
	langs := []syntax.LangVariant{syntax.LangBash}
	if d == POSIX {
		langs = append(langs, syntax.LangPOSIX, syntax.LangMirBSDKorn)
	}
	for _, lang := range langs {
		// The word is parsed as an argument, not in command position.
		f, err := syntax.NewParser(syntax.Variant(lang)).Parse(strings.NewReader("x "+q), "")
		if err != nil {
			t.Fatalf("%s %v: %q does not parse: %v", d, lang, q, err)
		}
		if len(f.Stmts) != 1 {
			t.Fatalf("%s %v: %q parses as %d statements", d, lang, q, len(f.Stmts))
		}
		st := f.Stmts[0]
		call, ok := st.Cmd.(*syntax.CallExpr)
		if !ok || len(call.Args) != 2 || len(call.Assigns) > 0 || len(st.Redirs) > 0 || st.Background || st.Negated {
			t.Fatalf("%s %v: %q is not exactly one argument word", d, lang, q)
		}
		word := call.Args[1]
		for _, part := range word.Parts {
			switch part := part.(type) {
			case *syntax.Lit:
				checkUnquoted(t, d, q, part.Value, part.Pos().Offset() == word.Pos().Offset())
			case *syntax.SglQuoted:
				if part.Dollar && d != Bash {
					t.Fatalf("%s: %q uses $'…'", d, q)
				}
			case *syntax.DblQuoted:
				for _, in := range part.Parts {
					if _, ok := in.(*syntax.Lit); !ok {
						t.Fatalf("%s: %q has an expansion inside double quotes", d, q)
					}
				}
			default:
				t.Fatalf("%s: %q has a %T part", d, q, part)
			}
		}
		fields, err := expand.Fields(mvdanConfig(s), word)
		if err != nil {
			t.Fatalf("%s %v: expanding %q: %v", d, lang, q, err)
		}
		if len(fields) != 1 || fields[0] != s {
			t.Fatalf("%s %v: %q expands to %q, want [%q]", d, lang, q, fields, s)
		}
	}
}

// checkUnquoted checks the unquoted text of a literal: every byte not
// escaped by a backslash must be one the dialect leaves unquoted, and no
// escaping backslash may follow a byte ≥ 0x80.
func checkUnquoted(t fataler, d Dialect, q, lit string, atStart bool) {
	t.Helper()
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		if c == '\\' {
			if i > 0 && lit[i-1] >= utf8.RuneSelf {
				t.Fatalf("%s: %q has an escaping backslash right after a byte ≥ 0x80", d, q)
			}
			i++
			continue
		}
		ok := byteClass[c]&safePOSIX != 0
		if d == Bash {
			ok = byteClass[c]&plainBash != 0 || c >= utf8.RuneSelf ||
				(c == '#' || c == '~') && (i > 0 || !atStart)
		}
		if !ok {
			t.Fatalf("%s: %q has byte %#x unquoted", d, q, c)
		}
	}
}

// mvdanConfig expands with HOME set, and a directory in which every glob
// that could come from s matches: s itself, s with x appended, s with every
// glob byte replaced, and every one-byte name.
func mvdanConfig(s string) *expand.Config {
	names := []string{s, s + "x", "x" + s, strings.Map(func(r rune) rune {
		if strings.ContainsRune("*?[]!^@+()", r) {
			return 'x'
		}
		return r
	}, s)}
	for c := byte(0x20); c < 0x7f; c++ {
		names = append(names, string(c))
	}
	var entries []fs.DirEntry
	for _, n := range names {
		if n != "" && !strings.ContainsRune(n, '/') {
			entries = append(entries, dirEntry(n))
		}
	}
	return &expand.Config{
		Env:      expand.ListEnviron("HOME=/home/shq-test", "USER=shq"),
		ReadDir2: func(string) ([]fs.DirEntry, error) { return entries, nil },
		ExtGlob:  true,
	}
}

// fataler is what the checks need of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

type dirEntry string

func (e dirEntry) Name() string               { return string(e) }
func (e dirEntry) IsDir() bool                { return false }
func (e dirEntry) Type() fs.FileMode          { return 0 }
func (e dirEntry) Info() (fs.FileInfo, error) { return fileInfo(e), nil }

type fileInfo string

func (i fileInfo) Name() string       { return string(i) }
func (i fileInfo) Size() int64        { return 0 }
func (i fileInfo) Mode() fs.FileMode  { return 0o644 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }
