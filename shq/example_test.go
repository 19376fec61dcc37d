package shq_test

import (
	"errors"
	"fmt"

	"github.com/safeshell/safeshell/shq"
)

// The motivating bug: unquoted, " " vanishes and the command loses its
// argument. Quoted, it stays one word.
func ExampleQuote() {
	for _, bucket := range []string{"my-bucket", " ", "", "x --profile evil", "it's"} {
		q, err := shq.Quote(bucket)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println("aws s3 ls " + q)
	}
	// Output:
	// aws s3 ls my-bucket
	// aws s3 ls ' '
	// aws s3 ls ''
	// aws s3 ls 'x --profile evil'
	// aws s3 ls 'it'"'"'s'
}

func ExampleAppendQuote() {
	buf := []byte("ls -- ")
	buf, err := shq.AppendQuote(buf, "my file.txt")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(buf))
	// Output: ls -- 'my file.txt'
}

func ExampleNeedsQuoting() {
	fmt.Println(shq.NeedsQuoting("eu-west-1"), shq.NeedsQuoting("a b"), shq.NeedsQuoting(""))
	// Output: false true true
}

func ExampleJoin() {
	line, err := shq.Join("grep", "-r", "--", "it's here", "*.go")
	if err != nil {
		panic(err)
	}
	fmt.Println(line)
	// Output: grep -r -- 'it'"'"'s here' '*.go'
}

func ExampleAppendJoin() {
	buf := make([]byte, 0, 64)
	buf, err := shq.AppendJoin(buf, "printf", "%s\n", "a b")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(buf))
	// Output: printf '%s
	// ' 'a b'
}

func ExampleSplit() {
	words, err := shq.Split(`cp -- 'it'"'"'s' $'a\tb' "x y"`)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", words)

	_, err = shq.Split(`rm -rf $(echo /)`)
	fmt.Println(err)
	// Output:
	// ["cp" "--" "it's" "a\tb" "x y"]
	// shq: split: byte 7: unquoted dollar sign starts an expansion
}

// Bash closes and reopens $'…' rather than write a backslash right after
// the last byte of é: in GBK that byte and the backslash are one character.
func ExampleDialect() {
	s := "naïve\tcafé's"
	for _, d := range []shq.Dialect{shq.POSIX, shq.Bash, shq.Fish} {
		q, _ := d.Quote(s)
		fmt.Printf("%-5s %s\n", d, q)
	}
	// Output:
	// posix 'naïve	café'"'"'s'
	// bash  $'naïve\tcafé'$'\'s'
	// fish  'naïve'\t'café\'s'
}

// Bash output is bash's own printf %q where that is safe, and stays safe
// where bash's is not: bash writes €\;id, which GBK reads as one character
// followed by ;id.
func ExampleDialect_Quote() {
	for _, s := range []string{"a b", "tab\there", "€;id"} {
		q, _ := shq.Bash.Quote(s)
		fmt.Println(q)
	}
	// Output:
	// a\ b
	// $'tab\there'
	// €';'id
}

func ExampleDialect_AppendQuote() {
	buf, _ := shq.Fish.AppendQuote([]byte("echo "), "%self")
	fmt.Println(string(buf))
	// Output: echo '%self'
}

// A word that names a variable assignment or a reserved word is quoted in
// command position only.
func ExampleDialect_Join() {
	line, _ := shq.Bash.Join("if", "a=b", "c d")
	fmt.Println(line)

	_, err := shq.Fish.Join("begin", "x")
	fmt.Println(errors.Is(err, shq.ErrKeyword))
	// Output:
	// 'if' a=b c\ d
	// true
}

func ExampleDialect_AppendJoin() {
	buf, _ := shq.POSIX.AppendJoin(nil, "echo", "$HOME")
	fmt.Println(string(buf))
	// Output: echo '$HOME'
}

func ExampleDialect_NeedsQuoting() {
	fmt.Println(shq.POSIX.NeedsQuoting("a=b"), shq.Bash.NeedsQuoting("a=b"))
	// Output: true false
}

func ExampleDialect_String() {
	fmt.Println(shq.POSIX, shq.Bash, shq.Fish, shq.Dialect(7))
	// Output: posix bash fish Dialect(7)
}

func ExampleParseDialect() {
	d, err := shq.ParseDialect("fish")
	fmt.Println(d, err)
	_, err = shq.ParseDialect("csh")
	fmt.Println(errors.Is(err, shq.ErrDialect))
	// Output:
	// fish <nil>
	// true
}

// A NUL byte cannot be in any shell word; the error says where, never what.
func ExampleQuoteError() {
	_, err := shq.Join("echo", "pass\x00word")
	var qe *shq.QuoteError
	if errors.As(err, &qe) {
		fmt.Println(qe.Index, qe.Offset, errors.Is(err, shq.ErrNUL))
	}
	fmt.Println(err)
	// Output:
	// 1 4 true
	// shq: argument 1, byte 4: NUL byte cannot be part of a shell word
}

func ExampleSyntaxError() {
	_, err := shq.Split("ls *.txt")
	var se *shq.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Op, se.Offset, se.Reason, errors.Is(err, shq.ErrNotLiteral))
	}
	// Output: split 3 unquoted glob character true
}

func ExamplePOSIX() {
	q, _ := shq.POSIX.Quote("a\nb")
	fmt.Println(q)
	// Output:
	// 'a
	// b'
}

func ExampleBash() {
	q, _ := shq.Bash.Quote("a\nb")
	fmt.Println(q)
	// Output: $'a\nb'
}

func ExampleFish() {
	q, _ := shq.Fish.Quote("a\nb")
	fmt.Println(q)
	// Output: 'a'\n'b'
}

func ExampleErrNUL() {
	_, err := shq.Quote("\x00")
	fmt.Println(errors.Is(err, shq.ErrNUL))
	// Output: true
}

func ExampleErrKeyword() {
	_, err := shq.Fish.Join("if", "true")
	fmt.Println(err)
	// Output: shq: argument 0, byte 0: keyword in command position stays a keyword when quoted
}

func ExampleErrDialect() {
	_, err := shq.Dialect(-1).Quote("x")
	fmt.Println(errors.Is(err, shq.ErrDialect), err)
	// Output: true shq: Dialect(-1) is not a dialect
}

func ExampleErrNotLiteral() {
	_, err := shq.Split("echo ~")
	fmt.Println(errors.Is(err, shq.ErrNotLiteral))
	// Output: true
}

func ExampleErrUnterminated() {
	_, err := shq.Split("echo 'oops")
	fmt.Println(errors.Is(err, shq.ErrUnterminated), err)
	// Output: true shq: split: byte 5: single quote is never closed
}

func ExampleQuoteError_Error() {
	_, err := shq.Quote("top\x00secret")
	fmt.Println(err.Error())
	// Output: shq: byte 3: NUL byte cannot be part of a shell word
}

func ExampleQuoteError_Unwrap() {
	_, err := shq.Fish.Join("function", "f")
	var qe *shq.QuoteError
	errors.As(err, &qe)
	fmt.Println(qe.Unwrap() == shq.ErrKeyword)
	// Output: true
}

func ExampleSyntaxError_Error() {
	_, err := shq.Split("cat <secret.txt")
	fmt.Println(err.Error())
	// Output: shq: split: byte 4: unquoted operator or redirection
}

func ExampleSyntaxError_Unwrap() {
	_, err := shq.Split(`echo "unclosed`)
	var se *shq.SyntaxError
	errors.As(err, &se)
	fmt.Println(se.Unwrap() == shq.ErrUnterminated)
	// Output: true
}
