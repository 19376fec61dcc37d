package shq

import (
	"strings"
	"testing"
)

func TestAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under coverage and race instrumentation")
	}
	long := strings.Repeat("it's a test ", 100)
	buf := make([]byte, 0, 64<<10)
	args := []string{"aws", "s3", "ls", "s3://my bucket/", "--region", "eu-west-1", "it's", "a b"}
	cases := []struct {
		name string
		want float64
		f    func()
	}{
		{"Quote/safe", 0, func() { _, _ = Quote("my-bucket.example_1") }},
		{"Bash.Quote/safe", 0, func() { _, _ = Bash.Quote("a=b#c~d") }},
		{"Fish.Quote/safe", 0, func() { _, _ = Fish.Quote("my-bucket") }},
		{"Quote/space", 1, func() { _, _ = Quote("hello world") }},
		{"Quote/long", 1, func() { _, _ = Quote(long) }},
		{"Quote/empty", 0, func() { _, _ = Quote("") }},
		{"Bash.Quote/empty", 0, func() { _, _ = Bash.Quote("") }},
		{"Bash.Quote/ansic", 1, func() { _, _ = Bash.Quote("a\nb\x01€'") }},
		{"Bash.Quote/backslash", 1, func() { _, _ = Bash.Quote("€;it's") }},
		{"Fish.Quote/mixed", 1, func() { _, _ = Fish.Quote("a\nb\x80'\\") }},
		{"Join/8", 1, func() { _, _ = Join(args...) }},
		{"Join/long", 1, func() { _, _ = Join(long, long, "it's") }},
		{"Join/1safe", 0, func() { _, _ = Join("my-bucket") }},
		{"Join/1quoted", 1, func() { _, _ = Join("it's") }},
		{"Bash.Join/8", 1, func() { _, _ = Bash.Join(args...) }},
		{"AppendQuote/room", 0, func() { _, _ = AppendQuote(buf[:0], long) }},
		{"Bash.AppendQuote/room", 0, func() { _, _ = Bash.AppendQuote(buf[:0], "a\nb\x01€'") }},
		{"AppendJoin/room", 0, func() { _, _ = AppendJoin(buf[:0], args...) }},
		{"Fish.AppendJoin/room", 0, func() { _, _ = Fish.AppendJoin(buf[:0], args...) }},
		{"NeedsQuoting", 0, func() { _ = NeedsQuoting("hello world") }},
		// The words' bytes and the slice of words, whatever the quoting.
		{"Split", 2, func() { _, _ = Split(`cp -- 'a b' "c\"d" $'e\tf' g\ h i j k l m n o p q`) }},
	}
	for _, c := range cases {
		if got := testing.AllocsPerRun(100, c.f); got != c.want {
			t.Errorf("%s: %v allocations, want %v", c.name, got, c.want)
		}
	}
}
