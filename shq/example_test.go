package shq_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// A value from outside (here the JSON body of an HTTP request or a Lambda
// event) fills a template written once as program text. Each value is
// checked and becomes exactly the part of one argument its placeholder
// marks, and the argv goes to os/exec with no shell in between.
func Example() {
	ls := shq.MustParseTemplate("aws s3 ls s3://{bucket}/{prefix}").
		Check("bucket", validate.S3Bucket).
		Check("prefix", validate.S3KeyPrefix).
		Optional("prefix")

	for _, body := range []string{
		`{"bucket": "my-bucket", "prefix": "logs/2026 01/"}`,
		`{"bucket": " "}`, // unquoted in a shell, this listed every bucket
		`{"bucket": "x --profile evil"}`,
	} {
		var event struct{ Bucket, Prefix string }
		if err := json.Unmarshal([]byte(body), &event); err != nil {
			panic(err)
		}
		argv, err := ls.Argv(map[string]string{"bucket": event.Bucket, "prefix": event.Prefix})
		if err != nil {
			// The error names the placeholder and the reason, never the value.
			fmt.Println("refused:", errors.Is(err, shq.ErrBlank), errors.Is(err, validate.ErrInvalid))
			continue
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		fmt.Printf("%q\n", cmd.Args)
	}
	// Output:
	// ["aws" "s3" "ls" "s3://my-bucket/logs/2026 01/"]
	// refused: true false
	// refused: false true
}

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

// The three dialects side by side. The zero Dialect is POSIX. Bash closes
// and reopens $'…' rather than write a backslash right after the last byte
// of é: in GBK that byte and the backslash are one character. POSIX carries
// the newline literally inside the quotes; Bash and Fish never write a raw
// control byte.
func ExampleDialect() {
	var zero shq.Dialect
	fmt.Println(zero == shq.POSIX)
	for _, s := range []string{"naïve\tcafé's", "a\nb"} {
		for _, d := range []shq.Dialect{shq.POSIX, shq.Bash, shq.Fish} {
			q, _ := d.Quote(s)
			fmt.Printf("%-5s %s\n", d, q)
		}
	}
	// Output:
	// true
	// posix 'naïve	café'"'"'s'
	// bash  $'naïve\tcafé'$'\'s'
	// fish  'naïve'\t'café'\''s'
	// posix 'a
	// b'
	// bash  $'a\nb'
	// fish  'a'\n'b'
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

func ExampleQuoteError_nul() {
	_, err := shq.Quote("\x00")
	fmt.Println(errors.Is(err, shq.ErrNUL))
	// Output: true
}

func ExampleQuoteError_keyword() {
	_, err := shq.Fish.Join("if", "true")
	fmt.Println(err)
	// Output: shq: argument 0, byte 0: keyword in command position stays a keyword when quoted
}

func ExampleDialect_invalid() {
	_, err := shq.Dialect(-1).Quote("x")
	fmt.Println(errors.Is(err, shq.ErrDialect), err)
	// Output: true shq: Dialect(-1) is not a dialect
}

func ExampleSyntaxError_notLiteral() {
	_, err := shq.Split("echo ~")
	fmt.Println(errors.Is(err, shq.ErrNotLiteral))
	// Output: true
}

func ExampleSyntaxError_unterminated() {
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
