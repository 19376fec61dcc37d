// Package validate holds allowlist validators for values that come from
// outside a program (an HTTP request, a Lambda event, a flag) and go into a
// command: S3 bucket names and keys, AWS Regions and ARNs, host names, ports,
// git refs, image references and more, with combinators to build new ones.
//
// A value is accepted only if it has the shape of what it claims to be.
// Quoting keeps a value one word; validation keeps that word meaningful:
// `aws s3 ls ""`, `aws s3 ls s3://` and `aws s3 ls s3:///x` are all
// perfectly quoted and all list every bucket in the account.
//
// # Validators
//
// Every validator is a plain func(string) error that returns nil for a
// valid value. Each one is total (it never panics, whatever the bytes),
// runs in time linear in the input, and does not allocate when the value is
// valid. Each doc comment states the rule, links its official source, and
// says whether the rule admits a leading '-'. Several service names may
// begin with '-' (IAM, Lambda, DynamoDB, SQS, SNS, S3 keys): the validators
// follow the services, and it is the command builder's option check (see
// package [github.com/safeshell/safeshell/shq], or [NoLeadingDash]) that
// stops "-x" in operand position.
//
// Unless a format says otherwise, validators refuse invalid UTF-8, NUL,
// C0 and C1 control characters and DEL, and most accept ASCII only, so that
// look-alikes (Cyrillic е for Latin e) and fullwidth digits do not pass.
//
// # Errors
//
// Every refusal is an [*Error] carrying the rule's kebab-case name, the byte
// offset of the first offending byte (or -1), the value's length and a
// reason. The value itself never appears in an error, not even an excerpt
// or a single character: it may be a secret, and raw bytes in a log are an
// injection of their own. Reasons name a class ("uppercase letter",
// "control character") instead. Errors unwrap to [ErrEmpty], [ErrBlank] or
// [ErrInvalid] for [errors.Is].
//
// # Blank
//
// [IsBlank] is the one definition of a blank value in safeshell, shared with
// the command builder: whitespace, default-ignorable code points, controls
// and U+2800. [NotBlank] refuses such values.
//
// # Registry
//
// [Rules] lists every fixed validator by name and [Lookup] finds one, so that a
// command-line tool can offer them as, for example, --rule s3-bucket.
package validate
