package shq

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/safeshell/safeshell/internal/shelltest"
)

const localeGB18030 = "zh_CN.GB18030"

// mbRefused are lines that bash reads differently in a multi-byte locale,
// each with the offset of the syntax byte Split must refuse, and the
// locales (of GBK and GB18030) in which bash reads it otherwise than in
// UTF-8. Each runs the printer, so that bash's reading shows.
var mbRefused = []struct {
	line    string
	off     int
	locales []string
}{
	// An escaping backslash after a byte ≥ 0x80: one character with it.
	{"x\x81\\;printargs y", 2, []string{shelltest.LocaleGBK, localeGB18030}},
	{"x \xe9\\ y", 3, []string{shelltest.LocaleGBK, localeGB18030}},
	{"x é\\ y", 4, nil}, // C3 A9: A9 5C is no character there, but the test is local
	{"x \x81\\\ny", 3, []string{shelltest.LocaleGBK, localeGB18030}},
	{"x \"\x81\\\" y\"", 4, []string{shelltest.LocaleGBK, localeGB18030}},
	{"x \"\x81\\\\\" y", 4, []string{shelltest.LocaleGBK, localeGB18030}},
	{"x $'\x81\\'' y", 5, []string{shelltest.LocaleGBK, localeGB18030}},
	// Any syntax byte after [81-FE][30-39] or 8E [A1-B0]: the start of a
	// four-byte character, which takes in the next byte.
	{"x \x810 y", 4, []string{localeGB18030}},
	{"x \x810", 4, nil}, // at the end: what follows the line would be taken in
	{"x \x810\ty", 4, []string{localeGB18030}},
	{"x '\x810' y", 5, []string{localeGB18030}},
	{"x \"\x810\" y", 5, []string{localeGB18030}},
	{"x \x810'a b'", 4, []string{localeGB18030}},
	{"x \x810\"a b\"", 4, []string{localeGB18030}},
	{"x \x810\\ y", 4, []string{localeGB18030}},
	{"x \x810$'a\\tb'", 4, []string{localeGB18030}},
	{"x \x810\\\ny", 4, []string{localeGB18030}},
	{"x \"\x810\\a\" y", 5, nil}, // the backslash stays: same bytes either way
	{"x $'\x810' y", 6, []string{localeGB18030}},
	{"x \x81\x30\x81\x30 y", 6, nil}, // a whole four-byte character: the test is local
	{"x \xfe9 y", 4, []string{localeGB18030}},
	{"x \x8e\xa1 y", 4, nil}, // EUC-TW
	{"x '\x8e\xb0'", 5, nil}, // EUC-TW
	{"x é0 y", 5, nil},       // A9 30: aligned, C3 A9 is one character
	{"x \x81é0 y", 6, []string{localeGB18030}},
}

// mbAccepted are lines near the refused ones that Split accepts.
var mbAccepted = []struct {
	line string
	want []string
}{
	{"x '\x81\\'", []string{"x", "\x81\\"}},            // no escape in '…'
	{"x \"\x81\\a\"", []string{"x", "\x81\\a"}},        // the backslash stays
	{"x \\\x81 y", []string{"x", "\x81", "y"}},         // backslash before, not after
	{"x \x810a y", []string{"x", "\x810a", "y"}},       // a literal byte after the pair
	{"x \x8e\xb1 y", []string{"x", "\x8e\xb1", "y"}},   // B1 is past B0
	{"x \xff0 y", []string{"x", "\xff0", "y"}},         // FF is past FE
	{"x \x800 y", []string{"x", "\x800", "y"}},         // 80 is before 81
	{"x '\x81'0 y", []string{"x", "\x810", "y"}},       // the fix writers use
	{"x $'\\201'\\\\ y", []string{"x", "\x81\\", "y"}}, // Bash writes $'\201'
	{"x é y", []string{"x", "é", "y"}},
}

func TestSplitMultibyte(t *testing.T) {
	for _, c := range mbRefused {
		words, err := Split(c.line)
		var se *SyntaxError
		if !errors.As(err, &se) || !errors.Is(err, ErrNotLiteral) || se.Offset != c.off || words != nil {
			t.Errorf("Split(%q) = %q, %v; want a refusal at byte %d", c.line, words, err, c.off)
			continue
		}
		if se.Reason != reasonMBEscape && se.Reason != reasonMBPrefix {
			t.Errorf("Split(%q): reason %q", c.line, se.Reason)
		}
	}
	for _, c := range mbAccepted {
		words, err := Split(c.line)
		if err != nil || !cmp.Equal(words, c.want) {
			t.Errorf("Split(%q) = %q, %v; want %q", c.line, words, err, c.want)
		}
	}
}

// TestSplitMultibyteBash checks the refusals against bash: each line that
// names a locale, run by bash there, gives other calls of the printer (or
// another exit status) than in UTF-8, so Split could not have one answer.
func TestSplitMultibyteBash(t *testing.T) {
	if testing.Short() {
		t.Skip("runs bash")
	}
	sh := shelltest.ShellNamed(t, "bash")
	for _, loc := range []string{shelltest.LocaleGBK, localeGB18030} {
		shelltest.RequireLocale(t, loc)
	}
	checked := 0
	for _, c := range mbRefused {
		for _, loc := range c.locales {
			script := shelltest.PrinterName + " " + c.line
			utf8 := sh.Run(t, script)
			mb := sh.Run(t, script, shelltest.WithLocale(loc))
			if utf8.Err != nil || mb.Err != nil {
				t.Fatalf("%q: %v; %v", c.line, utf8.Err, mb.Err)
			}
			if !utf8.OK() {
				t.Errorf("%q: bash in UTF-8 does not read it cleanly: %s", c.line, utf8.String())
			}
			if mb.OK() && slices.EqualFunc(utf8.Calls, mb.Calls, slices.Equal) {
				t.Errorf("%q: bash reads it alike in %s and UTF-8: %s", c.line, loc, mb.String())
			}
			checked++
		}
	}
	t.Logf("%d line and locale pairs read differently", checked)
}

// TestTemplateMultibyte checks that a template's program text obeys the
// same rule (a template is valid UTF-8, so only characters whose last
// bytes form the pairs can be refused).
func TestTemplateMultibyte(t *testing.T) {
	for _, c := range []struct {
		tpl string
		off int
	}{
		{"p é\\ x", 4},
		{"p é0 x", 5},
		{"p 'é0' x", 6},
		{"p \"é0\" x", 6},
		{"p \"é\\$\"", 5},
		{"p é0{a}", 5},
		{"p é0\\\nx", 5},
		{"p x{a}中0 y", 10}, // E4 B8 AD: AD 30
	} {
		_, err := UncheckedTemplate(c.tpl)
		var se *SyntaxError
		if !errors.As(err, &se) || !errors.Is(err, ErrNotLiteral) || se.Offset != c.off ||
			se.Reason != reasonMBEscape && se.Reason != reasonMBPrefix {
			t.Errorf("UncheckedTemplate(%q): %v; want the multi-byte refusal at byte %d", c.tpl, err, c.off)
		}
	}
	if _, err := UncheckedTemplate("p 'é'0 中 x{a}0"); err != nil {
		t.Error(err)
	}
}
