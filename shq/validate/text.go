package validate

import (
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// blankTable holds every rune that IsBlank treats as blank, other than the
// ASCII ones (which IsBlank tests directly). It is derived once, at package
// initialisation, from Go's unicode tables; see isBlankRune.
var blankTable = buildBlankTable()

// isDefaultIgnorable is Unicode's derivation of Default_Ignorable_Code_Point
// (DerivedCoreProperties.txt): Other_Default_Ignorable_Code_Point + Cf +
// Variation_Selector − White_Space − U+FFF9..U+FFFB (interlinear
// annotation) − U+13430..U+1343F (Egyptian hieroglyph format controls) −
// Prepended_Concatenation_Mark. Those exclusions change how text renders,
// so they are not invisible.
func isDefaultIgnorable(r rune) bool {
	if !unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) &&
		!unicode.Is(unicode.Cf, r) &&
		!unicode.Is(unicode.Variation_Selector, r) {
		return false
	}
	switch {
	case unicode.Is(unicode.White_Space, r),
		0xFFF9 <= r && r <= 0xFFFB,
		0x13430 <= r && r <= 0x1343F,
		unicode.Is(unicode.Prepended_Concatenation_Mark, r):
		return false
	}
	return true
}

// isBlankRune is the definition of a blank rune, shared with the command
// builder in package shq (the design notes, "Command builder contract"):
// whitespace, a default-ignorable code point, a control character, or
// U+2800 BRAILLE PATTERN BLANK, which prints as nothing.
func isBlankRune(r rune) bool {
	return unicode.IsSpace(r) || isDefaultIgnorable(r) ||
		unicode.Is(unicode.Cc, r) || r == 0x2800
}

// buildBlankTable walks only the runes of the source tables, a few thousand
// in all, rather than every code point, so initialisation stays cheap.
func buildBlankTable() *unicode.RangeTable {
	var cand []rune
	add := func(t *unicode.RangeTable) {
		for _, r := range t.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				cand = append(cand, c)
			}
		}
		for _, r := range t.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				cand = append(cand, c)
			}
		}
	}
	add(unicode.Other_Default_Ignorable_Code_Point)
	add(unicode.Cf)
	add(unicode.Variation_Selector)
	add(unicode.White_Space)
	add(unicode.Cc)
	cand = append(cand, 0x2800)
	slices.Sort(cand)
	cand = slices.Compact(cand)

	t := &unicode.RangeTable{}
	for _, c := range cand {
		if !isBlankRune(c) {
			continue
		}
		if c <= 0xFFFF {
			if n := len(t.R16); n > 0 && rune(t.R16[n-1].Hi)+1 == c {
				t.R16[n-1].Hi = uint16(c)
				continue
			}
			t.R16 = append(t.R16, unicode.Range16{Lo: uint16(c), Hi: uint16(c), Stride: 1})
			if c <= unicode.MaxLatin1 {
				t.LatinOffset = len(t.R16)
			}
			continue
		}
		if n := len(t.R32); n > 0 && rune(t.R32[n-1].Hi)+1 == c {
			t.R32[n-1].Hi = uint32(c)
			continue
		}
		t.R32 = append(t.R32, unicode.Range32{Lo: uint32(c), Hi: uint32(c), Stride: 1})
	}
	return t
}

// IsBlank reports whether s shows nothing: every rune of s is whitespace
// (unicode.IsSpace), a Default_Ignorable_Code_Point as Unicode derives it
// (zero-width spaces and joiners, U+FEFF, soft hyphen, bidi controls,
// Hangul fillers, variation selectors, tag characters…), a control
// character (Cc), or U+2800 BRAILLE PATTERN BLANK.
//
// This is the one definition of blank in safeshell: the command builder in
// package shq and NotBlank both use it. The empty string is blank.
// Invalid UTF-8 is not blank: a byte that is not a character is something.
func IsBlank(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII blanks are the controls, space and DEL.
			if c > ' ' && c != 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !unicode.Is(blankTable, r) {
			return false
		}
		i += n
	}
	return true
}

// NotEmpty refuses the empty string and accepts everything else.
//
// The empty string is the motivating hazard of this library: `aws s3 ls ""`
// lists every bucket in the account. It admits a leading '-'.
func NotEmpty(s string) error {
	if s == "" {
		return report("not-empty", s, emptyFault)
	}
	return nil
}

// NotBlank refuses a value that is empty or blank (see IsBlank): one that
// would expand to no word unquoted, or that a reviewer could not see.
// The empty string unwraps to ErrEmpty, a blank one to ErrBlank.
//
// It admits a leading '-'; the command builder's option check is what stops
// an option-shaped value in operand position.
func NotBlank(s string) error {
	if s == "" {
		return report("not-blank", s, emptyFault)
	}
	if IsBlank(s) {
		return report("not-blank", s, blankFault)
	}
	return nil
}

// NoLeadingDash refuses a value that starts with '-', which a program would
// read as an option (CWE-88), a lone "-" included. It refuses a prefix
// rather than a list of option names because abbreviations (--upl for
// --upload-pack) and joined short options defeat a denylist. The empty
// string passes; combine with NotEmpty to refuse it.
func NoLeadingDash(s string) error {
	if s != "" && s[0] == '-' {
		return report("no-leading-dash", s, at(0, "leading '-' would be read as an option"))
	}
	return nil
}

// Printable accepts valid UTF-8 with no control character (Cc: C0, DEL, C1)
// and no bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E,
// U+200F, U+061C), so that what a person reviews is what runs: those are
// the "Trojan Source" characters of CVE-2021-42574
// (https://trojansource.codes/). Other invisible characters pass (use
// NotBlank against values made only of them). The empty string passes.
// It admits a leading '-'.
func Printable(s string) error { return report("printable", s, printable(s)) }

func printable(s string) fault {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return at(i, describe(s, i, ""))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.Is(unicode.Cc, r) || isBidiControl(r) {
			return at(i, describe(s, i, ""))
		}
		i += n
	}
	return okFault
}

// MaxLen returns a check that refuses a value longer than n bytes. Bytes,
// not runes, because argument and line limits are counted in bytes.
// A negative n refuses everything.
func MaxLen(n int) func(string) error {
	return func(s string) error {
		if len(s) > n {
			return report("max-len", s, whole("want at most "+strconv.Itoa(n)+" bytes"))
		}
		return nil
	}
}
