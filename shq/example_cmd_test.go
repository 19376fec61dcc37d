package shq_test

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// The motivating case: a Lambda function ran `aws s3 ls $bucket`, and the
// event {"bucket": " "} listed every bucket in the account. Each value is
// one argument here, and a value that is not a bucket name is refused.
func ExampleCommand() {
	for _, bucket := range []string{"my-bucket", " ", "", "x --profile evil", "-x", "s3://", "$(id)"} {
		argv, err := shq.Command("aws", "s3", "ls").Arg(bucket, validate.S3Bucket).Argv()
		fmt.Printf("%q %s\n", argv, why(err))
	}
	// Output:
	// ["aws" "s3" "ls" "my-bucket"] ok
	// [] argument 3: blank value: only whitespace, control or invisible characters
	// [] argument 3: empty value
	// [] argument 3: refused by validate rule s3-bucket
	// [] argument 3: value starts with '-' and would be read as an option
	// [] argument 3: refused by validate rule s3-bucket
	// [] argument 3: refused by validate rule s3-bucket
}

// why sums up an error from the builder for the examples, naming the rule
// of a validator rather than quoting its message, which is the validate
// package's to word.
func why(err error) string {
	var ae *shq.ArgError
	var ve *validate.Error
	switch {
	case err == nil:
		return "ok"
	case !errors.As(err, &ae):
		return err.Error()
	case errors.As(err, &ve):
		return fmt.Sprintf("argument %d: refused by validate rule %s", ae.Index, ve.Rule)
	}
	return fmt.Sprintf("argument %d: %v", ae.Index, ae.Err)
}

// A program path from configuration is not a constant, so Command does not
// compile with it; UncheckedCommand says at the call site that review must
// check where the path comes from.
func ExampleUncheckedCommand() {
	toolPath := "/opt/my tool/bin/convert" // from a configuration file
	argv, err := shq.UncheckedCommand(toolPath, "--quiet").Arg("in.png").Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["/opt/my tool/bin/convert" "--quiet" "in.png"] <nil>
}

// The no-shell path is the shortest: ExecCommand returns an *exec.Cmd that
// runs the program directly, so no shell reads any value.
func ExampleCmd_ExecCommand() {
	name := "it's $HOME; *"
	cmd, err := shq.Command("echo", "hello").Arg(name).ExecCommand(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := cmd.Output()
	fmt.Printf("%s%v\n", out, err)
	// Output:
	// hello it's $HOME; *
	// <nil>
}

func ExampleCmd() {
	c := shq.Command("git", "-C").Arg("/srv/repo").Fixed("log", "--oneline").
		Flag("--author", "Ann <ann@example.com>").
		EndOptionsWith("--end-of-options").Arg("main")
	argv, err := c.Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["git" "-C" "/srv/repo" "log" "--oneline" "--author=Ann <ann@example.com>" "--end-of-options" "main"] <nil>
}

func ExampleCmd_Fixed() {
	argv, _ := shq.Command("aws", "s3", "cp").Arg("s3://my-bucket/k", validate.S3URI).Arg("./k").Fixed("--quiet").Argv()
	fmt.Printf("%q\n", argv)
	// Output:
	// ["aws" "s3" "cp" "s3://my-bucket/k" "./k" "--quiet"]
}

func ExampleCmd_Arg() {
	for _, v := range []string{"report.txt", "my file.txt", "-rf", "\u200b"} {
		argv, err := shq.Command("rm").Arg(v).Argv()
		fmt.Printf("%q %v\n", argv, err)
	}
	// Output:
	// ["rm" "report.txt"] <nil>
	// ["rm" "my file.txt"] <nil>
	// [] shq: argument 1: value starts with '-' and would be read as an option
	// [] shq: argument 1: blank value: only whitespace, control or invisible characters
}

func ExampleCmd_Args() {
	files := []string{"a.txt", "notes/b.txt", "../etc/passwd"}
	_, err := shq.Command("cat").Args(files, validate.RelPath).Argv()
	fmt.Println(why(err))
	argv, err := shq.Command("cat").Args(files[:2], validate.RelPath).Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// argument 3: refused by validate rule rel-path
	// ["cat" "a.txt" "notes/b.txt"] <nil>
}

func ExampleCmd_ArgOrDash() {
	for _, v := range []string{"-", "data.csv", "-n"} {
		argv, err := shq.Command("sort").ArgOrDash(v, validate.Filename).Argv()
		fmt.Printf("%q %v\n", argv, err)
	}
	// Output:
	// ["sort" "-"] <nil>
	// ["sort" "data.csv"] <nil>
	// [] shq: argument 1: value starts with '-' and would be read as an option
}

// grep -e takes the next argument as the pattern, whatever it starts with.
func ExampleCmd_ArgAllowDash() {
	argv, err := shq.Command("grep", "-e").ArgAllowDash("-v").Arg("log.txt").Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["grep" "-e" "-v" "log.txt"] <nil>
}

// Bound to its flag, a value cannot become an option of its own.
func ExampleCmd_Flag() {
	for _, region := range []string{"eu-west-1", "--profile=evil", "eu-west-1 --debug"} {
		argv, err := shq.Command("aws", "s3", "ls").Flag("--region", region, validate.AWSRegion).Argv()
		fmt.Printf("%q %s\n", argv, why(err))
	}
	argv, _ := shq.Command("p").Flag("--x", "-1").Argv()
	fmt.Printf("%q\n", argv)
	// Output:
	// ["aws" "s3" "ls" "--region=eu-west-1"] ok
	// [] argument 3: refused by validate rule aws-region
	// [] argument 3: refused by validate rule aws-region
	// ["p" "--x=-1"]
}

func ExampleCmd_FlagArg() {
	argv, err := shq.Command("tar", "-c").FlagArg("-f", "backup.tar").Arg("dir").Argv()
	fmt.Printf("%q %v\n", argv, err)
	_, err = shq.Command("tar", "-c").FlagArg("-f", "-").Argv()
	fmt.Println(err)
	// Output:
	// ["tar" "-c" "-f" "backup.tar" "dir"] <nil>
	// shq: argument 3 (flag -f): value starts with '-' and would be read as an option
}

func ExampleCmd_EndOptions() {
	argv, err := shq.Command("rm", "-f").EndOptions().Arg("-rf").Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["rm" "-f" "--" "-rf"] <nil>
}

// git reads a revision after --end-of-options; after "--" it would be a
// pathspec.
func ExampleCmd_EndOptionsWith() {
	argv, err := shq.Command("git", "log").EndOptionsWith("--end-of-options").Arg("--output=/tmp/x").Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["git" "log" "--end-of-options" "--output=/tmp/x"] <nil>
}

func ExampleCmd_Err() {
	c := shq.Command("aws", "s3", "ls").Arg("", validate.S3Bucket)
	if err := c.Err(); err != nil {
		fmt.Println(err)
		fmt.Println(errors.Is(err, shq.ErrEmpty))
	}
	// Output:
	// shq: argument 3: empty value
	// true
}

func ExampleCmd_Argv() {
	argv, err := shq.Command("convert").Arg("in put.png").Arg("out;rm -rf ~.jpg").Argv()
	fmt.Printf("%q %v\n", argv, err)
	// Output:
	// ["convert" "in put.png" "out;rm -rf ~.jpg"] <nil>
}

// sh -c runs the line, and first the file named by $ENV (and, in bash,
// $BASH_ENV) if the environment sets it: give the shell an environment you
// chose, not the one the process inherited.
func ExampleCmd_Line() {
	line, err := shq.Command("printf", "%s\\n").Arg("it's $HOME").Arg("a  b").Line()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(line)
	sh := exec.Command("/bin/sh", "-c", line)
	sh.Env = []string{"PATH=/usr/bin:/bin"} // no ENV, no BASH_ENV
	out, err := sh.Output()
	fmt.Printf("%s%v\n", out, err)
	// Output:
	// printf '%s\n' 'it'"'"'s $HOME' 'a  b'
	// it's $HOME
	// a  b
	// <nil>
}

// ssh host LINE hands the line to the remote user's login shell, which may
// be fish or csh: a POSIX line is not safe there. Use LineFor(Login) (see
// Cmd.ScriptFor), or send the POSIX line on standard input to sh -s; the
// login shell then reads only "sh -s", which every shell reads the same
// way, and the line may hold newlines and be long.
func ExampleCmd_LineFor() {
	line, _ := shq.Command("ls", "-l").Arg("my dir").Line()
	ssh := shq.Command("ssh", "-T").Arg("build.example.com", validate.Hostname).Fixed("sh", "-s")
	argv, _ := ssh.Argv()
	fmt.Printf("%q with stdin %q\n", argv, line+"\n")

	fish, _ := shq.Command("ls", "-l").Arg("it's").LineFor(shq.Fish)
	bash, _ := shq.Command("ls", "-l").Arg("it's\n").LineFor(shq.Bash)
	fmt.Println(fish)
	fmt.Println(bash)
	// Output:
	// ["ssh" "-T" "build.example.com" "sh" "-s"] with stdin "ls -l 'my dir'\n"
	// ls -l 'it\'s'
	// ls -l $'it\'s\n'
}

func ExampleCmd_String() {
	c := shq.Command("aws", "s3", "ls").Arg("my bucket\x1b[2J")
	fmt.Println(c)
	// Output:
	// aws s3 ls "my bucket\x1b[2J"
}

func ExampleArgError() {
	_, err := shq.Command("aws", "s3", "ls").Flag("--region", " ").Argv()
	var ae *shq.ArgError
	if errors.As(err, &ae) {
		fmt.Println(ae.Index, ae.Name, ae.Err == shq.ErrBlank)
	}
	fmt.Println(err)
	// Output:
	// 3 --region true
	// shq: argument 3 (flag --region): blank value: only whitespace, control or invisible characters
}

// A check's own message is shown only if it is a *validate.Error, whose
// messages never quote the value. Any other check error is withheld from
// the message and still available to errors.Is and errors.As.
func ExampleArgError_check() {
	errSecret := errors.New("not in the allowlist")
	onlyKnown := func(v string) error {
		if v != "alpha" {
			return fmt.Errorf("%q: %w", v, errSecret) // quotes the value
		}
		return nil
	}
	_, err := shq.Command("deploy").Arg("hunter2", onlyKnown).Argv()
	fmt.Println(err)
	fmt.Println(errors.Is(err, errSecret))
	// Output:
	// shq: argument 1: refused by a check (its message is withheld because it may quote the value; see Unwrap)
	// true
}

func ExampleArgError_empty() {
	_, err := shq.Command("aws", "s3", "ls").Arg("").Argv()
	fmt.Println(errors.Is(err, shq.ErrEmpty))
	// Output: true
}

func ExampleArgError_blank() {
	_, err := shq.Command("aws", "s3", "ls").Arg("\u3000").Argv()
	fmt.Println(errors.Is(err, shq.ErrBlank))
	// Output: true
}

func ExampleArgError_optionLike() {
	_, err := shq.Command("git", "clone").Arg("--upload-pack=touch /tmp/pwned").Argv()
	fmt.Println(errors.Is(err, shq.ErrOptionLike))
	// Output: true
}

func ExampleArgError_tooLong() {
	_, err := shq.Command("echo").Arg(strings.Repeat("x", 131072)).Argv()
	fmt.Println(errors.Is(err, shq.ErrTooLong))
	_, err = shq.Command("echo").Arg(strings.Repeat("x'", 30000)).Line()
	fmt.Println(err)
	// Output:
	// true
	// shq: line of 180005 bytes is longer than 131071 bytes
}

func ExampleArgError_flag() {
	_, err := shq.Command("rm").EndOptions().Flag("--force", "x").Argv()
	fmt.Println(errors.Is(err, shq.ErrFlag))
	// Output: true
}

func ExampleArgError_Error() {
	err := &shq.ArgError{Index: 3, Name: "{bucket}", Err: shq.ErrEmpty}
	fmt.Println(err.Error())
	// Output:
	// shq: argument 3 (placeholder {bucket}): empty value
}

func ExampleArgError_Unwrap() {
	_, err := shq.Command("aws", "s3", "ls").Arg("Bad_Bucket", validate.S3Bucket).Argv()
	var ae *shq.ArgError
	if errors.As(err, &ae) {
		var ve *validate.Error
		fmt.Println(errors.As(ae.Unwrap(), &ve), ve.Rule)
	}
	// Output:
	// true s3-bucket
}
