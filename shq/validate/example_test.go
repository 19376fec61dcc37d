package validate_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/safeshell/safeshell/shq/validate"
)

// show prints what check makes of each value.
func show(check func(string) error, values ...string) {
	for _, v := range values {
		if err := check(v); err != nil {
			fmt.Printf("%q: %v\n", v, err)
		} else {
			fmt.Printf("%q: ok\n", v)
		}
	}
}

// The seed inputs of the motivating incident: each of the first three makes
// `aws s3 ls` list every bucket in the account.
func ExampleS3Bucket() {
	show(validate.S3Bucket, " ", "", "s3://", "my-bucket", "DocExampleBucket", "192.168.5.4", "ab")
	// Output:
	// " ": validate: s3-bucket: byte 0 of 1: space not allowed
	// "": validate: s3-bucket: empty
	// "s3://": validate: s3-bucket: byte 2 of 5: character outside a-z 0-9 . -
	// "my-bucket": ok
	// "DocExampleBucket": validate: s3-bucket: byte 0 of 16: uppercase letter not allowed
	// "192.168.5.4": validate: s3-bucket: byte 0 of 11: formatted as an IP address
	// "ab": validate: s3-bucket: length 2, want 3 to 63
}

func ExampleS3BucketLegacy() {
	show(validate.S3BucketLegacy, "My_Old_Bucket", "-bucket")
	// Output:
	// "My_Old_Bucket": ok
	// "-bucket": validate: s3-bucket-legacy: byte 0 of 7: must begin with a letter or digit
}

func ExampleS3DirectoryBucket() {
	show(validate.S3DirectoryBucket, "bucket-base-name--usw2-az1--x-s3", "bucket-base-name")
	// Output:
	// "bucket-base-name--usw2-az1--x-s3": ok
	// "bucket-base-name": validate: s3-directory-bucket: length 16, missing the directory bucket suffix
}

func ExampleS3URI() {
	show(validate.S3URI, "s3://my-bucket/photos/2006/", "s3://", "s3:///x", "/", "")
	// Output:
	// "s3://my-bucket/photos/2006/": ok
	// "s3://": validate: s3-uri: length 5, empty bucket name
	// "s3:///x": validate: s3-uri: byte 5 of 7: empty bucket name
	// "/": validate: s3-uri: byte 0 of 1: want the s3 scheme and a bucket
	// "": validate: s3-uri: empty
}

func ExampleS3Key() {
	show(validate.S3Key, "videos/2014/../../video1.wmv", "videos/../../video1.wmv", "report\n.pdf")
	// Output:
	// "videos/2014/../../video1.wmv": ok
	// "videos/../../video1.wmv": validate: s3-key: byte 10 of 23: parent segment climbs above the start
	// "report\n.pdf": validate: s3-key: byte 6 of 11: control character not allowed
}

func ExampleS3KeyStrict() {
	show(validate.S3KeyStrict, "photos/2006/February/sample.jpg", "photos/./sample.jpg", "my file.txt")
	// Output:
	// "photos/2006/February/sample.jpg": ok
	// "photos/./sample.jpg": validate: s3-key-strict: byte 7 of 19: dot segment
	// "my file.txt": validate: s3-key-strict: byte 2 of 11: space not allowed
}

func ExampleS3KeyPrefix() {
	show(validate.S3KeyPrefix, "", "logs/2024/", "..")
	// Output:
	// "": ok
	// "logs/2024/": ok
	// "..": validate: s3-key-prefix: byte 0 of 2: parent segment climbs above the start
}

func ExampleAWSRegion() {
	show(validate.AWSRegion, "us-east-1", "eusc-de-east-1", "us-east-1a", "US-EAST-1")
	// Output:
	// "us-east-1": ok
	// "eusc-de-east-1": ok
	// "us-east-1a": validate: aws-region: length 10, not a partition prefix, direction and number
	// "US-EAST-1": validate: aws-region: byte 0 of 9: uppercase letter not allowed
}

func ExampleAWSAccountID() {
	show(validate.AWSAccountID, "012345678901", "12345678901")
	// Output:
	// "012345678901": ok
	// "12345678901": validate: aws-account-id: length 11, want 12
}

func ExampleARN() {
	show(validate.ARN, "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:s3:::my bucket")
	// Output:
	// "arn:aws:iam::aws:policy/AdministratorAccess": ok
	// "arn:aws:s3:::my bucket": validate: arn: byte 15 of 22: resource: space not allowed
}

func ExampleLambdaFunction() {
	show(validate.LambdaFunction,
		"my-function:$LATEST",
		"arn:aws:lambda:us-west-2:123456789012:function:my-function",
		"my function; rm -rf /")
	// Output:
	// "my-function:$LATEST": ok
	// "arn:aws:lambda:us-west-2:123456789012:function:my-function": ok
	// "my function; rm -rf /": validate: lambda-function: byte 2 of 21: name: space not allowed
}

func ExampleIAMName() {
	show(validate.IAMName, "deploy-bot@example", strings.Repeat("r", 65))
	// Output:
	// "deploy-bot@example": ok
	// "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr": validate: iam-name: length 65, want 1 to 64
}

func ExampleIAMGroupName() {
	show(validate.IAMGroupName, strings.Repeat("g", 65), "ops team")
	// Output:
	// "ggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg": ok
	// "ops team": validate: iam-group-name: byte 3 of 8: space not allowed
}

func ExampleIAMPolicyName() {
	show(validate.IAMPolicyName, "ReadOnly.S3", "Read/Only")
	// Output:
	// "ReadOnly.S3": ok
	// "Read/Only": validate: iam-policy-name: byte 4 of 9: character outside A-Z a-z 0-9 _ + = , . @ -
}

func ExampleDynamoDBTable() {
	show(validate.DynamoDBTable, "Orders.v2", "ab")
	// Output:
	// "Orders.v2": ok
	// "ab": validate: dynamodb-table: length 2, want 3 to 255
}

func ExampleSQSQueue() {
	show(validate.SQSQueue, "orders.fifo", "orders.v2")
	// Output:
	// "orders.fifo": ok
	// "orders.v2": validate: sqs-queue: byte 6 of 9: character outside A-Z a-z 0-9 _ - (and a final .fifo)
}

func ExampleSNSTopic() {
	show(validate.SNSTopic, "alerts", ".fifo")
	// Output:
	// "alerts": ok
	// ".fifo": validate: sns-topic: byte 0 of 5: empty name before the FIFO suffix
}

func ExampleHostname() {
	show(validate.Hostname, "xn--bcher-kva.example", "bücher.example", "1.2.3.4")
	// Output:
	// "xn--bcher-kva.example": ok
	// "bücher.example": validate: hostname: byte 1 of 15: non-ASCII letter not allowed
	// "1.2.3.4": validate: hostname: byte 6 of 7: last label is all digits
}

func ExampleIP() {
	show(validate.IP, "2001:db8::1", "fe80::1% -oProxyCommand=x", "192.168.001.1")
	// Output:
	// "2001:db8::1": ok
	// "fe80::1% -oProxyCommand=x": validate: ip: byte 7 of 25: zone not allowed
	// "192.168.001.1": validate: ip: length 13, not an IPv4 or IPv6 address
}

func ExamplePort() {
	show(validate.Port, "443", "+80", "080", "65536")
	// Output:
	// "443": ok
	// "+80": validate: port: byte 0 of 3: character outside 0-9
	// "080": validate: port: byte 0 of 3: leading zero
	// "65536": validate: port: length 5, want 1 to 65535
}

func ExampleGitRef() {
	show(validate.GitRef, "refs/heads/main", "--upload-pack=touch x", "main@{1}")
	// Output:
	// "refs/heads/main": ok
	// "--upload-pack=touch x": validate: git-ref: byte 0 of 21: leading '-' would be read as an option
	// "main@{1}": validate: git-ref: byte 4 of 8: at-brace sequence not allowed
}

func ExampleGitBranch() {
	show(validate.GitBranch, "feature/login", "HEAD", "@")
	// Output:
	// "feature/login": ok
	// "HEAD": validate: git-branch: length 4, HEAD is not a branch name
	// "@": validate: git-branch: byte 0 of 1: the single name @ is reserved
}

func ExampleImageRef() {
	show(validate.ImageRef, "docker.io/library/ubuntu:24.04", "localhost:5000/app", "[::1]:5000/app", "Ubuntu", "[::ffff:1.2.3.4]/app")
	// Output:
	// "docker.io/library/ubuntu:24.04": ok
	// "localhost:5000/app": ok
	// "[::1]:5000/app": ok
	// "Ubuntu": validate: image-ref: byte 0 of 6: path component: uppercase letter not allowed
	// "[::ffff:1.2.3.4]/app": validate: image-ref: byte 9 of 20: domain: IPv6 host: character outside 0-9 A-F a-f :
}

func ExampleEnvName() {
	show(validate.EnvName, "AWS_REGION", "1PATH")
	// Output:
	// "AWS_REGION": ok
	// "1PATH": validate: env-name: byte 0 of 5: must not begin with a digit
}

func ExampleFilename() {
	show(validate.Filename, "report-2024.pdf", "-rf", "..")
	// Output:
	// "report-2024.pdf": ok
	// "-rf": validate: filename: byte 0 of 3: leading '-' would be read as an option
	// "..": validate: filename: byte 0 of 2: dot and dot-dot name directories
}

func ExampleRelPath() {
	show(validate.RelPath, "docs/../README.md", "docs/../../etc/passwd", "/etc/passwd")
	// Output:
	// "docs/../README.md": ok
	// "docs/../../etc/passwd": validate: rel-path: byte 8 of 21: parent component climbs above the start
	// "/etc/passwd": validate: rel-path: byte 0 of 11: absolute path
}

func ExampleUUID() {
	show(validate.UUID, "123e4567-e89b-12d3-a456-426614174000", "{123e4567-e89b-12d3-a456-426614174000}")
	// Output:
	// "123e4567-e89b-12d3-a456-426614174000": ok
	// "{123e4567-e89b-12d3-a456-426614174000}": validate: uuid: byte 0 of 38: character outside 0-9 a-f A-F -
}

func ExampleSemVer() {
	show(validate.SemVer, "1.0.0-rc.1+build.5", "v1.0.0", "1.0.0-01")
	// Output:
	// "1.0.0-rc.1+build.5": ok
	// "v1.0.0": validate: semver: byte 0 of 6: want MAJOR.MINOR.PATCH numbers
	// "1.0.0-01": validate: semver: byte 6 of 8: pre-release: numeric identifier with a leading zero
}

func ExampleNotEmpty() {
	show(validate.NotEmpty, "", " ")
	// Output:
	// "": validate: not-empty: empty
	// " ": ok
}

func ExampleNotBlank() {
	err := validate.NotBlank("\u200b\u2800")
	fmt.Println(err, errors.Is(err, validate.ErrBlank))
	err = validate.NotBlank("")
	fmt.Println(err, errors.Is(err, validate.ErrEmpty))
	fmt.Println(validate.NotBlank(" x "))
	// Output:
	// validate: not-blank: length 6, blank: only whitespace, control or invisible characters true
	// validate: not-blank: empty true
	// <nil>
}

func ExampleIsBlank() {
	for _, s := range []string{"", " \t\n", "\u3164", "\ufeff\u200d", "\xff", "x"} {
		fmt.Printf("%q %v\n", s, validate.IsBlank(s))
	}
	// Output:
	// "" true
	// " \t\n" true
	// "ㅤ" true
	// "\ufeff\u200d" true
	// "\xff" false
	// "x" false
}

func ExampleNoLeadingDash() {
	show(validate.NoLeadingDash, "--upl", "report.txt")
	// Output:
	// "--upl": validate: no-leading-dash: byte 0 of 5: leading '-' would be read as an option
	// "report.txt": ok
}

func ExamplePrintable() {
	show(validate.Printable, "naïve café", "access\u202e\u2066", "a\tb")
	// Output:
	// "naïve café": ok
	// "access\u202e\u2066": validate: printable: byte 6 of 12: bidirectional control character not allowed
	// "a\tb": validate: printable: byte 1 of 3: control character not allowed
}

func ExampleMaxLen() {
	show(validate.MaxLen(4), "abcd", "abcde")
	// Output:
	// "abcd": ok
	// "abcde": validate: max-len: length 5, want at most 4 bytes
}

func ExamplePattern() {
	ticket := validate.Pattern("ticket", `[A-Z]{2,10}-[0-9]{1,6}`)
	show(ticket, "OPS-42", "OPS-42; reboot")
	// A bad expression does not panic: every value is refused.
	show(validate.Pattern("broken", `[a-z`), "abc")
	// Output:
	// "OPS-42": ok
	// "OPS-42; reboot": validate: ticket: length 14, does not match the pattern
	// "abc": validate: broken: length 3, bad pattern: error parsing regexp: missing closing ]: `[a-z`
}

func ExampleOneOf() {
	show(validate.OneOf("json", "text", "table"), "json", "JSON")
	// Output:
	// "json": ok
	// "JSON": validate: one-of: length 4, not one of the 3 allowed values
}

func ExampleAll() {
	name := validate.All(validate.NotBlank, validate.NoLeadingDash, validate.MaxLen(8))
	show(name, "deploy", "-rf", "much-too-long", "\u00a0")
	// Output:
	// "deploy": ok
	// "-rf": validate: no-leading-dash: byte 0 of 3: leading '-' would be read as an option
	// "much-too-long": validate: max-len: length 13, want at most 8 bytes
	// "\u00a0": validate: not-blank: length 2, blank: only whitespace, control or invisible characters
}

func ExampleError() {
	err := validate.S3Bucket("My-Secret-Bucket")
	var e *validate.Error
	if errors.As(err, &e) {
		fmt.Println(e.Rule, e.Offset, e.Len, e.Reason)
	}
	// Output:
	// s3-bucket 0 16 uppercase letter not allowed
}

func ExampleError_Error() {
	e := &validate.Error{Rule: "s3-bucket", Offset: -1, Len: 2, Reason: "want 3 to 63"}
	fmt.Println(e.Error())
	// Output:
	// validate: s3-bucket: length 2, want 3 to 63
}

// Every error wraps one of ErrEmpty, ErrBlank and ErrInvalid, the class
// each rule sets in Err, so a caller can tell a missing value from a wrong
// one with [errors.Is]: an empty required part (the bucket of s3:///key) is
// ErrEmpty like an empty value.
func ExampleError_Unwrap() {
	for _, err := range []error{
		validate.Port(""), validate.S3Bucket(""),
		validate.NotBlank(" "), validate.NotBlank("\u200b\u3000"),
		validate.Port("0"), validate.AWSRegion("US-EAST-1"),
		validate.S3URI("s3:///key"),
	} {
		fmt.Println(errors.Is(err, validate.ErrEmpty), errors.Is(err, validate.ErrBlank), errors.Is(err, validate.ErrInvalid))
	}
	// Output:
	// true false false
	// true false false
	// false true false
	// false true false
	// false false true
	// false false true
	// true false false
}

func ExampleRules() {
	for _, r := range validate.Rules()[:3] {
		fmt.Printf("%s: %s\n", r.Name, r.Doc)
	}
	fmt.Println(len(validate.Rules()), "rules")
	// Output:
	// arn: Amazon Resource Name arn:partition:service:region:account:resource
	// aws-account-id: AWS account ID, exactly 12 digits
	// aws-region: AWS Region code such as us-east-1
	// 33 rules
}

func ExampleRule() {
	// A command-line tool can offer every rule by name.
	for _, r := range validate.Rules() {
		if strings.HasPrefix(r.Name, "git-") {
			fmt.Println(r.Name, r.Check("main") == nil)
		}
	}
	// Output:
	// git-branch true
	// git-ref true
}

func ExampleLookup() {
	check, ok := validate.Lookup("aws-region")
	fmt.Println(ok, check("eu-central-2"))
	_, ok = validate.Lookup("no-such-rule")
	fmt.Println(ok)
	// Output:
	// true <nil>
	// false
}

func ExampleSSHDestination() {
	for _, dest := range []string{"deploy@build-1.example.com", "10.0.0.7", "-oProxyCommand=x", "host:2222", "ssh://host"} {
		fmt.Println(validate.SSHDestination(dest))
	}
	// Output:
	// <nil>
	// <nil>
	// validate: ssh-destination: byte 0 of 16: leading - (an option)
	// validate: ssh-destination: byte 4 of 9: port or IPv6 form not allowed
	// validate: ssh-destination: byte 0 of 10: ssh:// URI not allowed
}
