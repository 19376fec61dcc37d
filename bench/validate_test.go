package bench

import (
	"regexp"
	"testing"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// Plain regular-expression versions of four validators, as a program
// without the library would write them. RE2 has no look-around, so each
// rule is a pattern that must match and one that must not. They leave out
// the rarest clauses of the library's rules (S3Bucket's -an suffix form),
// which only makes them faster.
var (
	reS3Bucket    = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	reS3BucketBad = regexp.MustCompile(`\.\.|^\d+\.\d+\.\d+\.\d+$|^(xn--|sthree-|amzn-s3-demo-)|(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$`)
	reRegion      = regexp.MustCompile(`^(us-gov|us-iso|us-isob|us-isof|eu-isoe|eusc-de|us|eu|ap|sa|ca|me|af|il|mx|cn)-(central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9][0-9]{0,2}$`)
	reHostname    = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$`)
	reHostBad     = regexp.MustCompile(`(?:^|\.)[0-9]+$`)
	reGitRef      = regexp.MustCompile(`^[^-/][^\x00-\x20\x7f~^:?*\[\\]*$`)
	reGitRefBad   = regexp.MustCompile(`\.\.|@\{|//|/\.|^\.|\.lock(?:/|$)|[/.]$|^@$`)
)

func regexpS3Bucket(s string) bool { return reS3Bucket.MatchString(s) && !reS3BucketBad.MatchString(s) }
func regexpRegion(s string) bool   { return reRegion.MatchString(s) }
func regexpHostname(s string) bool {
	return len(s) <= 253 && reHostname.MatchString(s) && !reHostBad.MatchString(s)
}
func regexpGitRef(s string) bool {
	return reGitRef.MatchString(s) && !reGitRefBad.MatchString(s) && isASCII(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// validateCases are the validator inputs: a typical valid value and a
// typical refusal (a shell-injection attempt) for each rule.
var validateCases = []struct {
	rule, in, s string
	shq         func(string) error
	re          func(string) bool
}{
	{"s3-bucket", "valid", "my-company-logs.eu-west-1", validate.S3Bucket, regexpS3Bucket},
	{"s3-bucket", "invalid", "x --profile evil", validate.S3Bucket, regexpS3Bucket},
	{"aws-region", "valid", "ap-southeast-2", validate.AWSRegion, regexpRegion},
	{"aws-region", "invalid", "us-east-1;id", validate.AWSRegion, regexpRegion},
	{"hostname", "valid", "build-07.ci.example.com", validate.Hostname, regexpHostname},
	{"hostname", "invalid", "example.com -oProxyCommand=x", validate.Hostname, regexpHostname},
	{"git-ref", "valid", "refs/heads/feature/login-form", validate.GitRef, regexpGitRef},
	{"git-ref", "invalid", "--upload-pack=touch /tmp/x", validate.GitRef, regexpGitRef},
}

// sinkErr keeps validator results alive.
var sinkErr error

var sinkBool bool

// BenchmarkValidate measures each validator against its regexp version.
func BenchmarkValidate(b *testing.B) {
	for _, c := range validateCases {
		b.Run("rule="+c.rule+"/in="+c.in, func(b *testing.B) {
			b.Run("lib=shq", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(c.s)))
				for b.Loop() {
					sinkErr = c.shq(c.s)
				}
			})
			b.Run("lib=regexp", func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(c.s)))
				for b.Loop() {
					sinkBool = c.re(c.s)
				}
			})
		})
	}
}

// TestValidateAgree checks that the regexp versions give the library's
// verdict on the benchmark inputs and a few more, so that the benchmark
// compares the same rule.
func TestValidateAgree(t *testing.T) {
	extra := []string{"", "ab", "a..b", "192.168.1.1", "xn--x", "a-", "-a", "A", "us-east-1", "us-east-01",
		"a.b", "a.123", "main", "a.lock", "a/.b", "@", "a@{1}", "x/", "é"}
	for _, c := range validateCases {
		for _, s := range append([]string{c.s}, extra...) {
			if got, want := c.re(s), c.shq(s) == nil; got != want {
				t.Errorf("%s(%q): regexp %v, validate %v", c.rule, s, got, want)
			}
		}
	}
}

// TestS3BucketNoAlloc holds validate.S3Bucket to no allocation on success.
func TestS3BucketNoAlloc(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { sinkErr = validate.S3Bucket("my-company-logs.eu-west-1") }); n != 0 {
		t.Errorf("validate.S3Bucket: %v allocations, want 0", n)
	}
}

// BenchmarkCommand builds a 5-argument command with the builder and gets
// its argv or its POSIX line; lib=join is shq.Join of the same words, the
// quoting alone.
func BenchmarkCommand(b *testing.B) {
	build := func() *shq.Cmd {
		return shq.Command("aws", "s3", "cp").
			Arg("s3://my-bucket/reports/2024/").
			Arg("/tmp/My Reports").
			Flag("--region", "eu-west-1").
			FlagArg("--profile", "ci").
			Arg("report.csv", validate.Filename)
	}
	words, _ := build().Argv()
	b.Run("out=argv/lib=shq", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			words, _ = build().Argv()
		}
	})
	b.Run("out=line/lib=shq", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink, _ = build().Line()
		}
	})
	b.Run("out=line/lib=join", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink, _ = shq.Join(words...)
		}
	})
}
