//go:build linux

package shelltest

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestInteractive(t *testing.T) {
	t.Parallel()
	w, err := Interactive(t, `'a b' c`)
	if err != nil || !slices.Equal(w, []string{"a b", "c"}) {
		t.Fatalf("got %s, %v", FormatWords(w), err)
	}
}

// The line editor acts on what is typed: these lines give different words
// on a terminal than in a script, which is what the pty path is for.
func TestInteractiveLineEditor(t *testing.T) {
	t.Parallel()
	s := StartInteractive(t)
	cases := []struct {
		line string
		want []string
	}{
		{"printargs x", []string{"x"}},
		// Ctrl-U kills the text before the cursor: only "y" is left.
		{"printargs x\x15printargs y", []string{"y"}},
		// Ctrl-A moves to the start of the line.
		{"b\x01printargs a", []string{"ab"}},
		// History expansion: !! is the previous line.
		{"printargs '!!' !!", []string{"!!", "printargs", "ab"}},
		// A carriage return inside quotes ends the line: PS2, then the
		// rest is the next line of the same command.
		{"printargs 'a\rb'", []string{"a\nb"}},
	}
	for _, c := range cases {
		calls, err := s.Type(c.line)
		if err != nil {
			t.Fatalf("Type(%q): %v\n%s", c.line, err, s.Screen())
		}
		if len(calls) != 1 || !slices.Equal(calls[0], c.want) {
			t.Errorf("Type(%q) = %s, want %s\n%s", c.line, FormatCalls(calls), FormatWords(c.want), s.Screen())
		}
	}
	calls, err := s.Type("printargs 'open")
	if !errors.Is(err, ErrIncomplete) || len(calls) != 0 {
		t.Errorf("open quote: %s, %v", FormatCalls(calls), err)
	}
	calls, err = s.Type("printargs after")
	if err != nil || len(calls) != 1 || !slices.Equal(calls[0], []string{"after"}) {
		t.Errorf("after Ctrl-C: %s, %v\n%s", FormatCalls(calls), err, s.Screen())
	}
}

// Closing a session kills what bash left running, even in other process
// groups (job control gives each job its own).
func TestInteractiveCleanup(t *testing.T) {
	t.Parallel()
	s := StartInteractive(t, WithTimeout(5*time.Second))
	calls, err := s.Type("sleep 1000 & printargs $!")
	if err != nil || len(calls) != 1 {
		t.Fatalf("%s, %v\n%s", FormatCalls(calls), err, s.Screen())
	}
	calls2, err := s.Type("(trap '' HUP; exec sleep 1001) & disown; printargs $!")
	if err != nil || len(calls2) != 1 {
		t.Fatalf("%s, %v\n%s", FormatCalls(calls2), err, s.Screen())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range [][]string{calls[0], calls2[0]} {
		pid := 0
		for _, ch := range c[0] {
			pid = pid*10 + int(ch-'0')
		}
		waitGone(t, pid)
	}
}
