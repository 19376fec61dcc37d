package validate

import (
	"slices"
	"strings"
)

// Rule is a named validator, as listed by [Rules].
type Rule struct {
	// Name is the kebab-case name used in errors and on command lines.
	Name string
	// Check is the validator.
	Check func(string) error
	// Doc is a one-line description of the rule.
	Doc string
}

// rules lists every fixed (non-parameterised) validator, sorted by name.
var rules = []Rule{
	{"arn", ARN, "Amazon Resource Name arn:partition:service:region:account:resource"},
	{"aws-account-id", AWSAccountID, "AWS account ID, exactly 12 digits"},
	{"aws-region", AWSRegion, "AWS Region code such as us-east-1"},
	{"dynamodb-table", DynamoDBTable, "DynamoDB table name, 3-255 of A-Z a-z 0-9 _ . -"},
	{"env-name", EnvName, "environment variable name [A-Za-z_][A-Za-z0-9_]*"},
	{"filename", Filename, "POSIX portable filename, not starting with -"},
	{"git-branch", GitBranch, "git branch name (check-ref-format --branch), no leading -"},
	{"git-ref", GitRef, "git ref name (check-ref-format --allow-onelevel), no leading -"},
	{"hostname", Hostname, "DNS host name (RFC 1123), ASCII only"},
	{"iam-group-name", IAMGroupName, "IAM group name, 1-128 of A-Z a-z 0-9 _ + = , . @ -"},
	{"iam-name", IAMName, "IAM user or role name, 1-64 of A-Z a-z 0-9 _ + = , . @ -"},
	{"iam-policy-name", IAMPolicyName, "IAM policy name, 1-128 of A-Z a-z 0-9 _ + = , . @ -"},
	{"image-ref", ImageRef, "OCI image reference [domain[:port]/]path[:tag][@digest]"},
	{"ip", IP, "IPv4 or IPv6 address without a zone"},
	{"lambda-function", LambdaFunction, "Lambda function name, partial or full ARN, optional qualifier"},
	{"no-leading-dash", NoLeadingDash, "anything not starting with -"},
	{"not-blank", NotBlank, "not empty and not only whitespace, control or invisible characters"},
	{"not-empty", NotEmpty, "not the empty string"},
	{"port", Port, "port number 1-65535 without sign or leading zero"},
	{"printable", Printable, "valid UTF-8 without control or bidi control characters"},
	{"rel-path", RelPath, "relative path of portable filenames that never climbs above its start"},
	{"s3-bucket", S3Bucket, "S3 general purpose bucket name"},
	{"s3-bucket-legacy", S3BucketLegacy, "S3 bucket name including legacy us-east-1 names"},
	{"s3-directory-bucket", S3DirectoryBucket, "S3 directory bucket name base--zone-id--x-s3"},
	{"s3-key", S3Key, "S3 object key, 1-1024 bytes of UTF-8 without controls"},
	{"s3-key-prefix", S3KeyPrefix, "empty or an S3 object key"},
	{"s3-key-strict", S3KeyStrict, "S3 object key of safe characters only"},
	{"s3-uri", S3URI, "s3://bucket[/key] with a valid bucket"},
	{"semver", SemVer, "Semantic Versioning 2.0.0 version, no v prefix"},
	{"sns-topic", SNSTopic, "SNS topic name, 1-256 of A-Z a-z 0-9 _ - (.fifo)"},
	{"sqs-queue", SQSQueue, "SQS queue name, 1-80 of A-Z a-z 0-9 _ - (.fifo)"},
	{"ssh-destination", SSHDestination, "ssh destination [user@]host, no port, URI, % or leading -"},
	{"uuid", UUID, "UUID in canonical 8-4-4-4-12 hex form"},
}

// Rules returns every fixed validator of the package (those that take no
// parameter: not [MaxLen], [Pattern], [OneOf] or [All]) with its kebab-case
// name, sorted by name. The name is the one its errors carry in
// [Error.Rule].
// The slice is a fresh copy on each call.
func Rules() []Rule { return slices.Clone(rules) }

// Lookup returns the fixed validator with the given kebab-case name, as
// listed by [Rules], and whether there is one.
func Lookup(name string) (func(string) error, bool) {
	i, ok := slices.BinarySearchFunc(rules, name, func(r Rule, name string) int {
		return strings.Compare(r.Name, name)
	})
	if !ok {
		return nil, false
	}
	return rules[i].Check, true
}
