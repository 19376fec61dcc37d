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
	// 0x5C (backslash) among them: the multi-byte hazards of the design notes.
	LocaleGBK      = "zh_CN.GBK"
	LocaleBig5     = "zh_TW.BIG5"
	LocaleShiftJIS = "ja_JP.SJIS"
	// An 8-bit locale where every byte is a character: the way to pass
	// invalid UTF-8 through yash.
	LocaleLatin1 = "en_US.ISO-8859-1"
)

// MultibyteLocales returns the locales whose encodings have trail bytes
// that are ASCII punctuation: GBK, Big5 and Shift_JIS.
func MultibyteLocales() []string {
	return []string{LocaleGBK, LocaleBig5, LocaleShiftJIS}
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
