package shelltest

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// readBackMaxBytes bounds one script of [Shell.ReadBack], below the 128 KiB
// Linux allows one argument (the -c script).
const readBackMaxBytes = 120 << 10

// The separator ReadBack's printing writes after each field, and the last
// word of each line, which ends its record: words the harness's own lines
// add, which no word under test holds.
const (
	readBackSep = "\x1c\x1d\x1c\x1d"
	readBackEnd = "shq_end"
)

// A Mismatch is a word that [Shell.ReadBack] found read back as something
// other than the one field wanted.
type Mismatch struct {
	// Index is the word's position in the list given to ReadBack.
	Index int
	// Run is the word's own run: the shell with only that word.
	Run Result
}

// ReadBack checks, with many words to one shell process, that each of
// words reads back as exactly one field equal to the same element of want.
// It returns the words that do not, each with its own run, and the words
// that ran the harness's printer (an injected command). It is the check
// for sweeps of hundreds of thousands of words: each word is printed with
// the shell's printf builtin, through a format from a variable, so no
// process is started per word, and a word is never the value of a variable
// (ksh93 mangles "$v" for some multi-byte values, a fault of expansion, not
// of parsing). mksh, which has no printf builtin, prints with print -r in a
// function; it does not decode multi-byte text.
//
// The words of a script are checked in order against the output. A word
// whose record is wrong but is followed by the next word's record read back
// differently without breaking the parse; it is reported and the check goes
// on. From a word that broke the parse or made the shell stop, that word is
// run on its own to attribute the failure, and a new script starts after
// it. fish parses the whole script first, so
// there a word that breaks the parse fails the script's first word too. Options are those of [Shell.Run]; the
// timeout applies to each process.
func (sh Shell) ReadBack(t testing.TB, words, want []string, opts ...Option) []Mismatch {
	t.Helper()
	w := make([][]string, len(want))
	for i, s := range want {
		w[i] = []string{s}
	}
	return sh.ReadBackLines(t, words, w, opts...)
}

// ReadBackLines is [Shell.ReadBack] for lines of any number of words: it
// checks that line i (the arguments of a command, so no operators) gives
// exactly the fields want[i].
func (sh Shell) ReadBackLines(t testing.TB, words []string, want [][]string, opts ...Option) []Mismatch {
	t.Helper()
	sh.require(t)
	if len(words) != len(want) {
		t.Fatalf("shelltest: ReadBack: %d lines, %d wanted", len(words), len(want))
	}
	c := newConfig(opts)
	prelude, cmd := readBackPrelude(sh)
	var bad []Mismatch
	for lo := 0; lo < len(words); {
		var script strings.Builder
		script.WriteString(prelude)
		hi := lo
		for hi < len(words) && (hi == lo || script.Len()+len(words[hi])+32 < readBackMaxBytes) {
			script.WriteString(readBackLine(cmd, hi, words[hi]))
			hi++
		}
		r := sh.run(t, script.String(), c)
		if len(r.Calls) > 0 {
			// A word ran the printer: a command was injected. Find out
			// which words did, each on its own.
			for k := lo; k < hi; k++ {
				if m, ok := sh.readBackAlone(t, prelude, cmd, k, words[k], want[k], c); !ok {
					bad = append(bad, m)
				}
			}
			lo = hi
			continue
		}
		out := r.Stdout
		k := lo
		for ; k < hi; k++ {
			rec := readBackRecord(k, want[k])
			if bytes.HasPrefix(out, rec) {
				out = out[len(rec):]
				continue
			}
			// If word k's record starts as it should and the next word's
			// follows it, the parse is intact and k alone read back wrong:
			// record that and go on, without a run of its own.
			next := readBackMarker(k + 1)
			if j := bytes.Index(out, next); k+1 < hi && j >= 0 && bytes.HasPrefix(out, readBackMarker(k)) {
				own := r
				own.Script, own.Stdout, own.Stderr = readBackLine(cmd, k, words[k]), out[:j], nil
				bad = append(bad, Mismatch{Index: k, Run: own})
				out = out[j:]
				continue
			}
			break
		}
		if k == hi && len(out) == 0 {
			lo = hi
			continue
		}
		if k == hi {
			k = hi - 1 // something came after the last record
		}
		// Word k broke the run: check it alone, then go on after it.
		if m, ok := sh.readBackAlone(t, prelude, cmd, k, words[k], want[k], c); !ok {
			bad = append(bad, m)
		} else if k == lo {
			// Fine alone but not as the first word of a script: the
			// shell failed in company, which is a failure too.
			bad = append(bad, Mismatch{Index: k, Run: r})
		}
		lo = k + 1
	}
	return bad
}

// readBackAlone runs word k on its own and reports whether it read back as
// wanted, and ran nothing.
func (sh Shell) readBackAlone(t testing.TB, prelude, cmd string, k int, word string, want []string, c config) (Mismatch, bool) {
	t.Helper()
	r := sh.run(t, prelude+readBackLine(cmd, k, word), c)
	return Mismatch{Index: k, Run: r}, len(r.Calls) == 0 && bytes.Equal(r.Stdout, readBackRecord(k, want))
}

// readBackPrelude returns the script's first lines and the command that
// prints a marker, the words of a line and a terminator, each followed by
// the separator. The terminator shows where the line's words end.
func readBackPrelude(sh Shell) (prelude, cmd string) {
	if sh.Family == "fish" {
		// fish does not split $shq_f: it stays one argument.
		return "set shq_f '%s" + readBackSep + "'\n", "printf $shq_f"
	}
	if !sh.PrintfBuiltin {
		// mksh and posh: print -r is a builtin and copies bytes as they are.
		return "shq_s='" + readBackSep + "'\n" +
			"shq_p() { for shq_a in \"$@\"; do print -rn -- \"$shq_a$shq_s\"; done; }\n", "shq_p"
	}
	// printf uses its format again for each further argument.
	return "shq_f='%s" + readBackSep + "'\n", `printf "$shq_f"`
}

func readBackLine(cmd string, i int, line string) string {
	return cmd + " m" + strconv.Itoa(i) + " " + line + " " + readBackEnd + "\n"
}

// readBackMarker is how the record of word i starts.
func readBackMarker(i int) []byte { return []byte("m" + strconv.Itoa(i) + readBackSep) }

func readBackRecord(i int, want []string) []byte {
	b := readBackMarker(i)
	for _, w := range want {
		b = append(b, w...)
		b = append(b, readBackSep...)
	}
	return append(append(b, readBackEnd...), readBackSep...)
}
