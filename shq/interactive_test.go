package shq

import (
	"testing"

	"github.com/safeshell/safeshell/internal/shelltest"
)

// TestInteractiveBash types Bash output into an interactive bash on a
// pseudo-terminal, as a person pasting it would: the line editor acts on
// control characters, and history expansion (! and ^a^b after a newline) is
// on. Every word must come back as the same bytes. POSIX output, which
// carries control bytes raw, would fail here (Ctrl-U kills the line), which
// is why the Bash dialect exists.
func TestInteractiveBash(t *testing.T) {
	inputs := []string{"!", "!!", "!$", "a!b", "^a^b", "x\n^a^b", "\n^x^y", "!-1", "a\"!\"b", "it's!"}
	for c := byte(1); c < 0x20; c++ {
		inputs = append(inputs, string(c), "a"+string(c)+"b")
	}
	inputs = append(inputs, "\x7f", "a\x15b\rc", "\x1b[A", "€\x01!", "naïve\tcafé", "\x80\xff")
	s := shelltest.StartInteractive(t)
	defer s.Close()
	for _, in := range inputs {
		q, err := Bash.Quote(in)
		if err != nil {
			t.Fatal(err)
		}
		calls, err := s.Type(shelltest.PrinterName + " " + q)
		if err != nil {
			t.Errorf("typing %q: %v\nterminal: %s", q, err, s.Screen())
			continue
		}
		if len(calls) != 1 || !equalWords(calls[0], []string{in}) {
			t.Errorf("typing %q for %q: printer calls %q", q, in, calls)
		}
	}
}

// TestInteractivePOSIXControl shows why POSIX output is not for a person:
// typed into an interactive bash, Ctrl-U inside single quotes kills what
// was typed before it. The test fails if that ever stops being true, and
// then the package documentation must change.
func TestInteractivePOSIXControl(t *testing.T) {
	q, err := Quote("a\x15b")
	if err != nil {
		t.Fatal(err)
	}
	s := shelltest.StartInteractive(t)
	defer s.Close()
	calls, err := s.Type(shelltest.PrinterName + " " + q)
	if err == nil && len(calls) == 1 && equalWords(calls[0], []string{"a\x15b"}) {
		t.Fatalf("POSIX output %q survived the line editor; revise the docs of POSIX", q)
	}
}
