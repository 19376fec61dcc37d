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

// ParseTemplate takes only a constant, and returns the refusal as an
// error where MustParseTemplate would panic.
func ExampleParseTemplate() {
	tpl, err := shq.ParseTemplate("tar -czf {archive} -C {dir} .")
	fmt.Println(tpl.Names(), err)
	_, err = shq.ParseTemplate("tar -czf {archive} $HOME")
	fmt.Println(err)
	// Output:
	// [archive dir] <nil>
	// shq: template: byte 19: dollar sign starts an expansion or a $'…' or $"…" quote
}

// A template read from configuration goes through UncheckedTemplate. It
// holds literal words and placeholders only; anything a shell would expand
// or interpret is refused with its position.
func ExampleUncheckedTemplate() {
	for _, tpl := range []string{
		"tar -czf {archive} -C {dir} .",
		"ls {dir}/*",
		"echo {a,b}",
		"{prog} --version",
		"echo 'it''s",
		"ls {dir} | wc -l",
	} {
		_, err := shq.UncheckedTemplate(tpl)
		fmt.Println(err)
	}
	// Output:
	// <nil>
	// shq: template: byte 9: unquoted glob character
	// shq: template: byte 5: unquoted { that does not open a placeholder {name} with name [a-z][a-z0-9_]*
	// shq: template: byte 0: placeholder in the first word: the program must be trusted text
	// shq: template: byte 9: single quote is never closed
	// shq: template: byte 9: unquoted operator or redirection
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
	cfg, _ := shq.UncheckedTemplate("aws s3 ls {uri}") // from configuration
	fmt.Println(cfg.Optional("uri").Err())
	// Output:
	// ["aws" "s3" "ls" "s3://my-bucket/"] <nil>
	// shq: template: byte 10: placeholder {uri} is a whole word and cannot be optional
}

// A template read from configuration may lack a name the program checks.
// Err reports it at start-up; every fill would report it too. (On a
// template from ParseTemplate or MustParseTemplate, Check panics instead.)
func ExampleTemplate_Err() {
	cfg, err := shq.UncheckedTemplate("ping -c 1 {hots}")
	if err != nil {
		fmt.Println(err)
		return
	}
	tpl := cfg.Check("host", validate.Hostname)
	fmt.Println(tpl.Err())
	// Output:
	// shq: template: Check: {host} is not a placeholder of the template
}

// On a template from program text, a name it lacks is a bug: Check panics,
// as MustParseTemplate does on a syntax error, when the package-level
// variable is initialised, before any request.
func ExampleTemplate_Check_panic() {
	defer func() {
		err, _ := recover().(error)
		fmt.Println(errors.Is(err, shq.ErrPlaceholder), err)
	}()
	shq.MustParseTemplate("ping -c 1 {host}").Check("hots", validate.Hostname)
	// Output:
	// true shq: template: Check: {hots} is not a placeholder of the template
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

// A template is refused with the same *SyntaxError as a line given to
// Split.
func ExampleSyntaxError_template() {
	_, err := shq.ParseTemplate("echo {name} > /tmp/out")
	var se *shq.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Op, se.Offset, se.Reason, errors.Is(err, shq.ErrNotLiteral))
	}
	// Output:
	// template 12 unquoted operator or redirection true
}

func ExampleSyntaxError_placeholder() {
	_, err := shq.ParseTemplate("{tool} --help")
	fmt.Println(errors.Is(err, shq.ErrPlaceholder))
	// Output: true
}

func ExampleTemplate_Argv_missing() {
	_, err := shq.MustParseTemplate("kill -s TERM {pid}").Argv(nil)
	fmt.Println(errors.Is(err, shq.ErrMissingValue), err)
	// Output: true shq: argument 3 (placeholder {pid}): no value for placeholder
}

func ExampleTemplate_Argv_unknown() {
	_, err := shq.MustParseTemplate("kill -s TERM {pid}").Argv(map[string]string{"pid": "42", "signal": "KILL"})
	fmt.Println(errors.Is(err, shq.ErrUnknownPlaceholder))
	// Output: true
}

// A template read from configuration can be checked for the placeholders
// the program will fill.
func ExampleTemplate_Names() {
	tpl, err := shq.UncheckedTemplate("rsync -a {src} host:/backup/{name}/")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tpl.Names())
	// Output:
	// [src name]
}
