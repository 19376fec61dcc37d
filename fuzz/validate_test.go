package fuzz

import (
	"errors"
	"net/netip"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
	"pgregory.net/rapid"
)

// One fuzz target per validator of validate.Rules(). Each checks that the
// validator never panics, that a refusal is a *validate.Error that names the
// rule and never the value, and that an accepted value satisfies the rule's
// stated invariants (ruleInvariants), written here independently of the
// validator, mostly as plain regular expressions and loops.

// FuzzARN fuzzes the arn rule (see fuzzRule).
func FuzzARN(f *testing.F) { fuzzRule(f, "arn") }

// FuzzAWSAccountID fuzzes the aws-account-id rule (see fuzzRule).
func FuzzAWSAccountID(f *testing.F) { fuzzRule(f, "aws-account-id") }

// FuzzAWSRegion fuzzes the aws-region rule (see fuzzRule).
func FuzzAWSRegion(f *testing.F) { fuzzRule(f, "aws-region") }

// FuzzDynamoDBTable fuzzes the dynamodb-table rule (see fuzzRule).
func FuzzDynamoDBTable(f *testing.F) { fuzzRule(f, "dynamodb-table") }

// FuzzEnvName fuzzes the env-name rule (see fuzzRule).
func FuzzEnvName(f *testing.F) { fuzzRule(f, "env-name") }

// FuzzFilename fuzzes the filename rule (see fuzzRule).
func FuzzFilename(f *testing.F) { fuzzRule(f, "filename") }

// FuzzGitBranch fuzzes the git-branch rule (see fuzzRule).
func FuzzGitBranch(f *testing.F) { fuzzRule(f, "git-branch") }

// FuzzGitRef fuzzes the git-ref rule (see fuzzRule).
func FuzzGitRef(f *testing.F) { fuzzRule(f, "git-ref") }

// FuzzHostname fuzzes the hostname rule (see fuzzRule).
func FuzzHostname(f *testing.F) { fuzzRule(f, "hostname") }

// FuzzSSHDestination fuzzes the ssh-destination rule (see fuzzRule).
func FuzzSSHDestination(f *testing.F) { fuzzRule(f, "ssh-destination") }

// reSSHUser is the user part of an ssh destination.
var reSSHUser = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,31}$`)

// hostInvariant is the hostname rule's invariant, for the host part of
// an ssh destination.
func hostInvariant(s string) string {
	if len(s) > 253 {
		return "it is longer than 253"
	}
	labels := strings.Split(s, ".")
	for _, l := range labels {
		if !reHostLabel.MatchString(l) {
			return "a label is not 1..63 of [A-Za-z0-9-] with a letter or digit at each end"
		}
	}
	if allDigits(labels[len(labels)-1]) {
		return "its last label is all digits"
	}
	return ""
}

// FuzzIAMGroupName fuzzes the iam-group-name rule (see fuzzRule).
func FuzzIAMGroupName(f *testing.F) { fuzzRule(f, "iam-group-name") }

// FuzzIAMName fuzzes the iam-name rule (see fuzzRule).
func FuzzIAMName(f *testing.F) { fuzzRule(f, "iam-name") }

// FuzzIAMPolicyName fuzzes the iam-policy-name rule (see fuzzRule).
func FuzzIAMPolicyName(f *testing.F) { fuzzRule(f, "iam-policy-name") }

// FuzzImageRef fuzzes the image-ref rule (see fuzzRule).
func FuzzImageRef(f *testing.F) { fuzzRule(f, "image-ref") }

// FuzzIP fuzzes the ip rule (see fuzzRule).
func FuzzIP(f *testing.F) { fuzzRule(f, "ip") }

// FuzzLambdaFunction fuzzes the lambda-function rule (see fuzzRule).
func FuzzLambdaFunction(f *testing.F) { fuzzRule(f, "lambda-function") }

// FuzzNoLeadingDash fuzzes the no-leading-dash rule (see fuzzRule).
func FuzzNoLeadingDash(f *testing.F) { fuzzRule(f, "no-leading-dash") }

// FuzzNotBlank fuzzes the not-blank rule (see fuzzRule).
func FuzzNotBlank(f *testing.F) { fuzzRule(f, "not-blank") }

// FuzzNotEmpty fuzzes the not-empty rule (see fuzzRule).
func FuzzNotEmpty(f *testing.F) { fuzzRule(f, "not-empty") }

// FuzzPort fuzzes the port rule (see fuzzRule).
func FuzzPort(f *testing.F) { fuzzRule(f, "port") }

// FuzzPrintable fuzzes the printable rule (see fuzzRule).
func FuzzPrintable(f *testing.F) { fuzzRule(f, "printable") }

// FuzzRelPath fuzzes the rel-path rule (see fuzzRule).
func FuzzRelPath(f *testing.F) { fuzzRule(f, "rel-path") }

// FuzzS3Bucket fuzzes the s3-bucket rule (see fuzzRule).
func FuzzS3Bucket(f *testing.F) { fuzzRule(f, "s3-bucket") }

// FuzzS3BucketLegacy fuzzes the s3-bucket-legacy rule (see fuzzRule).
func FuzzS3BucketLegacy(f *testing.F) { fuzzRule(f, "s3-bucket-legacy") }

// FuzzS3DirectoryBucket fuzzes the s3-directory-bucket rule (see fuzzRule).
func FuzzS3DirectoryBucket(f *testing.F) { fuzzRule(f, "s3-directory-bucket") }

// FuzzS3Key fuzzes the s3-key rule (see fuzzRule).
func FuzzS3Key(f *testing.F) { fuzzRule(f, "s3-key") }

// FuzzS3KeyPrefix fuzzes the s3-key-prefix rule (see fuzzRule).
func FuzzS3KeyPrefix(f *testing.F) { fuzzRule(f, "s3-key-prefix") }

// FuzzS3KeyStrict fuzzes the s3-key-strict rule (see fuzzRule).
func FuzzS3KeyStrict(f *testing.F) { fuzzRule(f, "s3-key-strict") }

// FuzzS3URI fuzzes the s3-uri rule (see fuzzRule).
func FuzzS3URI(f *testing.F) { fuzzRule(f, "s3-uri") }

// FuzzSemVer fuzzes the semver rule (see fuzzRule).
func FuzzSemVer(f *testing.F) { fuzzRule(f, "semver") }

// FuzzSNSTopic fuzzes the sns-topic rule (see fuzzRule).
func FuzzSNSTopic(f *testing.F) { fuzzRule(f, "sns-topic") }

// FuzzSQSQueue fuzzes the sqs-queue rule (see fuzzRule).
func FuzzSQSQueue(f *testing.F) { fuzzRule(f, "sqs-queue") }

// FuzzUUID fuzzes the uuid rule (see fuzzRule).
func FuzzUUID(f *testing.F) { fuzzRule(f, "uuid") }

// fuzzRule runs the named rule's checks on the fuzzer's strings.
func fuzzRule(f *testing.F, name string) {
	check, ok := validate.Lookup(name)
	if !ok {
		f.Fatalf("validate.Lookup(%q): no such rule", name)
	}
	for _, sd := range quoteSeeds {
		f.Add(sd.s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if checkRule(t, name, check, s) && shellsEnabled() {
			checkRuleTools(t, name, s)
		}
	})
}

// TestRulesProperty runs every rule on hazard strings and on strings from
// each rule's own alphabet, and reports how many each accepted.
func TestRulesProperty(t *testing.T) {
	for _, r := range validate.Rules() {
		t.Run(r.Name, func(t *testing.T) {
			var n counts
			alphabet := rapid.Custom(func(t *rapid.T) string {
				pieces := rapid.SliceOfN(rapid.SampledFrom(rulePieces), 0, 12).Draw(t, "pieces")
				return strings.Join(pieces, "")
			})
			gen := rapid.OneOf(genString(), alphabet, alphabet, rapid.SampledFrom(ruleSeeds[r.Name]))
			rapid.Check(t, func(rt *rapid.T) {
				n.Add(checkRule(rt, r.Name, r.Check, gen.Draw(rt, "s")))
			})
			n.Log(t, r.Name)
		})
	}
}

// TestEveryRuleFuzzed fails when validate.Rules() lists a rule that has no
// invariants here (and so no fuzz target with meaningful checks).
func TestEveryRuleFuzzed(t *testing.T) {
	for _, r := range validate.Rules() {
		if ruleInvariants[r.Name] == nil {
			t.Errorf("rule %q has no invariants in fuzz/validate_test.go: add them, a FuzzXxx target and seeds", r.Name)
		}
	}
}

// rulePieces are fragments from which strings in the validators' alphabets
// are built, near-misses included.
var rulePieces = []string{
	"a", "z", "A", "Z", "0", "1", "9", "12", "123456789012", "-", "--", ".", "..", "_", "/", "//",
	":", "@", "@{", "+", "=", ",", "~", "^", "*", "?", "[", "\\", " ", "'", "(", ")", "!", "$LATEST",
	"arn:", "aws", "aws-cn", "s3", "s3://", "us-east-1", "eu-central-2", "us-gov-west-1", "xn--",
	"sthree-", "-s3alias", "--x-s3", "--ol-s3", ".mrap", "-an", "usw2-az1", ".lock", "HEAD", "refs/heads/",
	"fifo", ".fifo", "function:", "accesspoint/", "sha256:", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"1.2.3", "-rc.1", "+build", "::1", "127.0.0.1", "%eth0", "[::1]", ":8080", "é", "\u202e", "\u200b", "\x00", "\n", "\x7f", "\xff",
}

// checkRule runs check on s and checks the result; it reports whether s was
// accepted.
func checkRule(t tb, name string, check func(string) error, s string) bool {
	err := check(s)
	if again := check(s); (again == nil) != (err == nil) {
		t.Fatalf("%s(%q): %v, then %v", name, s, err, again)
	}
	if err != nil {
		var e *validate.Error
		if !errors.As(err, &e) {
			t.Fatalf("%s(%q): %T %v is not a *validate.Error", name, s, err, err)
		}
		if e.Rule != name || e.Len != len(s) || e.Offset < -1 || e.Offset >= max(len(s), 1) {
			t.Fatalf("%s(%q): %#v: wrong rule, length or offset", name, s, e)
		}
		if !errors.Is(err, validate.ErrEmpty) && !errors.Is(err, validate.ErrBlank) && !errors.Is(err, validate.ErrInvalid) {
			t.Fatalf("%s(%q): %v wraps no sentinel", name, s, err)
		}
		if s == "" && !errors.Is(err, validate.ErrEmpty) {
			t.Fatalf("%s(\"\"): %v does not wrap ErrEmpty", name, err)
		}
		msg := err.Error()
		for i := 0; i < len(msg); i++ {
			if msg[i] < 0x20 || msg[i] == 0x7f {
				t.Fatalf("%s(%q): error %q has a control byte", name, s, msg)
			}
		}
		if len(s) >= 12 && strings.Contains(msg, s) {
			t.Fatalf("%s(%q): error %q shows the value", name, s, msg)
		}
		return false
	}
	if strings.IndexByte(s, 0) >= 0 && !admitsNUL[name] {
		t.Fatalf("%s accepts %q, which has a NUL byte", name, s)
	}
	if strings.HasPrefix(s, "-") && !admitsDash[name] {
		t.Fatalf("%s accepts %q, which starts with '-'", name, s)
	}
	inv := ruleInvariants[name]
	if inv == nil {
		return true // TestEveryRuleFuzzed reports it
	}
	if why := inv(s); why != "" {
		t.Fatalf("%s accepts %q, but %s", name, s, why)
	}
	return true
}

// admitsDash lists the rules whose documentation says they admit a leading
// '-' (the services allow it; the builder's option check stops it).
var admitsDash = map[string]bool{
	"s3-key": true, "s3-key-strict": true, "s3-key-prefix": true, "iam-name": true,
	"iam-group-name": true, "iam-policy-name": true, "dynamodb-table": true, "sqs-queue": true,
	"sns-topic": true, "lambda-function": true, "not-blank": true, "not-empty": true,
	"printable": true,
}

// admitsNUL lists the rules that do not look at bytes other than the ones
// they name (the builder refuses NUL before any validator runs).
var admitsNUL = map[string]bool{"no-leading-dash": true, "not-empty": true, "not-blank": true}

// Plain regular expressions for the rules that have one; Go's $ is end of
// text, and lengths over 1000 are checked in code.
var (
	reS3Bucket     = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	reLegacyBucket = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$`)
	reDirBucket    = regexp.MustCompile(`^([a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9])--[a-z0-9]+(-[a-z0-9]+)+--x-s3$`)
	reRegion       = regexp.MustCompile(`^(us-gov|us-iso|us-isob|us-isof|eu-isoe|eusc-de|us|eu|ap|sa|ca|me|af|il|mx|cn)-(central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9][0-9]{0,2}$`)
	reAccount      = regexp.MustCompile(`^[0-9]{12}$`)
	reIAM          = regexp.MustCompile(`^[A-Za-z0-9_+=,.@-]+$`)
	reDynamo       = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,255}$`)
	reFifoName     = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.fifo)?$`)
	reEnvName      = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	reFilename     = regexp.MustCompile(`^[A-Za-z0-9._][A-Za-z0-9._-]{0,254}$`)
	reUUID         = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	reSemVer       = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)
	rePort         = regexp.MustCompile(`^[1-9][0-9]{0,4}$`)
	reS3KeyStrict  = regexp.MustCompile(`^[0-9a-zA-Z!_.*'()/-]+$`)
	reHostLabel    = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	reLambdaName   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	reAlias        = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
	reImageChars   = regexp.MustCompile(`^[A-Za-z0-9._/:@\[\]-]+$`)
	reServiceChars = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// ruleInvariants holds, for each rule, a check of what its documentation
// promises about an accepted value; it returns what is wrong, or "".
var ruleInvariants = map[string]func(string) string{
	"s3-bucket": func(s string) string {
		switch {
		case !reS3Bucket.MatchString(s):
			return "it is not 3..63 of [a-z0-9.-] with a letter or digit at each end"
		case strings.Contains(s, ".."):
			return "it has two adjacent periods"
		case dottedQuad(s):
			return "it is shaped like an IPv4 address"
		case hasAnyPrefix(s, "xn--", "sthree-", "amzn-s3-demo-"), hasAnySuffix(s, "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"):
			return "it has a reserved prefix or suffix"
		}
		return noQuoting(s)
	},
	"s3-bucket-legacy": func(s string) string {
		switch {
		case len(s) < 3 || len(s) > 255 || !reLegacyBucket.MatchString(s):
			return "it is not 3..255 of [A-Za-z0-9._-] with a letter or digit at each end"
		case strings.Contains(s, ".."), dottedQuad(s):
			return "it has adjacent periods or is shaped like an IPv4 address"
		}
		return noQuoting(s)
	},
	"s3-directory-bucket": func(s string) string {
		if len(s) < 3 || len(s) > 63 || !reDirBucket.MatchString(s) {
			return "it is not base--zone-id--x-s3 of [a-z0-9-], 3..63 bytes"
		}
		if hasAnyPrefix(s, "xn--", "sthree-", "amzn-s3-demo-") {
			return "it has a reserved prefix"
		}
		return noQuoting(s)
	},
	"s3-uri": func(s string) string {
		rest, ok := strings.CutPrefix(s, "s3://")
		if !ok || rest == "" || rest[0] == '/' {
			return "it is not s3:// followed by a bucket"
		}
		if strings.HasPrefix(rest, "arn:") {
			if !strings.Contains(rest, ":accesspoint/") {
				return "its ARN is not an access point"
			}
			return ""
		}
		bucket, key, _ := strings.Cut(rest, "/")
		if validate.S3Bucket(bucket) != nil {
			return "its bucket fails S3Bucket"
		}
		if validate.S3KeyPrefix(key) != nil {
			return "its key fails S3KeyPrefix"
		}
		return ""
	},
	"s3-key": func(s string) string {
		if len(s) < 1 || len(s) > 1024 {
			return "it is not 1..1024 bytes"
		}
		if why := printableText(s); why != "" {
			return why
		}
		return climbs(s)
	},
	"s3-key-prefix": func(s string) string {
		if s == "" {
			return ""
		}
		if validate.S3Key(s) != nil {
			return "it is neither empty nor an S3Key"
		}
		return ""
	},
	"s3-key-strict": func(s string) string {
		if len(s) > 1024 || !reS3KeyStrict.MatchString(s) {
			return "it is not 1..1024 of the safe characters"
		}
		if s[0] == '/' {
			return "it starts with /"
		}
		segs := strings.Split(strings.TrimSuffix(s, "/"), "/")
		for _, seg := range segs {
			if seg == "" || seg == "." || seg == ".." {
				return "it has an empty or dot segment"
			}
		}
		return ""
	},
	"aws-region": func(s string) string {
		if !reRegion.MatchString(s) {
			return "it is not partition-direction-number"
		}
		return noQuoting(s)
	},
	"aws-account-id": func(s string) string {
		if !reAccount.MatchString(s) {
			return "it is not 12 digits"
		}
		return ""
	},
	"arn": func(s string) string {
		parts := strings.SplitN(s, ":", 6)
		if len(s) > 2048 || len(parts) != 6 || parts[0] != "arn" {
			return "it is not arn:partition:service:region:account:resource of at most 2048 bytes"
		}
		if !slices.Contains([]string{"aws", "aws-cn", "aws-us-gov", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"}, parts[1]) {
			return "its partition is unknown"
		}
		if !reServiceChars.MatchString(parts[2]) {
			return "its service is not [a-z0-9-]+"
		}
		if parts[3] != "" && !reRegion.MatchString(parts[3]) {
			return "its region is not a region"
		}
		if parts[4] != "" && parts[4] != "aws" && !reAccount.MatchString(parts[4]) {
			return "its account is not 12 digits or aws"
		}
		if parts[5] == "" {
			return "its resource is empty"
		}
		if why := printableText(parts[5]); why != "" {
			return "its resource: " + why
		}
		for _, r := range parts[5] {
			if unicode.IsSpace(r) || validate.IsBlank(string(r)) {
				return "its resource has whitespace or an invisible character"
			}
		}
		return ""
	},
	"iam-name":        func(s string) string { return charsLen(s, reIAM, 1, 64) },
	"iam-group-name":  func(s string) string { return charsLen(s, reIAM, 1, 128) },
	"iam-policy-name": func(s string) string { return charsLen(s, reIAM, 1, 128) },
	"dynamodb-table":  func(s string) string { return charsLen(s, reDynamo, 3, 255) },
	"sqs-queue":       func(s string) string { return charsLen(s, reFifoName, 1, 80) },
	"sns-topic":       func(s string) string { return charsLen(s, reFifoName, 1, 256) },
	"lambda-function": func(s string) string {
		if len(s) > 170 {
			return "it is longer than 170 bytes"
		}
		name := s
		if strings.HasPrefix(s, "arn:") {
			parts := strings.Split(s, ":")
			if len(parts) < 7 || parts[2] != "lambda" || !reRegion.MatchString(parts[3]) || !reAccount.MatchString(parts[4]) || parts[5] != "function" {
				return "its ARN is not arn:partition:lambda:region:account:function:name"
			}
			name = strings.Join(parts[6:], ":")
		} else if p := strings.Split(s, ":"); len(p) >= 3 && reAccount.MatchString(p[0]) && p[1] == "function" {
			name = strings.Join(p[2:], ":")
		}
		name, qual, hasQual := strings.Cut(name, ":")
		if !reLambdaName.MatchString(name) {
			return "its function name is not 1..64 of [A-Za-z0-9_-]"
		}
		version := allDigits(qual) && qual[0] != '0'
		alias := reAlias.MatchString(qual) && !allDigits(qual)
		if hasQual && qual != "$LATEST" && !version && !alias {
			return "its qualifier is not $LATEST, a version or an alias"
		}
		return ""
	},
	"env-name": func(s string) string {
		if !reEnvName.MatchString(s) {
			return "it is not [A-Za-z_][A-Za-z0-9_]*"
		}
		return noQuoting(s)
	},
	"filename": func(s string) string {
		if !reFilename.MatchString(s) || s == "." || s == ".." {
			return "it is not a portable filename of 1..255 bytes, or it is . or .."
		}
		return noQuoting(s)
	},
	"rel-path": func(s string) string {
		if len(s) > 4095 || s == "" || s[0] == '/' {
			return "it is empty, absolute or longer than 4095"
		}
		for _, c := range strings.Split(s, "/") {
			if c == "." || c == ".." {
				continue
			}
			if !reFilename.MatchString(c) {
				return "a component is not a portable filename"
			}
		}
		if why := climbs(s); why != "" {
			return why
		}
		return noQuoting(s)
	},
	"uuid": func(s string) string {
		if !reUUID.MatchString(s) {
			return "it is not 8-4-4-4-12 hex"
		}
		return noQuoting(s)
	},
	"semver": func(s string) string {
		if !reSemVer.MatchString(s) {
			return "it does not match semver.org's regular expression"
		}
		return noQuoting(s)
	},
	"hostname": func(s string) string {
		if len(s) > 253 {
			return "it is longer than 253"
		}
		labels := strings.Split(s, ".")
		for _, l := range labels {
			if !reHostLabel.MatchString(l) {
				return "a label is not 1..63 of [A-Za-z0-9-] with a letter or digit at each end"
			}
		}
		if allDigits(labels[len(labels)-1]) {
			return "its last label is all digits"
		}
		return noQuoting(s)
	},
	"ssh-destination": func(s string) string {
		host := s
		if i := strings.LastIndexByte(s, '@'); i >= 0 {
			if !reSSHUser.MatchString(s[:i]) {
				return "the user is not 1..32 of [A-Za-z0-9._-] starting with neither - nor ."
			}
			host = s[i+1:]
		}
		if a, err := netip.ParseAddr(host); err == nil && a.Is4() {
			return noQuoting(s)
		}
		if why := hostInvariant(host); why != "" {
			return "the host: " + why
		}
		return noQuoting(s)
	},
	"ip": func(s string) string {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return "netip.ParseAddr refuses it or finds a zone"
		}
		return noQuoting(s)
	},
	"port": func(s string) string {
		n, err := strconv.Atoi(s)
		if !rePort.MatchString(s) || err != nil || n < 1 || n > 65535 {
			return "it is not 1..65535 without sign or leading zero"
		}
		return noQuoting(s)
	},
	"image-ref": func(s string) string {
		if !reImageChars.MatchString(s) {
			return "it has a character outside the reference grammar"
		}
		name, _, _ := strings.Cut(s, "@")
		if i := strings.LastIndexByte(name, ':'); i >= 0 && !strings.Contains(name[i:], "/") && !strings.Contains(name[i:], "]") {
			name = name[:i]
		}
		// The repository path as docker normalises it: without a domain
		// (a first component with '.', ':' or uppercase, or localhost), and with
		// library/ before a one-component Docker Hub name.
		first, rest, ok := strings.Cut(name, "/")
		path := name
		switch {
		case !ok:
			path = "library/" + name
		case first == "localhost" || strings.ContainsAny(first, ".:") || strings.ToLower(first) != first:
			path = rest
			if (first == "docker.io" || first == "index.docker.io") && !strings.Contains(rest, "/") {
				path = "library/" + rest
			}
		}
		if len(path) > 255 {
			return "its repository path is longer than 255"
		}
		if len(s) == 64 && strings.Trim(s, "0123456789abcdef") == "" {
			return "it is 64 hex digits, an image ID"
		}
		if end := strings.IndexByte(s, ']'); strings.HasPrefix(s, "[") && end > 0 && strings.Trim(s[1:end], "0123456789abcdefABCDEF:") != "" {
			return "its bracketed host is not hex digits and colons"
		}
		return ""
	},
	"git-ref":    func(s string) string { return gitRefRule(s, false) },
	"git-branch": func(s string) string { return gitRefRule(s, true) },
	"no-leading-dash": func(s string) string {
		if strings.HasPrefix(s, "-") {
			return "it starts with -"
		}
		return ""
	},
	"not-empty": func(s string) string {
		if s == "" {
			return "it is empty"
		}
		return ""
	},
	"not-blank": func(s string) string {
		if s == "" || validate.IsBlank(s) {
			return "it is empty or blank"
		}
		if utf8.ValidString(s) && strings.TrimFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || r == '\u2800' || r == '\u200b' || r == '\ufeff'
		}) == "" {
			return "it is only whitespace, control and invisible characters"
		}
		return ""
	},
	"printable": func(s string) string { return printableText(s) },
}

// gitRefRule is git check-ref-format's rule (--allow-onelevel), with the
// library's two deliberate differences: no leading '-', ASCII only. branch
// adds --branch's refusal of HEAD and the library's of "@".
func gitRefRule(s string, branch bool) string {
	if s == "" || s == "@" || s[0] == '-' {
		return "it is empty, @ or starts with -"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`~^:?*[\`, c) >= 0 {
			return "it has a space, control, non-ASCII byte or one of ~^:?*[\\"
		}
	}
	switch {
	case strings.Contains(s, ".."), strings.Contains(s, "@{"), strings.Contains(s, "//"):
		return "it has .., @{ or //"
	case s[0] == '/', s[len(s)-1] == '/', s[len(s)-1] == '.':
		return "it starts or ends with / or ends with ."
	}
	for _, c := range strings.Split(s, "/") {
		if strings.HasPrefix(c, ".") || strings.HasSuffix(c, ".lock") {
			return "a component starts with . or ends with .lock"
		}
	}
	if branch && s == "HEAD" {
		return "it is HEAD"
	}
	// No quoting promise: git allows ' # ; ( ) ! and more in a ref.
	return ""
}

// checkRuleTools compares an accepted git ref or branch with git itself
// (SHQ_FUZZ_SHELLS=1): git must accept whatever the library accepts.
func checkRuleTools(t *testing.T, name, s string) {
	var args []string
	switch name {
	case "git-ref":
		args = []string{"check-ref-format", "--allow-onelevel", s}
	case "git-branch":
		args = []string{"check-ref-format", "--branch", s}
	default:
		return
	}
	git, err := exec.LookPath("git")
	if err != nil {
		shelltest.Missing(t, "git is not installed")
	}
	if out, err := exec.Command(git, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s accepts %q, git %s refuses it: %v %s", name, s, strings.Join(args[:len(args)-1], " "), err, out)
	}
}

// noQuoting requires a value that a validator promises is a plain word to
// need no quoting in any POSIX shell.
func noQuoting(s string) string {
	if shq.POSIX.NeedsQuoting(s) {
		return "it needs quoting (shq.POSIX.NeedsQuoting)"
	}
	return ""
}

func charsLen(s string, re *regexp.Regexp, lo, hi int) string {
	if len(s) < lo || len(s) > hi || !re.MatchString(s) {
		return "it is not " + strconv.Itoa(lo) + ".." + strconv.Itoa(hi) + " bytes of " + re.String()
	}
	return ""
}

// printableText is the Printable rule: valid UTF-8 without Cc and without
// the bidi controls of CVE-2021-42574.
func printableText(s string) string {
	if !utf8.ValidString(s) {
		return "it is not valid UTF-8"
	}
	for _, r := range s {
		if unicode.Is(unicode.Cc, r) {
			return "it has a control character"
		}
		if '\u202a' <= r && r <= '\u202e' || '\u2066' <= r && r <= '\u2069' || r == '\u200e' || r == '\u200f' || r == '\u061c' {
			return "it has a bidi control"
		}
	}
	return ""
}

// climbs reports a path whose ".." segments, read left to right, climb
// above its start.
func climbs(s string) string {
	depth := 0
	for _, seg := range strings.Split(s, "/") {
		switch seg {
		case "..":
			depth--
			if depth < 0 {
				return "its .. segments climb above the start"
			}
		case ".", "":
		default:
			depth++
		}
	}
	return ""
}

func dottedQuad(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if !allDigits(p) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func hasAnyPrefix(s string, p ...string) bool {
	return slices.ContainsFunc(p, func(p string) bool { return strings.HasPrefix(s, p) })
}

func hasAnySuffix(s string, x ...string) bool {
	return slices.ContainsFunc(x, func(x string) bool { return strings.HasSuffix(s, x) })
}
