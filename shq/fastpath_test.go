package shq

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// The quoting that the fast paths of Quote and Join must give, written out
// run by run from the rules of each dialect (see the comments of posix.go
// and login.go), with the shared tail functions of the multi-byte rule.

// naivePOSIX returns the POSIX quoting of s, or the error Quote gives.
func naivePOSIX(s string, first bool) (string, error) {
	if j := strings.IndexByte(s, 0); j >= 0 {
		return "", ErrNUL
	}
	if s == "" {
		return "''", nil
	}
	safe := true
	for i := 0; i < len(s); i++ {
		safe = safe && byteClass[s[i]]&safePOSIX != 0
	}
	if safe && !(first && commandWord(s)) {
		return s, nil
	}
	var b []byte
	for s != "" {
		k := 1
		for k < len(s) && (s[k] == '\'') == (s[0] == '\'') {
			k++
		}
		run := s[:k]
		s = s[k:]
		if run[0] == '\'' {
			b = append(append(append(b, '"'), run...), '"')
			continue
		}
		t := len(run) - hazardTail(run)
		b = append(append(append(b, '\''), run[:t]...), '\'')
		b = appendTail(b, run[t:])
	}
	return string(b), nil
}

// naiveLogin returns the Login quoting of s, or the error Quote gives.
func naiveLogin(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", ErrNUL
	}
	if strings.IndexByte(s, '\n') >= 0 {
		return "", ErrNewline
	}
	if s == "" {
		return "''", nil
	}
	safe := true
	for i := 0; i < len(s); i++ {
		safe = safe && byteClass[s[i]]&safeLogin != 0
	}
	if safe {
		return s, nil
	}
	var b []byte
	for s != "" {
		switch s[0] {
		case '\'':
			b = append(b, `"'"`...)
			s = s[1:]
			continue
		case '\\', '!':
			b = append(b, '\\', s[0])
			s = s[1:]
			continue
		}
		k := strings.IndexAny(s, `'\!`)
		if k < 0 {
			k = len(s)
		}
		run := s[:k]
		s = s[k:]
		t := len(run) - hazardTail(run)
		b = append(append(append(b, '\''), run[:t]...), '\'')
		b = appendTail(b, run[t:])
	}
	if len(b) > LoginMaxWord {
		return "", ErrLoginLength
	}
	return string(b), nil
}

// fastPathInputs returns every string of up to four bytes over an alphabet
// of the bytes the fast paths tell apart (quote, the bytes Login writes
// outside quotes, the refused bytes, the bytes of hazard pairs and tails),
// and random strings of such pieces up to 300 bytes long, across the
// lengths where the paths change (short, class pass, IndexByte).
func fastPathInputs() []string {
	alphabet := []byte{'a', '\'', ' ', '\\', '!', '\n', 0, '0', 0x81, 0x8e, 0xa1, '%', 0xc3}
	in := []string{""}
	level := []string{""}
	for range 4 {
		var next []string
		for _, p := range level {
			for _, c := range alphabet {
				next = append(next, p+string([]byte{c}))
			}
		}
		in = append(in, next...)
		level = next
	}
	r := rand.New(rand.NewPCG(7, 7))
	pieces := []string{"a", "bc", "x y", "'", "''", "\\", "!", "\n", "\x00", "0", "9", "\x81", "\x8e", "\xa1", "\xb0", "é", "☕", "%", "=", "$"}
	for range 20000 {
		var b strings.Builder
		n := r.IntN(40)
		if r.IntN(4) == 0 {
			n = r.IntN(150)
		}
		for range n {
			p := pieces[r.IntN(len(pieces))]
			if (p == "\x00" || p == "\n") && r.IntN(8) != 0 {
				continue // keep most strings quotable
			}
			b.WriteString(p)
		}
		in = append(in, b.String())
	}
	in = append(in, strings.Repeat("'", 1024), strings.Repeat("a'", 600), strings.Repeat("x", 4000)+"'\\!"+strings.Repeat("\x81", 3))
	return in
}

// TestFastPathsMatchNaive checks POSIX and Login Quote, and POSIX Join,
// against the naive writers above: the same bytes, or the same refusal.
func TestFastPathsMatchNaive(t *testing.T) {
	inputs := fastPathInputs()
	for _, s := range inputs {
		for _, c := range []struct {
			name      string
			got, want func(string) (string, error)
		}{
			{"Quote", Quote, func(s string) (string, error) { return naivePOSIX(s, false) }},
			{"POSIX.Quote", POSIX.Quote, func(s string) (string, error) { return naivePOSIX(s, false) }},
			{"Login.Quote", Login.Quote, naiveLogin},
			{"Join", func(s string) (string, error) { return Join(s) }, func(s string) (string, error) { return naivePOSIX(s, true) }},
		} {
			got, err := c.got(s)
			want, wantErr := c.want(s)
			if got != want || (err == nil) != (wantErr == nil) || err != nil && !errors.Is(err, wantErr) {
				t.Fatalf("%s(%q) = %q, %v; want %q, %v", c.name, s, got, err, want, wantErr)
			}
		}
	}
	r := rand.New(rand.NewPCG(8, 8))
	for range 20000 {
		args := make([]string, 1+r.IntN(9))
		var want []string
		var wantErr error
		for i := range args {
			args[i] = inputs[r.IntN(len(inputs))]
			q, err := naivePOSIX(args[i], i == 0)
			if err != nil && wantErr == nil {
				wantErr = err
			}
			want = append(want, q)
		}
		got, err := Join(args...)
		if wantErr != nil {
			if !errors.Is(err, wantErr) || got != "" {
				t.Fatalf("Join(%q) = %q, %v; want %v", args, got, err, wantErr)
			}
			continue
		}
		if err != nil || got != strings.Join(want, " ") {
			t.Fatalf("Join(%q) = %q, %v; want %q", args, got, err, strings.Join(want, " "))
		}
	}
}
