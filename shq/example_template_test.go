package shq_test

import (
	"errors"
	"fmt"
	"os/exec"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// A template is parsed once, typically into a package-level variable, and
// is safe to fill from many goroutines.
var listObjects = shq.MustParseTemplate("aws s3 ls s3://{bucket}/{prefix} --region {region}").
	Check("bucket", validate.S3Bucket).
	Check("prefix", validate.S3KeyPrefix).
	Check("region", validate.AWSRegion).
	Optional("prefix")

func ExampleTemplate() {
	for _, v := range []map[string]string{
		{"bucket": "my-bucket", "prefix": "logs/2024", "region": "eu-west-1"},
		{"bucket": "my-bucket", "region": "eu-west-1"},
		{"bucket": " ", "region": "eu-west-1"},
		{"bucket": "my-bucket", "region": "-x"},
	} {
		argv, err := listObjects.Argv(v)
		fmt.Printf("%q %v\n", argv, err)
	}
	// Output:
	// ["aws" "s3" "ls" "s3://my-bucket/logs/2024" "--region" "eu-west-1"] <nil>
	// ["aws" "s3" "ls" "s3://my-bucket/" "--region" "eu-west-1"] <nil>
	// [] shq: argument 3 (placeholder {bucket}): blank value: only whitespace, control or invisible characters
	// [] shq: argument 5 (placeholder {region}): value starts with '-' and would be read as an option
}

// A template holds literal words and placeholders only; anything a shell
// would expand or interpret is refused with its position.
func ExampleParseTemplate() {
	for _, tpl := range []string{
		"tar -czf {archive} -C {dir} .",
		"tar -czf {archive} $HOME",
		"ls {dir}/*",
		"echo {a,b}",
		"{prog} --version",
		"echo 'it''s",
	} {
		_, err := shq.ParseTemplate(tpl)
		fmt.Println(err)
	}
	// Output:
	// <nil>
	// shq: template: byte 19: dollar sign starts an expansion or a $'…' or $"…" quote
	// shq: template: byte 9: unquoted glob character
	// shq: template: byte 5: unquoted { that does not open a placeholder {name} with name [a-z][a-z0-9_]*
	// shq: template: byte 0: placeholder in the first word: the program must be trusted text
	// shq: template: byte 9: single quote is never closed
}

// MustParseTemplate takes only a constant: a template built from values
// does not compile.
func ExampleMustParseTemplate() {
	tpl := shq.MustParseTemplate("git clone --depth 1 {url} {dir}")
	argv, err := tpl.Argv(map[string]string{"url": "https://example.com/r.git", "dir": "r"})
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["git" "clone" "--depth" "1" "https://example.com/r.git" "r"] <nil>
}

func ExampleTemplate_Check() {
	tpl := shq.MustParseTemplate("docker pull {image}").Check("image", validate.ImageRef)
	_, err := tpl.Argv(map[string]string{"image": "Nginx:latest;id"})
	var ve *validate.Error
	fmt.Println(errors.As(err, &ve), ve.Rule)
	// Output:
	// true image-ref
}

// Only a placeholder glued to trusted text may be empty: a whole word would
// become an empty argument.
func ExampleTemplate_Optional() {
	tpl := shq.MustParseTemplate("aws s3 ls s3://{bucket}/{prefix}")
	argv, err := tpl.Optional("prefix").Argv(map[string]string{"bucket": "my-bucket"})
	fmt.Printf("%q %v\n", argv, err)
	fmt.Println(shq.MustParseTemplate("aws s3 ls {uri}").Optional("uri").Err())
	// Output:
	// ["aws" "s3" "ls" "s3://my-bucket/"] <nil>
	// shq: template: byte 10: placeholder {uri} is a whole word and cannot be optional
}

func ExampleTemplate_Err() {
	tpl := shq.MustParseTemplate("ping -c 1 {host}").Check("hots", validate.Hostname)
	fmt.Println(tpl.Err())
	// Output:
	// shq: template: Check: {hots} is not a placeholder of the template
}

// Fill returns a *Cmd, to which more arguments may be added.
func ExampleTemplate_Fill() {
	grep := shq.MustParseTemplate("grep --color=never -e {pattern} --")
	argv, err := grep.Fill(map[string]string{"pattern": "a b"}).Args([]string{"-notes.txt", "todo.txt"}).Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["grep" "--color=never" "-e" "a b" "--" "-notes.txt" "todo.txt"] <nil>
}

func ExampleTemplate_Argv() {
	tpl := shq.MustParseTemplate("ssh-keygen -l -f {file}")
	argv, err := tpl.Argv(map[string]string{"file": "my key.pub"})
	fmt.Printf("%q %v\n", argv, err)
	_, err = tpl.Argv(map[string]string{"file": "k.pub", "extra": "x"})
	fmt.Println(err)
	// Output:
	// ["ssh-keygen" "-l" "-f" "my key.pub"] <nil>
	// shq: value given for a name that is not a placeholder of the template
}

// Line quotes every word again, whatever quoting the template used. Run it
// with an environment you chose: sh -c first runs the file named by $ENV
// (bash: $BASH_ENV).
func ExampleTemplate_Line() {
	tpl := shq.MustParseTemplate(`printf '%s|%s\n' pre-{a} "{not a placeholder}"`)
	line, err := tpl.Line(map[string]string{"a": "$(id) `id`"})
	fmt.Println(line, err)
	sh := exec.Command("/bin/sh", "-c", line)
	sh.Env = []string{"PATH=/usr/bin:/bin"}
	out, err := sh.Output()
	fmt.Printf("%s%v\n", out, err)
	// Output:
	// printf '%s|%s\n' 'pre-$(id) `id`' '{not a placeholder}' <nil>
	// pre-$(id) `id`|{not a placeholder}
	// <nil>
}

// ssh host LINE is read by the remote user's login shell. If you know it is
// fish, quote for fish; if not, send a POSIX line to `sh -s` on standard
// input (see Cmd.LineFor).
func ExampleTemplate_LineFor() {
	tpl := shq.MustParseTemplate("tail -n 20 {file}")
	line, err := tpl.LineFor(shq.Fish, map[string]string{"file": "app's log"})
	fmt.Println(line, err)
	// Output:
	// tail -n 20 'app\'s log' <nil>
}

func ExampleTemplateError() {
	_, err := shq.ParseTemplate("echo {name} > /tmp/out")
	var te *shq.TemplateError
	if errors.As(err, &te) {
		fmt.Println(te.Offset, te.Reason, errors.Is(err, shq.ErrNotLiteral))
	}
	// Output:
	// 12 redirection true
}

func ExampleErrPlaceholder() {
	_, err := shq.ParseTemplate("{tool} --help")
	fmt.Println(errors.Is(err, shq.ErrPlaceholder))
	// Output: true
}

func ExampleErrMissingValue() {
	_, err := shq.MustParseTemplate("kill -s TERM {pid}").Argv(nil)
	fmt.Println(errors.Is(err, shq.ErrMissingValue), err)
	// Output: true shq: argument 3 (placeholder {pid}): no value for placeholder
}

func ExampleErrUnknownPlaceholder() {
	_, err := shq.MustParseTemplate("kill -s TERM {pid}").Argv(map[string]string{"pid": "42", "signal": "KILL"})
	fmt.Println(errors.Is(err, shq.ErrUnknownPlaceholder))
	// Output: true
}

// A template read from configuration can be checked for the placeholders
// the program will fill.
func ExampleTemplate_Names() {
	tpl, err := shq.ParseTemplate("rsync -a {src} host:/backup/{name}/")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tpl.Names())
	// Output:
	// [src name]
}

func ExampleTemplateError_Error() {
	_, err := shq.ParseTemplate("ls {dir} | wc -l")
	fmt.Println(err.Error())
	// Output:
	// shq: template: byte 9: operator |
}

func ExampleTemplateError_Unwrap() {
	_, err := shq.ParseTemplate("echo 'unclosed")
	var te *shq.TemplateError
	if errors.As(err, &te) {
		fmt.Println(te.Unwrap() == shq.ErrUnterminated)
	}
	// Output:
	// true
}
