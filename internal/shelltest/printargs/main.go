// Command printargs records the arguments it was started with, byte for byte.
//
// It is the argv printer of the real-shell test harness
// (github.com/safeshell/safeshell/internal/shelltest): a script calls
// `printargs WORD...` and the harness reads back exactly which argument
// vector each call received, with empty arguments and invalid UTF-8 intact.
// It is an external program, not a shell function or builtin, so it works in
// every shell (posh has no printf builtin; yash under Shift_JIS has no `\0`
// escape in printf) and it shows what execve(2) really delivered.
//
// Each call appends one record to the file named by $SHQ_ARGV_OUT (opened
// with O_APPEND, written with a single write), or writes it to standard
// output when that variable is unset or empty. A record is
//
//	<argc> "\n" { <len> ":" <arg bytes> "\n" }
//
// with argc and len in decimal; os.Args[0] is not recorded. The harness
// parses records strictly.
//
// When $SHQ_ARGV_MARK is non-empty, printargs also writes
// "\x00" + $SHQ_ARGV_MARK + <argv[1]> + "\x00" to both standard output and
// standard error before it records, so that the harness can tell which part
// of a batch's output came before which call.
//
// printargs exits 0 unless it cannot record, then 125.
package main

import (
	"os"
	"strconv"
)

func main() {
	args := os.Args[1:]
	n := len(strconv.Itoa(len(args))) + 1
	for _, a := range args {
		n += len(strconv.Itoa(len(a))) + 1 + len(a) + 1
	}
	rec := make([]byte, 0, n)
	rec = strconv.AppendInt(rec, int64(len(args)), 10)
	rec = append(rec, '\n')
	for _, a := range args {
		rec = strconv.AppendInt(rec, int64(len(a)), 10)
		rec = append(rec, ':')
		rec = append(rec, a...)
		rec = append(rec, '\n')
	}

	if mark := os.Getenv("SHQ_ARGV_MARK"); mark != "" {
		m := "\x00" + mark
		if len(args) > 0 {
			m += args[0]
		}
		m += "\x00"
		// Best effort: a closed stream only loses the mark, and the
		// harness then sees a call it cannot place, which it reports.
		os.Stdout.WriteString(m)
		os.Stderr.WriteString(m)
	}

	out := os.Stdout
	if path := os.Getenv("SHQ_ARGV_OUT"); path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			os.Stderr.WriteString("printargs: " + err.Error() + "\n")
			os.Exit(125)
		}
		out = f
	}
	// One write, so that records from concurrent calls (a background job)
	// never interleave in an O_APPEND file.
	if _, err := out.Write(rec); err != nil {
		os.Stderr.WriteString("printargs: " + err.Error() + "\n")
		os.Exit(125)
	}
}
