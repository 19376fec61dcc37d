package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/safeshell/safeshell/shq"
)

// splitUsage is the help text of shq split.
const splitUsage = `usage: shq split [-0] [--] [LINE]

Split LINE into words as bash reads a simple command made only of literal
words, and print them as a JSON array of strings. Without LINE, read all of
standard input as the line, after removing exactly one trailing newline
(the one echo adds); any other unquoted newline is refused.

Refused, with the byte offset: expansions ($x, $(...), backticks), globs,
braces, ~, operators, redirections, comments, an assignment or reserved word
as the first word, unterminated quotes, NUL bytes.

  -0, --null  print each word followed by a NUL byte instead of JSON
              (needed for words that are not valid UTF-8)
  -h, --help  print this help

Exit status: 0 success, 1 refused, 2 usage.
`

// splitOptions are the options of shq split.
var splitOptions = []option{{short: "-0", long: "--null"}, helpOption}

// maxSplitInput bounds what shq split reads from standard input. A command
// line cannot be longer than the kernel's limit for one argument (128 KiB)
// when it is passed to sh -c, and a script line is rarely longer; 16 MiB
// leaves room and still stops a runaway producer.
const maxSplitInput = 16 << 20

// runSplit runs shq split with the arguments after the subcommand name.
func runSplit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	const cmd = "shq split"
	vals, operands, _, err := parseOptions(args, splitOptions)
	if err != nil {
		return usageFail(stderr, cmd, err.Error())
	}
	if _, ok := vals["--help"]; ok {
		return write(stdout, stderr, cmd, []byte(splitUsage))
	}
	_, nul := vals["--null"]
	var line string
	switch len(operands) {
	case 0:
		b, err := io.ReadAll(io.LimitReader(stdin, maxSplitInput+1))
		if err != nil {
			fmt.Fprintf(stderr, "%s: reading standard input: %v\n", cmd, err)
			return exitRefused
		}
		if len(b) > maxSplitInput {
			fmt.Fprintf(stderr, "%s: standard input is longer than %d bytes\n", cmd, maxSplitInput)
			return exitRefused
		}
		// echo and here-strings end the line with a newline; only that one
		// is removed, so that an offset in a message is still an offset in
		// the input.
		line = string(bytes.TrimSuffix(b, []byte("\n")))
	case 1:
		line = operands[0]
	default:
		return usageFail(stderr, cmd, "more than one LINE (quote the line as one argument)")
	}
	words, err := shq.Split(line)
	if err != nil {
		var se *shq.SyntaxError
		if errors.As(err, &se) {
			fmt.Fprintf(stderr, "%s: byte %d: %s\n", cmd, se.Offset, se.Reason)
		} else {
			fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		}
		return exitRefused
	}
	var out []byte
	if nul {
		out = nulWords(words)
	} else if out, err = jsonWords(words); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
		return exitRefused
	}
	return write(stdout, stderr, cmd, out)
}

// nulWords returns each word followed by a NUL byte, the format of find
// -print0 and xargs -0. Split never returns a word with a NUL in it.
func nulWords(words []string) []byte {
	var out []byte
	for _, w := range words {
		out = append(out, w...)
		out = append(out, 0)
	}
	return out
}

// jsonWords returns the words as a JSON array on one line. JSON strings are
// Unicode text: a word that is not valid UTF-8 is refused rather than
// changed (encoding/json would replace the bad bytes with U+FFFD).
func jsonWords(words []string) ([]byte, error) {
	for i, w := range words {
		if off := invalidUTF8(w); off >= 0 {
			return nil, fmt.Errorf("word %d: byte %d: not valid UTF-8, which JSON cannot carry (use -0)", i+1, off)
		}
	}
	if words == nil {
		words = []string{} // [] rather than null
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep < > & readable; they are not HTML here
	if err := enc.Encode(words); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// invalidUTF8 returns the offset of the first byte of s that is not part of
// a valid UTF-8 sequence, or -1 if s is valid UTF-8.
func invalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
