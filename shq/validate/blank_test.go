package validate_test

import (
	"errors"
	"testing"
	"unicode"

	"github.com/safeshell/safeshell/shq/validate"
)

// wantBlank re-derives the definition of docs/design.md ("Command builder
// contract") rune by rune, straight from Go's unicode tables, without the
// package's precomputed table.
func wantBlank(r rune) bool {
	if unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || r == 0x2800 {
		return true
	}
	dicp := unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
	dicp = dicp && !unicode.Is(unicode.White_Space, r) &&
		!(r >= 0xFFF9 && r <= 0xFFFB) && !(r >= 0x13430 && r <= 0x1343F) &&
		!unicode.Is(unicode.Prepended_Concatenation_Mark, r)
	return dicp
}

// publishedDICP is Default_Ignorable_Code_Point as DerivedCoreProperties.txt
// lists it (Unicode 15.0 and 16.0 agree): an independent check that the
// derivation above, applied to Go's tables, gives Unicode's set.
var publishedDICP = [][2]rune{
	{0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
	{0x180B, 0x180F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x206F}, {0x3164, 0x3164},
	{0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3},
	{0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
}

func inPublishedDICP(r rune) bool {
	for _, rg := range publishedDICP {
		if rg[0] <= r && r <= rg[1] {
			return true
		}
	}
	return false
}

func TestIsBlankEveryCodePoint(t *testing.T) {
	var blank, dicpMismatch int
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			// A surrogate has no UTF-8 form; its WTF-8 bytes are invalid
			// UTF-8, which is never blank.
			b := []byte{0xED, byte(0x80 | (r>>6)&0x3F), byte(0x80 | r&0x3F)}
			if validate.IsBlank(string(b)) {
				t.Errorf("IsBlank(surrogate %U bytes) = true", r)
			}
			continue
		}
		want := wantBlank(r)
		s := string(r)
		if got := validate.IsBlank(s); got != want {
			t.Errorf("IsBlank(%U) = %v, want %v", r, got, want)
		}
		if got := validate.IsBlank(s + s + " "); got != want {
			t.Errorf("IsBlank(%U%U+space) = %v, want %v", r, r, got, want)
		}
		if validate.IsBlank(s + "x") {
			t.Errorf("IsBlank(%U+x) = true", r)
		}
		err := validate.NotBlank(s)
		if want != (err != nil) || want && !errors.Is(err, validate.ErrBlank) {
			t.Errorf("NotBlank(%U) = %v, want blank=%v", r, err, want)
		}
		if want {
			blank++
		}
		// The published set, with White_Space removed (none of it is).
		derived := want && !unicode.IsSpace(r) && !unicode.Is(unicode.Cc, r) && r != 0x2800
		if derived != inPublishedDICP(r) {
			dicpMismatch++
			if dicpMismatch <= 10 {
				t.Errorf("%U: derived Default_Ignorable_Code_Point %v, published %v (Go's Unicode %s)", r, derived, inPublishedDICP(r), unicode.Version)
			}
		}
	}
	t.Logf("%d blank code points (Unicode %s)", blank, unicode.Version)
}

func TestIsBlankStrings(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", true},
		{" ", true},
		{" \t\n\v\f\r", true},
		{"\u200b\u200c\u200d\u2060\ufeff", true},
		{"\u2800", true},
		{"\u3164\uffa0\u115f\u1160", true},
		{"\U000E0020\U000E007F", true}, // tag characters
		{"\uFE0F", true},               // variation selector 16
		{"\x00\x1b\x7f\u0085", true},
		{"\u0600", false}, // Prepended_Concatenation_Mark: excluded, renders
		{"\uFFF9", false}, // interlinear annotation: excluded
		{"\U00013430", false},
		{"\xff", false},      // invalid UTF-8 is something
		{" \xe2\x80", false}, // truncated sequence
		{"a", false},
		{"\u00a0x", false},
	} {
		if got := validate.IsBlank(c.s); got != c.want {
			t.Errorf("IsBlank(%q) = %v, want %v", c.s, got, c.want)
		}
	}
	if err := validate.NotBlank(""); !errors.Is(err, validate.ErrEmpty) || errors.Is(err, validate.ErrBlank) {
		t.Errorf("NotBlank(\"\") = %v, want ErrEmpty", err)
	}
	if err := validate.NotBlank(" "); !errors.Is(err, validate.ErrBlank) {
		t.Errorf("NotBlank(\" \") = %v, want ErrBlank", err)
	}
}

// TestErrorUnwrapByClass checks that an error unwraps to the class its rule
// set, not to one guessed from the reason: an empty required part is
// ErrEmpty, a part refused for any other reason ErrInvalid, and every
// error exactly one class.
func TestErrorUnwrapByClass(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want error
	}{
		{"empty", validate.S3Bucket(""), validate.ErrEmpty},
		{"empty bucket", validate.S3URI("s3:///key"), validate.ErrEmpty},
		{"bad bucket", validate.S3URI("s3://A/key"), validate.ErrInvalid},
		{"blank", validate.NotBlank("\u3000"), validate.ErrBlank},
		{"pattern", validate.Pattern("p", "a")(""), validate.ErrEmpty},
		{"one-of", validate.OneOf("a")("b"), validate.ErrInvalid},
		{"zero Error", &validate.Error{Rule: "r", Offset: -1, Reason: "empty"}, validate.ErrInvalid},
	} {
		n := 0
		for _, s := range []error{validate.ErrEmpty, validate.ErrBlank, validate.ErrInvalid} {
			if errors.Is(c.err, s) {
				n++
			}
		}
		if !errors.Is(c.err, c.want) || n != 1 {
			t.Errorf("%s: %v unwraps to %d classes, want only %v", c.name, c.err, n, c.want)
		}
	}
}
