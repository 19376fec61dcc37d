package shelltest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"testing"
)

// Batch limits: one shell process runs at most this many lines, and a
// script of at most this many bytes (Linux refuses a single argument, the
// -c script, of 128 KiB or more).
const (
	batchMaxLines = 500
	batchMaxBytes = 120 << 10
	// After this many batches that could not be used whole, the remaining
	// lines run one by one.
	batchMaxFailures = 8
)

// LineResult is what one line of [Shell.WordsBatch] gave.
type LineResult struct {
	// Words are the arguments of the line's one call of the printer.
	// Nil when Err is set.
	Words []string
	// Err is set when the line, run on its own, did not make exactly one
	// call with a clean exit ([Result.OK]). It describes the run.
	Err error
	// Alone is the line's own run (`printargs LINE`) when it was run on its
	// own because the batch could not be attributed line by line; nil when
	// the batch result was used.
	Alone *Result
}

// WordsBatch checks many lines in few shell processes: it runs
// `printargs MARKER_i LINE_i` for each line i, one per script line, in one
// process per batch of up to 500 lines (and 120 KiB), and returns the
// words each line gave, in order: results[i] is for lines[i].
//
// A batch is trusted line by line only as far as it is exactly what clean
// lines make: for each line one call whose first argument is its marker,
// nothing written to standard output or error before it (the printer marks
// both streams), and at the end a zero exit status and no further output.
// From the first line where that breaks (a line that injected a command or
// an extra call, broke the parse of the rest, or made the shell fail), the
// suspect lines (that one and the one before it) are run on their own, so
// the failure is attributed to the line that caused it, and the batch
// resumes after them. When a shell refuses the whole script (posh and fish
// parse it all before running any of it; yash refuses undecodable bytes),
// the batch is split in halves until the bad line is found.
//
// All lines of a batch run in one shell process, so a line that changes the
// shell's state (set -f, cd) without leaving a trace in the output affects
// the lines after it; such a line's own words never equal a single quoted
// word, so the test of that line fails.
//
// Options are those of [Shell.Run]; the timeout applies to each process.
// Under go test -short it skips t, as Run does.
func (sh Shell) WordsBatch(t testing.TB, lines []string, opts ...Option) []LineResult {
	t.Helper()
	if skipShort(t) {
		return nil
	}
	sh.require(t)
	b := batcher{t: t, sh: sh, c: newConfig(opts), lines: lines, res: make([]LineResult, len(lines))}
	var nonce [6]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	b.prefix = "shq" + hex.EncodeToString(nonce[:]) + "_"
	b.c.mark = "shelltest-mark:"
	b.process(0, len(lines))
	return b.res
}

type batcher struct {
	t      testing.TB
	sh     Shell
	c      config
	lines  []string
	res    []LineResult
	prefix string // marker prefix; the marker of line i is prefix+i
	failed int    // batches that could not be used whole
}

func (b *batcher) marker(i int) string { return b.prefix + strconv.Itoa(i) }

// process fills b.res[lo:hi].
func (b *batcher) process(lo, hi int) {
	b.t.Helper()
	for lo < hi {
		if b.failed >= batchMaxFailures {
			// Something spoils every batch (a shell that always writes to
			// stderr, say): stop paying for batches that cannot be used.
			for ; lo < hi; lo++ {
				b.alone(lo)
			}
			return
		}
		// Make a chunk [lo, k).
		k, size := lo, 0
		for k < hi && k-lo < batchMaxLines {
			n := len(PrinterName) + len(b.marker(k)) + len(b.lines[k]) + 3
			if k > lo && size+n > batchMaxBytes {
				break
			}
			size += n
			k++
		}
		if k-lo == 1 {
			b.alone(lo)
			lo = k
			continue
		}
		g := b.runChunk(lo, k)
		if lo+g == k {
			lo = k
			continue
		}
		b.failed++
		bad := lo + g
		if bad > lo {
			b.alone(bad - 1) // may have written what showed up before bad's call
		}
		b.alone(bad)
		if bad == lo && b.res[bad].Err == nil && k-lo > 2 {
			// The chunk failed as a whole although its first line is
			// fine: a later line stopped the whole script. Bisect.
			mid := (lo + 1 + k) / 2
			b.process(lo+1, mid)
			b.process(mid, k)
			lo = k
			continue
		}
		lo = bad + 1
	}
}

// runChunk runs lines [lo, k) as one script and records the result of each
// line of the longest prefix that is exactly as clean lines make it. It
// returns that prefix's length, or k-lo if the whole run was clean.
func (b *batcher) runChunk(lo, k int) int {
	b.t.Helper()
	var script []byte
	for i := lo; i < k; i++ {
		script = append(script, PrinterName+" "+b.marker(i)+" "...)
		script = append(script, b.lines[i]...)
		script = append(script, '\n')
	}
	r := b.sh.run(b.t, string(script), b.c)
	out, errOut := r.Stdout, r.Stderr
	g := 0
	for i := lo; i < k; i++ {
		j := i - lo
		m := []byte("\x00" + b.c.mark + b.marker(i) + "\x00")
		if j >= len(r.Calls) || len(r.Calls[j]) == 0 || r.Calls[j][0] != b.marker(i) ||
			!bytes.HasPrefix(out, m) || !bytes.HasPrefix(errOut, m) {
			break
		}
		out, errOut = out[len(m):], errOut[len(m):]
		b.res[i] = LineResult{Words: r.Calls[j][1:]}
		g++
	}
	if g == k-lo && (len(r.Calls) != g || len(out) > 0 || len(errOut) > 0 || r.ExitCode != 0 || r.Err != nil) {
		g-- // the last line may be the cause
	}
	return max(g, 0)
}

// alone runs line i on its own and records the result.
func (b *batcher) alone(i int) {
	b.t.Helper()
	c := b.c
	c.mark = ""
	r := b.sh.run(b.t, PrinterName+" "+b.lines[i], c)
	lr := LineResult{Alone: &r}
	if r.OK() && len(r.Calls) == 1 {
		lr.Words = r.Calls[0]
	} else {
		lr.Err = fmt.Errorf("line %d, run on its own: want one call of the printer and a clean exit; got %s", i, r.String())
	}
	b.res[i] = lr
}
