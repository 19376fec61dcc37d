package fuzz

import (
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/safeshell/safeshell/shq"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// tb is what the checks need from *testing.T and *rapid.T alike (rapid.T
// has no Helper), so that each property is written once.
type tb interface {
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Logf(format string, args ...any)
}

// shellsEnabled reports whether SHQ_FUZZ_SHELLS asks for real shells.
func shellsEnabled() bool { return os.Getenv("SHQ_FUZZ_SHELLS") == "1" }

var dialects = []shq.Dialect{shq.POSIX, shq.Bash, shq.Fish}

// posixSafe is the POSIX safe set, written out here independently of shq
// (docs/design.md, "Quoting contract"): bytes that no shell of the POSIX matrix
// treats specially anywhere in a word.
var posixSafe = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./,:@+%")

// fishSafe is the Fish safe set: POSIX's without % (%self expands).
var fishSafe = byteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./,:@+")

func byteSet(s string) (t [256]bool) {
	for i := 0; i < len(s); i++ {
		t[s[i]] = true
	}
	return t
}

// unquotedOK reports whether byte q[i], unquoted and unescaped in a word of
// dialect d, is literal in every shell of the dialect. For Bash (the output
// of printf %q) that adds = (bash has no =cmd), # and ~ where they are not
// special, and bytes ≥ 0x80 (printable multi-byte runes are left as they
// are). i is the offset of the byte in the word.
func unquotedOK(d shq.Dialect, q string, i int) bool {
	c := q[i]
	if posixSafe[c] {
		return true
	}
	if d != shq.Bash {
		return false
	}
	switch {
	case c == '=' || c >= utf8.RuneSelf:
		return true
	case c == '#':
		return i > 0
	case c == '~':
		return i > 0 && q[i-1] != '=' && q[i-1] != ':'
	}
	return false
}

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

// mvdanExpand expands words as a shell would, with HOME set and a directory
// reader that matches every glob. It reports whether anything globbed.
func mvdanExpand(words ...*syntax.Word) (fields []string, globbed bool, err error) {
	cfg := &expand.Config{
		Env: expand.ListEnviron("HOME=/home/fuzz", "PWD=/fuzz", "IFS= \t\n"),
		ReadDir2: func(string) ([]fs.DirEntry, error) {
			globbed = true
			return seedEntries, nil
		},
	}
	fields, err = expand.Fields(cfg, words...)
	return fields, globbed, err
}

// checkMvdan parses q, the dialect's quoting of s, as the argument of a
// command (LangPOSIX for POSIX, LangBash for Bash), requires exactly one word
// made of literals, single quotes, $'…' (Bash only) and double quotes without
// expansions, whose unquoted bytes are all safe, expands it and compares the
// result with s. mvdan's parser refuses invalid UTF-8, so s must be valid.
// It is skipped for output with CR LF, which mvdan reads as LF even inside
// quotes (see mvdanBlind).
func checkMvdan(t tb, d shq.Dialect, s, q string) {
	if mvdanBlind(q) {
		return
	}
	lang := syntax.LangPOSIX
	if d == shq.Bash {
		lang = syntax.LangBash
	}
	const prefix = "x "
	f, err := syntax.NewParser(syntax.Variant(lang)).Parse(strings.NewReader(prefix+q), "")
	if err != nil {
		t.Fatalf("%v.Quote(%q) = %q: mvdan parse: %v", d, s, q, err)
	}
	if len(f.Stmts) != 1 {
		t.Fatalf("%v.Quote(%q) = %q: %d statements", d, s, q, len(f.Stmts))
	}
	st := f.Stmts[0]
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Assigns) != 0 || len(call.Args) != 2 || len(st.Redirs) != 0 || st.Background || st.Negated || st.Coprocess {
		t.Fatalf("%v.Quote(%q) = %q: not exactly one plain word", d, s, q)
	}
	w := call.Args[1]
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			off := int(p.Pos().Offset()) - len(prefix)
			v := p.Value
			for i := 0; i < len(v); i++ {
				if v[i] == '\\' {
					i++ // an escaped byte counts as quoted
					continue
				}
				if !unquotedOK(d, q, off+i) {
					t.Fatalf("%v.Quote(%q) = %q: unquoted %q at byte %d", d, s, q, v[i], off+i)
				}
			}
		case *syntax.SglQuoted:
			if p.Dollar && d != shq.Bash {
				t.Fatalf("%v.Quote(%q) = %q: $'…' outside the Bash dialect", d, s, q)
			}
		case *syntax.DblQuoted:
			if p.Dollar {
				t.Fatalf("%v.Quote(%q) = %q: $\"…\"", d, s, q)
			}
			for _, dp := range p.Parts {
				if _, ok := dp.(*syntax.Lit); !ok {
					t.Fatalf("%v.Quote(%q) = %q: expansion inside double quotes", d, s, q)
				}
			}
		default:
			t.Fatalf("%v.Quote(%q) = %q: word part %T", d, s, q, p)
		}
	}
	fields, globbed, err := mvdanExpand(w)
	if err != nil {
		t.Fatalf("%v.Quote(%q) = %q: mvdan expand: %v", d, s, q, err)
	}
	if globbed {
		t.Fatalf("%v.Quote(%q) = %q: mvdan tried to glob it", d, s, q)
	}
	if !slices.Equal(fields, []string{s}) {
		t.Fatalf("%v.Quote(%q) = %q: mvdan expands it to %q", d, s, q, fields)
	}
}

// mvdanBlind reports whether mvdan.cc/sh (v3.14.1) cannot read text as
// bash does, so that its verdict would be wrong; real shells check those
// inputs. Its lexer turns CR LF into LF everywhere, inside quotes too, and
// so drops the CR that every real shell keeps. Its $'…' decoder reads 8 and
// 9 as octal digits: bash reads $'\018' as \01 then 8, mvdan as one bad
// escape that yields a NUL (found by FuzzSplit, corpus file
// found-mvdan-octal-escape-8-9). A line continuation right after an escaped
// backslash stays in its words: bash reads \\\<newline> as one backslash,
// mvdan as a backslash and a newline (found by FuzzSplit, corpus file
// found-mvdan-continuation-after-backslash).
func mvdanBlind(text string) bool {
	return strings.Contains(text, "\r\n") ||
		strings.Contains(text, `\\\`+"\n") ||
		strings.Contains(text, "$'") && mvdanOctal.MatchString(text)
}

var mvdanOctal = regexp.MustCompile(`\\[0-7]{1,2}[89]`)

// decodePOSIX reads POSIX output by the dialect's own grammar, for any
// bytes: unquoted safe bytes, '…' holding anything but ', and "…" holding
// only '. No backslash and no other construct is allowed. ok is false for
// anything else.
func decodePOSIX(q string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(q); {
		switch c := q[i]; {
		case c == '\'':
			j := strings.IndexByte(q[i+1:], '\'')
			if j < 0 {
				return "", false
			}
			b.WriteString(q[i+1 : i+1+j])
			i += j + 2
		case c == '"':
			// A run of ', or one byte A1-B0 moved out of a single-quoted
			// run by the multi-byte rule.
			j := i + 1
			for j < len(q) && q[j] == '\'' {
				j++
			}
			if j == i+1 && j < len(q) && 0xa1 <= q[j] && q[j] <= 0xb0 {
				j++
			}
			if j == i+1 || j == len(q) || q[j] != '"' {
				return "", false
			}
			b.WriteString(q[i+1 : j])
			i = j + 1
		case posixSafe[c]:
			b.WriteByte(c)
			i++
		default:
			return "", false
		}
	}
	return b.String(), q != ""
}

// fishEscapes are the letter escapes fish reads outside quotes.
var fishEscapes = map[byte]byte{'a': '\a', 'b': '\b', 't': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r', 'e': 0x1b}

// decodeFish reads Fish output by fish 3's grammar as the dialect uses it:
// unquoted safe bytes, '…' with \\ and \' as the only escapes (any other
// backslash is literal), and outside quotes the escapes \a \b \t \n \v \f
// \r \e, \xHH for ASCII and \XHH for a byte ≥ 0x80. It also enforces the
// dialect's structure: nothing raw outside quotes but safe bytes, and inside
// quotes no control byte, no invalid UTF-8, no U+2028 or U+2029.
func decodeFish(q string) (string, string) {
	var b strings.Builder
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\'':
			i++
			for {
				if i == len(q) {
					return "", "unterminated quote"
				}
				c := q[i]
				if c == '\'' {
					i++
					break
				}
				if c == '\\' && i+1 < len(q) && (q[i+1] == '\\' || q[i+1] == '\'') {
					b.WriteByte(q[i+1])
					i += 2
					continue
				}
				if c < 0x20 || c == 0x7f {
					return "", "control byte inside quotes"
				}
				if c >= utf8.RuneSelf {
					r, n := utf8.DecodeRuneInString(q[i:])
					if n == 1 {
						return "", "invalid UTF-8 inside quotes"
					}
					if r == '\u2028' || r == '\u2029' {
						return "", "line or paragraph separator inside quotes"
					}
					b.WriteString(q[i : i+n])
					i += n
					continue
				}
				b.WriteByte(c)
				i++
			}
		case c == '\\':
			if i+1 == len(q) {
				return "", "backslash at the end"
			}
			e := q[i+1]
			if e == '\\' || e == '\'' {
				// Written outside the quotes after a raw rune.
				b.WriteByte(e)
				i += 2
				continue
			}
			if v, ok := fishEscapes[e]; ok {
				b.WriteByte(v)
				i += 2
				continue
			}
			if (e == 'x' || e == 'X') && i+4 <= len(q) {
				v, ok := hexByte(q[i+2 : i+4])
				if !ok || e == 'x' && v >= 0x80 || e == 'X' && v < 0x80 {
					return "", "bad hex escape"
				}
				b.WriteByte(v)
				i += 4
				continue
			}
			return "", "unknown escape"
		case fishSafe[c]:
			b.WriteByte(c)
			i++
		default:
			return "", "unsafe byte outside quotes"
		}
	}
	if q == "" {
		return "", "empty output"
	}
	return b.String(), ""
}

func hexByte(s string) (byte, bool) {
	var v byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | (c - '0')
		case 'a' <= c && c <= 'f':
			v = v<<4 | (c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			v = v<<4 | (c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return v, true
}

// maxShellInput keeps the real-shell checks to inputs that fit comfortably in
// one sh -c argument after quoting (which can grow a value fivefold).
const maxShellInput = 4 << 10
