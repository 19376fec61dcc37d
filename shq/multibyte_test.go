package shq

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/internal/shelltest"
)

// sweepSyntax are the bytes a dialect writes as syntax, which a multi-byte
// character before them could take in, and "" for the end of the word,
// where the caller's next byte follows.
var sweepSyntax = []string{"'", `"`, `\`, " ", "$", ""}

// sweepInputs returns the inputs of the multi-byte sweep: every pair of a
// byte ≥ 0x80 and any byte but NUL, and the triples the rule names (the
// hazard pairs of GB18030 and EUC-TW with a third byte: a digit, or a lead
// byte from each end of the range), each followed by each of sweepSyntax.
// With all set, b2 runs over every byte; otherwise over a sample that has
// each class of second byte in the fourteen charmaps (controls, the ASCII
// syntax bytes, digits, ASCII letters, 0x5C, 0x7F, 0x80, 0xA0, the edges of
// A1-B0, and 0xFE, 0xFF), and the second bytes of the four Big5-HKSCS
// characters that map to two code points, which ksh93 and yash have been
// seen to mishandle.
func sweepInputs(all bool) []string {
	var seconds []byte
	if all {
		for b := 1; b < 256; b++ {
			seconds = append(seconds, byte(b))
		}
	} else {
		// 0x88 with b, d, A3 and A5 are the four Big5-HKSCS characters
		// that map to two code points.
		seconds = []byte{0x01, '\n', ' ', '"', '$', '\'', '0', '9', '@', 'A', '\\', '`', 'b', 'd', 'z', '~', 0x7f,
			0x80, 0x8e, 0xa0, 0xa1, 0xa3, 0xa5, 0xb0, 0xb1, 0xfe, 0xff}
	}
	var pairs []string
	for b1 := 0x80; b1 < 256; b1++ {
		for _, b2 := range seconds {
			pairs = append(pairs, string([]byte{byte(b1), b2}))
		}
	}
	for b1 := 0x81; b1 < 0xff; b1 += 5 {
		for _, b2 := range []byte{'0', '9'} {
			for _, b3 := range []byte{0x81, 0xa1, 0xfe, '5'} {
				pairs = append(pairs, string([]byte{byte(b1), b2, b3}))
			}
		}
	}
	for b2 := 0xa1; b2 <= 0xb0; b2++ {
		for _, b3 := range []byte{'0', '9', 0xa1, 0xfe} {
			pairs = append(pairs, string([]byte{0x8e, byte(b2), b3}))
		}
	}
	var inputs []string
	for _, p := range pairs {
		for _, s := range sweepSyntax {
			inputs = append(inputs, p+s)
		}
	}
	return inputs
}

// TestMultibyteRule checks the written rule on every input of the sweep
// and on Join: no dialect writes an escaping backslash right after a byte
// ≥ 0x80, or any syntax right after a GB18030 or EUC-TW hazard pair, or
// ends a word with one; and POSIX and Bash output still splits back to the
// input. It needs no shell: the real shells read the same inputs back in
// TestShellMultibyteSweep.
func TestMultibyteRule(t *testing.T) {
	inputs := sweepInputs(!testing.Short())
	for _, d := range append(dialects, Login) {
		for _, s := range inputs {
			q, err := d.Quote(s)
			if d == Login && errors.Is(err, ErrNewline) {
				continue // no encoding carries a newline to every login shell
			}
			if err != nil {
				t.Fatalf("%s.Quote(%q): %v", d, s, err)
			}
			checkRule(t, d, q)
			line, err := d.Join("x", s, "y")
			if err != nil {
				t.Fatalf("%s.Join(x, %q, y): %v", d, s, err)
			}
			checkRule(t, d, line)
			if d == Fish {
				continue // fish reads it in TestShellQuoteFish
			}
			if words, err := Split(line); err != nil || !slices.Equal(words, []string{"x", s, "y"}) {
				t.Fatalf("Split(%s.Join(x, %q, y) = %q) = %q, %v", d, s, line, words, err)
			}
		}
	}
	t.Logf("%d inputs in %d dialects", len(inputs), len(dialects)+1)
}

// TestHazardTail checks hazardTail against the definition on every byte
// pair and the triples that chain two hazards.
func TestHazardTail(t *testing.T) {
	for a := range 256 {
		for b := range 256 {
			s := string([]byte{'x', byte(a), byte(b)})
			want := 0
			if shelltest.HazardPair(byte(a), byte(b)) {
				want = 1
			}
			if got := hazardTail(s); got != want {
				t.Fatalf("hazardTail(%q) = %d, want %d", s, got, want)
			}
		}
	}
	for b := 0xa1; b <= 0xb0; b++ {
		for c := '0'; c <= '9'; c++ {
			s := string([]byte{0x8e, byte(b), byte(c)})
			if got := hazardTail(s); got != 2 {
				t.Fatalf("hazardTail(%q) = %d, want 2", s, got)
			}
		}
	}
}

// TestShellMultibyteSweep reads the sweep back through real shells in every
// multi-byte locale: bash reads the POSIX and Bash quoting of every input;
// ksh93, zsh, mksh and yash read POSIX output, ksh93 Bash output and fish
// Fish output of the sample. yash gets the inputs that are valid in the locale's charmap (it
// refuses a whole script for one bad sequence).
func TestShellMultibyteSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("real shells in 14 locales: not with -short")
	}
	all, sample := sweepInputs(true), sweepInputs(false)
	quoted := func(d Dialect, inputs []string) []string {
		out := make([]string, len(inputs))
		for i, s := range inputs {
			q, err := d.Quote(s)
			if err != nil {
				t.Fatalf("%s.Quote(%q): %v", d, s, err)
			}
			out[i] = q
		}
		return out
	}
	check := func(t *testing.T, sh shelltest.Shell, d Dialect, loc string, inputs []string) {
		words := quoted(d, inputs)
		if sh.Family == "yash" {
			valid := shelltest.ValidIn(t, loc, words)
			var in []string
			for i, ok := range valid {
				if ok {
					in = append(in, inputs[i])
				}
			}
			t.Logf("yash: %d of %d inputs valid in %s once quoted", len(in), len(inputs), loc)
			inputs, words = in, quoted(d, in)
		}
		bad := sh.ReadBack(t, words, inputs, shelltest.WithLocale(loc))
		for i, m := range bad {
			if i == 10 {
				t.Fatalf("%d words read back wrong", len(bad))
			}
			t.Errorf("%s.Quote(%q) = %q: %s", d, inputs[m.Index], words[m.Index], m.Run.String())
		}
	}
	for _, loc := range shelltest.MultibyteLocales() {
		t.Run(loc, func(t *testing.T) {
			t.Parallel()
			for _, sh := range shelltest.MultibyteShells(t) {
				in := sample
				if sh.Family == "bash" {
					in = all
				}
				t.Run(fmt.Sprintf("posix/%s", sh.Name), func(t *testing.T) { check(t, sh, POSIX, loc, in) })
			}
			for _, sh := range shelltest.BashShells(t) {
				in := sample
				if sh.Family == "bash" {
					in = all
				}
				t.Run(fmt.Sprintf("bash/%s", sh.Name), func(t *testing.T) { check(t, sh, Bash, loc, in) })
			}
			t.Run("fish/fish", func(t *testing.T) {
				sh := shelltest.FishShell(t)
				check(t, sh, Fish, loc, fishCarries(t, sh, loc, sample))
			})
		})
	}
}

// TestShellSplitLocales is Split's differential test in the multi-byte
// locales: lines made from pieces biased toward the hazards (lead bytes,
// the GB18030 and EUC-TW pairs, digits, quotes, backslashes, $'…') are
// split, and every line Split accepts must give the same words in bash in
// every multi-byte locale.
func TestShellSplitLocales(t *testing.T) {
	if testing.Short() {
		t.Skip("real shells in 14 locales: not with -short")
	}
	pieces := []string{"\x81", "\x8e", "\xa1", "\xad", "\xb0", "\xfe", "\xff", "中", "€", "Ꭱ",
		"0", "9", "a", "\\", "\\\\", "'", "\"", " ", "$'", "\\n", "\\x41", "\\101", "@", "`", "|", ";", "\n"}
	r := rand.New(rand.NewPCG(9, 9))
	var lines []string
	var want [][]string
	tried := 0
	for len(lines) < 4000 && tried < 400000 {
		tried++
		var b strings.Builder
		for n := 1 + r.IntN(8); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		words, err := Split(b.String())
		if err != nil || len(words) == 0 {
			continue
		}
		lines = append(lines, b.String())
		want = append(want, words)
	}
	t.Logf("%d lines accepted of %d tried", len(lines), tried)
	if len(lines) < 4000 {
		t.Fatalf("only %d lines accepted: the generator no longer reaches Split's language", len(lines))
	}
	sh := shelltest.ShellNamed(t, "bash")
	for _, loc := range shelltest.MultibyteLocales() {
		t.Run(loc, func(t *testing.T) {
			bad := sh.ReadBackLines(t, lines, want, shelltest.WithLocale(loc))
			for i, m := range bad {
				if i == 10 {
					t.Fatalf("%d lines read differently", len(bad))
				}
				t.Errorf("Split(%q) = %q, but %s", lines[m.Index], want[m.Index], m.Run.String())
			}
		})
	}
}
