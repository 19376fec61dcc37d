package bench

import (
	"slices"
	"testing"

	"github.com/safeshell/safeshell/shq"
)

// sink keeps results alive so the compiler cannot drop the work.
var sink string

// BenchmarkQuote quotes every input with every library, and with shq's
// Login dialect (lib=shq-login, run right after lib=shq so that the two
// samples meet the same load). A library that refuses an input is skipped
// for it; one that gets it wrong still runs (README.md leaves it out of the
// comparison).
func BenchmarkQuote(b *testing.B) {
	libs := slices.Insert(slices.Clone(quoters), 1, loginQuoter)
	for _, in := range quoteInputs {
		b.Run("in="+in.name, func(b *testing.B) {
			for _, q := range libs {
				b.Run("lib="+q.name, func(b *testing.B) {
					if _, err := q.quote(in.s); err != nil {
						b.Skipf("refused: %v", err)
					}
					b.ReportAllocs()
					b.SetBytes(int64(len(in.s)))
					for b.Loop() {
						sink, _ = q.quote(in.s)
					}
				})
			}
		})
	}
}

// BenchmarkAppendQuote measures shq.AppendQuote into a reused buffer, as
// strconv's benchmarks do: the cost of quoting without the allocation.
func BenchmarkAppendQuote(b *testing.B) {
	buf := make([]byte, 0, 8<<10)
	for _, in := range quoteInputs {
		if len(in.s) > 4096 {
			continue
		}
		b.Run("in="+in.name, func(b *testing.B) {
			b.Run("lib=shq", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(in.s)))
				for b.Loop() {
					buf, _ = shq.AppendQuote(buf[:0], in.s)
				}
			})
		})
	}
}

// BenchmarkJoin quotes and joins an 8-argument command.
func BenchmarkJoin(b *testing.B) {
	n := 0
	for _, a := range joinArgs {
		n += len(a)
	}
	b.Run("in=args8", func(b *testing.B) {
		for _, j := range joiners {
			b.Run("lib="+j.name, func(b *testing.B) {
				if _, err := j.join(joinArgs); err != nil {
					b.Skipf("refused: %v", err)
				}
				b.ReportAllocs()
				b.SetBytes(int64(n))
				for b.Loop() {
					sink, _ = j.join(joinArgs)
				}
			})
		}
	})
}

// words keeps Split results alive.
var words []string

// BenchmarkSplit splits typical command lines.
func BenchmarkSplit(b *testing.B) {
	for _, in := range splitInputs {
		b.Run("in="+in.name, func(b *testing.B) {
			for _, s := range splitters {
				b.Run("lib="+s.name, func(b *testing.B) {
					if _, err := s.split(in.s); err != nil {
						b.Skipf("refused: %v", err)
					}
					b.ReportAllocs()
					b.SetBytes(int64(len(in.s)))
					for b.Loop() {
						words, _ = s.split(in.s)
					}
				})
			}
		})
	}
}

// TestSplitAgree checks that the split inputs mean the same words to every
// library, so that BenchmarkSplit compares equal work.
func TestSplitAgree(t *testing.T) {
	for _, in := range splitInputs {
		want, err := shq.Split(in.s)
		if err != nil {
			t.Fatalf("shq.Split(%q): %v", in.s, err)
		}
		for _, s := range splitters {
			got, err := s.split(in.s)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("%s: split(%q) = %q, %v; want %q", s.name, in.s, got, err, want)
			}
		}
	}
}

// TestJoinAgree checks that every joiner gives a line that splits back to
// the arguments.
func TestJoinAgree(t *testing.T) {
	for _, j := range joiners {
		line, err := j.join(joinArgs)
		if err != nil {
			t.Errorf("%s: %v", j.name, err)
			continue
		}
		got, err := shq.Split(line)
		if err != nil || !slices.Equal(got, joinArgs) {
			t.Errorf("%s: Split(%q) = %q, %v", j.name, line, got, err)
		}
	}
}

// TestJoinOneAlloc holds shq.Join to one allocation for the 8 arguments.
func TestJoinOneAlloc(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { sink, _ = shq.Join(joinArgs...) }); n != 1 {
		t.Errorf("shq.Join of %d arguments: %v allocations, want 1", len(joinArgs), n)
	}
}
