package hazard

import (
	"fmt"
	"io/fs"
	"strings"
	"time"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// MvdanWord is the mvdan.cc/sh oracle of a quoted word: it parses q as the
// argument of a command (x q) in lang, requires exactly one plain word made
// of literals, single quotes ($'…' only if dollar), and double quotes with
// no expansion in them, whose unquoted bytes each pass unquoted (given the
// offset in q; an escaped byte counts as quoted), and expands it with HOME
// set and a directory reader under which every glob would match. It
// returns the fields, and whether the expander read a directory at all (a
// quoted word never globs). An error says what is wrong, in terms of q.
//
// On its own the check is blind to a*, =ls and a=~ (mvdan does not glob a
// lone name against itself, nor implement zsh): the real shells cover them.
// mvdan's parser refuses invalid UTF-8, so q must be valid.
func MvdanWord(q string, lang syntax.LangVariant, dollar bool, unquoted func(i int) bool) (fields []string, globbed bool, err error) {
	const prefix = "x "
	f, err := syntax.NewParser(syntax.Variant(lang)).Parse(strings.NewReader(prefix+q), "")
	if err != nil {
		return nil, false, fmt.Errorf("%v: does not parse: %v", lang, err)
	}
	if len(f.Stmts) != 1 {
		return nil, false, fmt.Errorf("%v: %d statements", lang, len(f.Stmts))
	}
	st := f.Stmts[0]
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Assigns) != 0 || len(call.Args) != 2 || len(st.Redirs) != 0 || st.Background || st.Negated || st.Coprocess {
		return nil, false, fmt.Errorf("%v: not exactly one plain argument word", lang)
	}
	w := call.Args[1]
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			off := int(p.Pos().Offset()) - len(prefix)
			for i := 0; i < len(p.Value); i++ {
				if p.Value[i] == '\\' {
					i++ // an escaped byte counts as quoted
					continue
				}
				if !unquoted(off + i) {
					return nil, false, fmt.Errorf("%v: unquoted %q at byte %d", lang, p.Value[i], off+i)
				}
			}
		case *syntax.SglQuoted:
			if p.Dollar && !dollar {
				return nil, false, fmt.Errorf("%v: $'…'", lang)
			}
		case *syntax.DblQuoted:
			if p.Dollar {
				return nil, false, fmt.Errorf("%v: $\"…\"", lang)
			}
			for _, dp := range p.Parts {
				if _, ok := dp.(*syntax.Lit); !ok {
					return nil, false, fmt.Errorf("%v: expansion inside double quotes", lang)
				}
			}
		default:
			return nil, false, fmt.Errorf("%v: word part %T", lang, p)
		}
	}
	fields, globbed, err = MvdanExpand(w)
	if err != nil {
		return nil, globbed, fmt.Errorf("%v: expand: %v", lang, err)
	}
	return fields, globbed, nil
}

// MvdanExpand expands words as a shell would, with HOME set and a directory
// reader that matches nearly every glob. It reports whether anything
// globbed.
func MvdanExpand(words ...*syntax.Word) (fields []string, globbed bool, err error) {
	cfg := &expand.Config{
		Env: expand.ListEnviron("HOME=/home/shq-test", "USER=shq", "PWD=/shq-test", "IFS= \t\n"),
		ReadDir2: func(string) ([]fs.DirEntry, error) {
			globbed = true
			return seedEntries, nil
		},
		ExtGlob: true,
	}
	fields, err = expand.Fields(cfg, words...)
	return fields, globbed, err
}

// MvdanBlind reports whether mvdan.cc/sh (v3.14.1) cannot read text as
// bash does, so that its verdict would be wrong; real shells check those
// inputs. Its lexer turns CR LF into LF everywhere, inside quotes too, and
// so drops the CR that every real shell keeps. Its $'…' decoder reads 8 and
// 9 as octal digits: bash reads $'\018' as \01 then 8, mvdan as one bad
// escape that yields a NUL (found by FuzzSplit, corpus file
// found-mvdan-octal-escape-8-9). A line continuation right after an escaped
// backslash stays in its words: bash reads \\\<newline> as one backslash,
// mvdan as a backslash and a newline (found by FuzzSplit, corpus file
// found-mvdan-continuation-after-backslash).
func MvdanBlind(text string) bool {
	if strings.Contains(text, "\r\n") || strings.Contains(text, `\\\`+"\n") {
		return true
	}
	if !strings.Contains(text, "$'") {
		return false
	}
	for i := 0; i+2 < len(text); i++ {
		// \[0-7]{1,2}[89]
		if text[i] != '\\' || !isOctal(text[i+1]) {
			continue
		}
		j := i + 2
		if isOctal(text[j]) && j+1 < len(text) {
			j++
		}
		if text[j] == '8' || text[j] == '9' {
			return true
		}
	}
	return false
}

func isOctal(c byte) bool { return '0' <= c && c <= '7' }

// seedEntries is what the expander's directory reader returns for every
// directory: a name for each printable ASCII byte and a few longer ones, so
// that nearly any glob would match. The reader also records that it was
// called at all, which is the real test: a quoted word never globs.
var seedEntries = func() []fs.DirEntry {
	var e []fs.DirEntry
	for c := byte(' '); c <= '~'; c++ {
		if c != '/' {
			e = append(e, dirEntry(string(c)))
		}
	}
	for _, n := range []string{"aa", "ab", "a b", "-x", "x=y", "[a]", "a*", "#a", "^a", "{a,b}", ".hidden"} {
		e = append(e, dirEntry(n))
	}
	return e
}()

type dirEntry string

func (e dirEntry) Name() string               { return string(e) }
func (e dirEntry) IsDir() bool                { return true }
func (e dirEntry) Type() fs.FileMode          { return fs.ModeDir }
func (e dirEntry) Info() (fs.FileInfo, error) { return fileInfo(e), nil }

type fileInfo string

func (i fileInfo) Name() string       { return string(i) }
func (i fileInfo) Size() int64        { return 0 }
func (i fileInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return true }
func (i fileInfo) Sys() any           { return nil }

// EUCTWPair reports whether s holds the bytes 8E A1–B0, the first two
// bytes of an EUC-TW four-byte character, which bash in EUC-TW reads
// together with whatever two bytes follow. Where such a pair ends a quoted
// run the quoter must put a quote between its bytes, so its output of
// valid UTF-8 holding the pair (U+23AE ⎮, U+33A1 ㎡, U+63A1 採, many
// Hangul syllables) may be invalid UTF-8, which mvdan.cc/sh does not
// parse: such output is left to the real shells and the dialect's own
// decoder.
func EUCTWPair(s string) bool {
	for i := strings.IndexByte(s, 0x8e); i >= 0 && i+1 < len(s); {
		if c := s[i+1]; 0xa1 <= c && c <= 0xb0 {
			return true
		}
		j := strings.IndexByte(s[i+1:], 0x8e)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
