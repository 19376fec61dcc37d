package shelltest

import (
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// Locale names the harness knows. [Shell.Run] sets LC_ALL to [DefaultLocale]
// unless [WithLocale] names another.
const (
	DefaultLocale = "C.UTF-8"
	// GBK, Big5 and Shift_JIS have trail bytes in the ASCII range,
	// 0x5C (backslash) among them.
	LocaleGBK      = "zh_CN.GBK"
	LocaleBig5     = "zh_TW.BIG5"
	LocaleShiftJIS = "ja_JP.SJIS"
	// GB18030 and EUC-TW have four-byte characters whose first two bytes
	// make bash take in whatever byte comes next.
	LocaleGB18030 = "zh_CN.GB18030"
	LocaleEUCTW   = "zh_TW.EUC-TW"
	// An 8-bit locale where every byte is a character: the way to pass
	// invalid UTF-8 through yash.
	LocaleLatin1 = "en_US.ISO-8859-1"
)

// multibyteLocales are the locales of every ASCII-compatible multi-byte
// charmap glibc ships, each made with localedef -i LANG -f CHARMAP NAME,
// with the charmap's name for iconv.
var multibyteLocales = []struct{ name, charmap string }{
	{LocaleGBK, "GBK"},
	{LocaleBig5, "BIG5"},
	{LocaleShiftJIS, "SHIFT_JIS"},
	{LocaleGB18030, "GB18030"},
	{"zh_CN.GB2312", "GB2312"},
	{LocaleEUCTW, "EUC-TW"},
	{"zh_HK.BIG5-HKSCS", "BIG5-HKSCS"},
	{"ja_JP.EUC-JP", "EUC-JP"},
	{"ja_JP.EUC-JP-MS", "EUC-JP-MS"},
	{"ja_JP.SHIFT_JISX0213", "SHIFT_JISX0213"},
	{"ja_JP.EUC-JISX0213", "EUC-JISX0213"},
	{"ko_KR.EUC-KR", "EUC-KR"},
	{"ko_KR.CP949", "CP949"},
	{"ko_KR.JOHAB", "JOHAB"},
}

// MultibyteLocales returns the locales of every ASCII-compatible
// multi-byte charmap glibc ships: GBK, Big5, Shift_JIS, GB18030, GB2312,
// EUC-TW, Big5-HKSCS, EUC-JP, EUC-JP-MS, Shift_JISX0213, EUC-JISX0213,
// EUC-KR, CP949 and JOHAB.
func MultibyteLocales() []string {
	out := make([]string, len(multibyteLocales))
	for i, l := range multibyteLocales {
		out[i] = l.name
	}
	return out
}

// Charmap returns the charmap of a locale of [MultibyteLocales] under the
// name iconv knows it by, or "" for any other locale.
func Charmap(locale string) string {
	for _, l := range multibyteLocales {
		if l.name == locale {
			return l.charmap
		}
	}
	return ""
}

// ValidIn reports, for each of lines, whether its bytes are valid text in
// the charmap of the locale (a locale of [MultibyteLocales]), as iconv
// finds them: the lines that yash, which decodes its script and refuses it
// whole for one bad sequence, can be given. A line that does not come back
// unchanged through the charmap and UTF-8 counts as invalid. Two iconv
// processes check all the lines.
func ValidIn(t testing.TB, locale string, lines []string) []bool {
	t.Helper()
	enc := Charmap(locale)
	if enc == "" {
		t.Fatalf("shelltest: ValidIn: %s is not a multi-byte locale of the harness", locale)
	}
	if _, err := exec.LookPath("iconv"); err != nil {
		Missing(t, "iconv: %v", err)
	}
	// Each line is followed by four newlines, more than any character of
	// these charmaps can take in after an incomplete sequence, and then a
	// marker: a bad sequence at the end of a line cannot eat the marker.
	const flush, marker = "\n\n\n\n", "\x1f@shelltest@\x1f"
	var in strings.Builder
	for _, l := range lines {
		if strings.Contains(l, marker) {
			t.Fatalf("shelltest: ValidIn: a line holds the harness's marker")
		}
		in.WriteString(l + flush + marker)
	}
	// -c drops what it cannot convert, so a line with an invalid sequence
	// comes back different.
	there := exec.Command("iconv", "-c", "-f", enc, "-t", "UTF-8")
	there.Stdin = strings.NewReader(in.String())
	utf, _ := there.Output() // exit 1 after -c drops something: expected
	back := exec.Command("iconv", "-c", "-f", "UTF-8", "-t", enc)
	back.Stdin = strings.NewReader(string(utf))
	out, _ := back.Output()
	got := strings.Split(string(out), marker)
	if len(got) != len(lines)+1 {
		t.Fatalf("shelltest: ValidIn(%s): iconv gave %d lines for %d", locale, len(got)-1, len(lines))
	}
	valid := make([]bool, len(lines))
	for i := range lines {
		valid[i] = got[i] == lines[i]+flush
	}
	return valid
}

var locales struct {
	once sync.Once
	set  map[string]bool // normalised names from `locale -a`
	err  error
}

// normLocale normalises a locale name as glibc does for its file names: the
// codeset after "." loses case and every character that is not a letter or
// digit ("zh_CN.GBK" → "zh_CN.gbk", "en_US.ISO-8859-1" → "en_US.iso88591",
// "C.UTF-8" → "C.utf8"); a modifier after "@" is kept.
func normLocale(name string) string {
	base, mod, hasMod := strings.Cut(name, "@")
	lang, codeset, ok := strings.Cut(base, ".")
	if ok {
		var b strings.Builder
		for _, r := range strings.ToLower(codeset) {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		base = lang + "." + b.String()
	}
	if hasMod {
		base += "@" + mod
	}
	return base
}

// HasLocale reports whether the named locale is installed, as `locale -a`
// lists it. "C" and "POSIX" always are.
func HasLocale(name string) bool {
	n := normLocale(name)
	if n == "C" || n == "POSIX" {
		return true
	}
	locales.once.Do(func() {
		out, err := exec.Command("locale", "-a").Output()
		if err != nil {
			locales.err = err
			return
		}
		locales.set = map[string]bool{}
		for _, l := range strings.Fields(string(out)) {
			locales.set[normLocale(l)] = true
		}
	})
	return locales.set[n]
}

// RequireLocale calls [Missing] unless the named locale is installed. The
// design notes (Verification) say how to make the locales on a Debian
// machine, with localedef.
func RequireLocale(t testing.TB, name string) {
	t.Helper()
	if !HasLocale(name) {
		if locales.err != nil {
			Missing(t, "locale %s: `locale -a` failed: %v", name, locales.err)
		}
		Missing(t, "locale %s is not installed (see docs/design.md, Verification: localedef)", name)
	}
}
