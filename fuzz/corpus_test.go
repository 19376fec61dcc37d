package fuzz

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the hazard seed files in testdata/fuzz")

// A seed is one committed corpus entry: a file name that says which hazard
// it covers, and the input.
type seed struct{ name, s string }

// quoteSeeds covers every hazard of docs/design.md for the quoting targets.
var quoteSeeds = []seed{
	{"empty", ""},
	{"space", " "},
	{"tab-newline", "\t\n"},
	{"hash-start", "#x"},
	{"hash-middle", "a#b"},
	{"hash-end-zsh-extendedglob", "a#"},
	{"tilde", "~"},
	{"tilde-user", "~root/x"},
	{"tilde-after-eq", "a=~"},
	{"tilde-after-colon", "PATH:~/bin"},
	{"eq-cmd-zsh", "=ls"},
	{"eq-nosuchcmd-zsh", "=nosuchcmd"},
	{"brace-comma", "{a,b}"},
	{"brace-seq", "{1..3}"},
	{"brace-open-only", "{"},
	{"brace-close-only", "}"},
	{"caret-zsh", "^a"},
	{"bang", "!"},
	{"bang-history", "!!"},
	{"bang-middle", "a!b"},
	{"star", "*"},
	{"qmark", "?"},
	{"bracket", "["},
	{"bracket-class", "[ab]"},
	{"glob-suffix", "a*"},
	{"extglob", "@(a)"},
	{"cr", "\r"},
	{"cr-middle", "a\rb"},
	{"crlf", "a\r\nb"},
	{"u2028", "\u2028"},
	{"u2029", "a\u2029b"},
	{"high-before-quote", "\x81'"},
	{"high-before-backslash", "\x81\\"},
	{"high-before-semicolon", "\x81;id"},
	{"high-before-backquote", "\x81`id`"},
	{"high-before-dollar-paren", "\x81$(id)"},
	{"high-before-paren", "\x81)"},
	{"gbk-5c-trail", "\x95\\"},
	{"big5-5c-trail", "\xa5\\;id"},
	{"sjis-5c-trail", "\x83\\'"},
	{"euro-semicolon", "€;id"},
	{"euro-quote-ansic", "€';echo X;#\xff"},
	{"invalid-ff", "\xff"},
	{"invalid-lead", "\xc3"},
	{"invalid-surrogate", "\xed\xa0\x80"},
	{"invalid-overlong", "\xc0\xaf"},
	{"control-01", "\x01"},
	{"control-ctrl-u-cr", "a\x15\rb"},
	{"escape-sequence", "\x1b[31mred"},
	{"del", "\x7f"},
	{"quote", "it's"},
	{"quote-only", "'"},
	{"quote-run", "'''"},
	{"quote-ends", "'a'"},
	{"double-quote", `say "hi"`},
	{"backslash", `a\b`},
	{"backslash-n", `\n`},
	{"dollar-var", "$HOME"},
	{"dollar-paren", "$(id)"},
	{"backquote", "`id`"},
	{"dollar-single", "$'x'"},
	{"operators", "a;b|c&d<e>f"},
	{"parens", "(a)"},
	{"assignment", "NAME=value"},
	{"reserved-if", "if"},
	{"reserved-bang", "!"},
	{"reserved-dbracket", "[["},
	{"reserved-time", "time"},
	{"declare", "declare"},
	{"percent-self-fish", "%self"},
	{"percent", "%"},
	{"option", "-rf"},
	{"option-words", "x --profile evil"},
	{"s3-root", "s3://"},
	{"slash", "/"},
	{"zero-width-space", "\u200b"},
	{"bidi-override", "\u202e"},
	{"braille-blank", "\u2800"},
	{"hangul-filler", "\u3164"},
	{"bom", "\ufeff"},
	{"private-use-fish", "\uf641"},
	{"nbsp", "\u00a0"},
	{"unicode", "naïve café ☕"},
	{"nul", "\x00"},
	{"nul-middle", "a\x00b"},
	{"safe", "config-v2.json"},
}

// splitSeeds are lines for FuzzSplit: every form Split accepts, and every
// construct it must refuse.
var splitSeeds = []seed{
	{"empty", ""},
	{"blanks", " \t "},
	{"words", "a b  c"},
	{"single", "'a b'"},
	{"double", `"a b"`},
	{"double-escapes", `"\" \$ \\ \a"`},
	{"ansic", `$'a\tb\n\x41\101\e\''`},
	{"ansic-hex-short", `$'\x4g'`},
	{"ansic-octal-400", `$'\400'`},
	{"ansic-control", `$'\cA'`},
	{"ansic-control-question", `$'\c?'`},
	{"ansic-braced-hex", `$'\x{41}'`},
	{"ansic-surrogate", `$'\uD800'`},
	{"ansic-zero", `$'\0'`},
	{"backslash-space", `a\ b`},
	{"continuation", "a\\\nb"},
	{"continuation-between", "a \\\n b"},
	{"backslash-end", `a\`},
	{"backslash-high", "\\\xff"},
	{"backslash-cr-lf", "a\\\r\nb"},
	{"assignment", "a=b"},
	{"assignment-plus", "a+=b"},
	{"assignment-quoted", "'a'=b"},
	{"assignment-arg", "x a=b"},
	{"reserved", "if"},
	{"reserved-quoted", "'if' x"},
	{"reserved-arg", "x if"},
	{"tilde", "~"},
	{"tilde-middle", "a~"},
	{"tilde-after-eq", "x a=~"},
	{"tilde-after-colon", "x a:~"},
	{"hash", "#x"},
	{"hash-middle", "a#b"},
	{"bang", "!x"},
	{"bang-double", `"!"`},
	{"caret", "^a"},
	{"brace", "{a,b}"},
	{"glob", "a*"},
	{"dollar", "$x"},
	{"dollar-double", `"$x"`},
	{"locale-string", `$"x"`},
	{"command-subst", "$(id)"},
	{"backquote", "`id`"},
	{"operator", "a;b"},
	{"redirect", "a>b"},
	{"newline", "a\nb"},
	{"newline-quoted", "'a\nb'"},
	{"unterminated-single", "'a"},
	{"unterminated-double", `"a`},
	{"unterminated-ansic", `$'a`},
	{"nul", "a\x00b"},
	{"nul-quoted", "'a\x00b'"},
	{"invalid-utf8", "\xff"},
	{"invalid-utf8-quoted", "'\xff' \"\xfe\" $'\xfd'"},
	{"cr", "a\rb"},
	{"crlf", "a\r\nb"},
	{"control", "a\x01b"},
	{"join8", `aws s3 cp --recursive s3://my-bucket/reports/2024/ '/tmp/My Reports' --exclude '*.tmp'"'"'old'`},
	{"posix-run", `'it'"'"'s' "''"`},
	{"bash-printf-q", `it\'s \~ a\ b $'\001'`},
}

// joinSeeds are NUL-separated argument lists for FuzzJoinSplit.
var joinSeeds = []seed{
	{"one-empty", ""},
	{"two-empty", "\x00"},
	{"command", "aws\x00s3\x00ls\x00s3://bucket"},
	{"assignment-first", "NAME=value\x00x"},
	{"assignment-later", "env\x00NAME=value"},
	{"reserved-first", "if\x00true"},
	{"reserved-each", "!\x00{\x00}\x00[[\x00]]\x00time\x00declare"},
	{"fish-keyword", "begin\x00x"},
	{"fish-command", "command\x00ls"},
	{"exec", "exec\x00ls"},
	{"blank-args", " \x00\t\x00"},
	{"hazards", "~\x00=ls\x00{a,b}\x00#\x00*\x00it's"},
	{"high-bytes", "\x81\\\x00€;id\x00\xff"},
	{"controls", "a\nb\x00\r\x00\x1b"},
	{"option-words", "aws\x00s3\x00ls\x00x --profile evil"},
}

// builderSeeds are (a, b, c, d) for FuzzBuilder: a is the operand checked
// by S3Bucket, b the --region= value, c the --profile value, d the operand
// that may be "-".
var builderSeeds = []struct {
	name       string
	a, b, c, d string
}{
	{"plain", "my-bucket", "eu-west-1", "default", "out.txt"},
	{"dash-d", "my-bucket", "us-east-1", "p", "-"},
	{"option-a", "--profile", "x", "p", "y"},
	{"option-c", "my-bucket", "x", "-evil", "y"},
	{"option-b-allowed", "my-bucket", "-x", "p", "y"},
	{"option-d", "my-bucket", "x", "p", "--upload-pack=touch /tmp/x"},
	{"empty", "", "x", "p", "y"},
	{"empty-flag", "my-bucket", "", "p", "y"},
	{"blank", " ", "x", "p", "y"},
	{"blank-invisible", "my-bucket", "\u200b\u3164", "p", "y"},
	{"blank-braille", "my-bucket", "x", "\u2800", "y"},
	{"nul", "my-bucket", "a\x00b", "p", "y"},
	{"words", "my-bucket", "x --profile evil", "p q", "a b"},
	{"hazards", "my-bucket", "~", "=ls", "{a,b}"},
	{"quotes", "my-bucket", "it's", "\"", "'"},
	{"controls", "my-bucket", "a\nb", "\r", "\x1b[31m"},
	{"high-bytes", "my-bucket", "\x81\\", "€;id", "\xff"},
	{"glob", "my-bucket", "*", "?", "[a]"},
	{"s3-refused", "My_Bucket", "x", "p", "y"},
	{"s3-uri-as-bucket", "s3://", "x", "p", "y"},
	{"reserved", "my-bucket", "if", "then", "!"},
}

// templateSeeds are (template, a, b) for FuzzTemplate.
var templateSeeds = []struct{ name, tpl, a, b string }{
	{"aws", "aws s3 ls s3://{bucket}/{prefix} --region {region}", "my-bucket", "logs/"},
	{"aws-option", "aws s3 ls s3://{bucket}/{prefix} --region {region}", "b", "-x"},
	{"whole-word-option", "cp {src} {dst}", "-rf", "x"},
	{"after-end", "cp -- {src} {dst}", "-rf", "x"},
	{"git-end-of-options", "git log --end-of-options {rev}", "--output=/tmp/x", "x"},
	{"glued", "printargs {a}{b}", "-", "x"},
	{"glued-literal", "printargs x{a} --k={b}", "-a", "-b"},
	{"quoted-braces", "printargs '{a}' \"{b}\" {a}", "v", "w"},
	{"first-word", "{prog} x", "ls", "x"},
	{"expansion", "echo $HOME {a}", "x", "y"},
	{"command-subst", "echo $(id) {a}", "x", "y"},
	{"glob", "echo * {a}", "x", "y"},
	{"comment", "echo {a} # c", "x", "y"},
	{"operator", "echo {a}; rm -rf /", "x", "y"},
	{"redirect", "echo {a} > /tmp/x", "x", "y"},
	{"tilde", "echo ~{a}", "x", "y"},
	{"brace", "echo {a,b} {c}", "x", "y"},
	{"upper-name", "echo {A}", "x", "y"},
	{"unclosed", "echo {a", "x", "y"},
	{"lone-close", "echo }", "x", "y"},
	{"assignment", "X=1 cmd {a}", "x", "y"},
	{"values-blank", "printargs {a} {b}", " ", "\t"},
	{"values-nul", "printargs {a} {b}", "a\x00", "b"},
	{"values-hazards", "printargs {a} {b}", "x --profile evil", "$(id)"},
	{"values-quote", "printargs 'x'{a}\"y\" {b}", "it's", "\x81\\"},
	{"empty-template", "", "x", "y"},
	{"only-blanks", "   ", "x", "y"},
}

// TestSeedCorpus checks that the committed hazard seeds match the tables
// above; with -update-corpus it writes them.
func TestSeedCorpus(t *testing.T) {
	sets := map[string][]seed{
		"FuzzQuote":     quoteSeeds,
		"FuzzSplit":     splitSeeds,
		"FuzzJoinSplit": joinSeeds,
	}
	for target, seeds := range sets {
		for _, sd := range seeds {
			writeSeed(t, target, "hazard-"+sd.name, sd.s)
		}
	}
	for _, sd := range builderSeeds {
		writeSeed(t, "FuzzBuilder", "hazard-"+sd.name, sd.a, sd.b, sd.c, sd.d)
	}
	for _, sd := range templateSeeds {
		writeSeed(t, "FuzzTemplate", "hazard-"+sd.name, sd.tpl, sd.a, sd.b)
	}
}

// writeSeed writes (with -update-corpus) or checks one corpus file.
func writeSeed(t *testing.T, target, name string, values ...string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("go test fuzz v1\n")
	for _, v := range values {
		fmt.Fprintf(&b, "string(%s)\n", strconv.Quote(v))
	}
	path := filepath.Join("testdata", "fuzz", target, name)
	if *updateCorpus {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != b.String() {
		t.Errorf("%s is missing or stale: go test ./fuzz -run TestSeedCorpus -update-corpus", path)
	}
}

// ruleSeeds are, for each validator, values it should accept and near
// misses that it should refuse; the fuzz targets also get every hazard of
// quoteSeeds.
var ruleSeeds = map[string][]string{
	"arn": {"arn:aws:s3:::my-bucket", "arn:aws:iam::aws:policy/AdministratorAccess",
		"arn:aws:lambda:us-west-2:123456789012:function:f", "arn:aws:s3:::b k", "arn:aws:s3:::", "arn:aws:s3:::b\u202e",
		"arn:evil:s3:::b", "arn:aws:S3:::b", "-arn:aws:s3:::b"},
	"aws-account-id": {"123456789012", "012345678901", "12345678901", "1234567890123", "-12345678901", "１23456789012"},
	"aws-region": {"us-east-1", "eu-central-2", "cn-northwest-1", "us-gov-west-1", "us-iso-east-1", "eusc-de-east-1",
		"us-east-1a", "use1-az1", "US-EAST-1", "us-east-01", "us-east-1000", "us_east_1", "us-east-1\n"},
	"dynamodb-table":  {"my_table.v2-x", "ab", "-table", "a b c"},
	"env-name":        {"PATH", "_x1", "1X", "A-B", "A=B", "é"},
	"filename":        {"report.txt", ".hidden", ".", "..", "-rf", "a/b", "a b", "\u2028"},
	"git-branch":      {"main", "feature/x", "HEAD", "@", "-main", "a..b", "a@{1}", "a.lock", "a/.b", "a//b", "a.", "/a", "é"},
	"git-ref":         {"main", "refs/heads/main", "v1.2.3", "@", "-x", "a..b", "a~1", "a^", "a:b", "a?", "a*", "a[", `a\b`, "a b", "a.lock", ".a", "a/", "a.", "@{u}"},
	"ssh-destination": {"deploy@example.com", "10.0.0.7", "u@1.2.3.4", "-oProxyCommand=x", "u@h:22", "ssh://h", "[::1]", "u@@h", "%h", "u@-h", "@h", "u@"},
	"hostname":        {"example.com", "a", "xn--bcher-kva.example", "a-.com", "-a.com", "a..b", "a.", "1.2.3.4", "ex ample.com", "exämple.com", strings.Repeat("a", 64) + ".com"},
	"iam-group-name":  {"Admins", "a+b=c,d.e@f-g", "a b", strings.Repeat("a", 129)},
	"iam-name":        {"alice", "-bob", "a+b=c,d.e@f-g", "a b", strings.Repeat("a", 65)},
	"iam-policy-name": {"ReadOnly", "a:b", strings.Repeat("a", 128)},
	"image-ref": {"ubuntu", "docker.io/library/ubuntu:24.04", "ghcr.io/owner/app@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"localhost:5000/x", "[::1]:5000/x:tag", "UPPER/case", "-x", "x:-tag", "x@sha256:abc", "x:" + strings.Repeat("a", 129)},
	"ip":              {"127.0.0.1", "::1", "::ffff:192.0.2.1", "fe80::1%eth0", "fe80::1% -oProxyCommand=x", "127.1", "01.2.3.4", "256.0.0.0", "-1.2.3.4"},
	"lambda-function": {"my-function", "my-function:$LATEST", "my-function:1", "my-function:prod", "123456789012:function:f", "arn:aws:lambda:us-west-2:123456789012:function:f:01", "my function; rm -rf /", "f:0", "f:123"},
	"no-leading-dash": {"", "x", "-", "--", "x-"},
	"not-blank":       {"x", " x ", " ", "\t\n", "\u200b", "\u3164", "\u2800", "\ufeff", "\x01", "\u00ad", "\xff"},
	"not-empty":       {"", "x", " "},
	"port":            {"1", "80", "65535", "0", "65536", "080", "+80", "-1", " 80", "99999"},
	"printable":       {"", "héllo", "a\u202eb", "a\x1bb", "\xff", "\u0085", "a\u200bb"},
	"rel-path":        {"a/b", "a/../b", "a/../../b", "../a", "/a", "a//b", "a/", "a/-b", ".", "a/./b"},
	"s3-bucket": {"my-bucket", "my.bucket.name", "abc", "ab", strings.Repeat("a", 63), strings.Repeat("a", 64), "My-Bucket", "my_bucket",
		"-bucket", "bucket-", "a..b", "192.168.1.1", "999.0.0.01", "xn--abc", "sthree-x", "amzn-s3-demo-x", "x-s3alias", "x--ol-s3", "x.mrap", "x--x-s3", "x--table-s3",
		"x-an", "prefix-123456789012-us-east-1-an", "bucket\n", " ", "s3://", "/"},
	"s3-bucket-legacy":    {"My_Bucket", "a..b", "_x", strings.Repeat("A", 255), strings.Repeat("A", 256)},
	"s3-directory-bucket": {"bucket-base-name--usw2-az1--x-s3", "b--use1-az4--x-s3", "b--x-s3", "-b--usw2-az1--x-s3", "b--usw2--az1--x-s3", "xn--b--usw2-az1--x-s3"},
	"s3-key":              {"a", "videos/2014/../../video1.wmv", "videos/../../video1.wmv", "/lead", "a b", "a\x01", "a\u202e", strings.Repeat("k", 1025), "\xff", "é", "-k"},
	"s3-key-prefix":       {"", "a/", "../x"},
	"s3-key-strict":       {"a/b.txt", "a/", "a//b", "/a", "./a", "a/..", "a b", "-k", "(x)'!*"},
	"s3-uri":              {"s3://bucket", "s3://bucket/", "s3://bucket/key/x", "s3://", "s3:///x", "/", "S3://bucket", "s3://Bucket", "s3://arn:aws:s3:us-east-1:123456789012:accesspoint/ap/key", "s3://bucket/../../x"},
	"semver":              {"1.2.3", "1.2.3-rc.1+build.5", "0.0.0", "01.2.3", "v1.2.3", "1.2", "1.2.3-01", "1.2.3+", "-1.2.3"},
	"sns-topic":           {"topic", "t.fifo", "t.FIFO", "a.b", strings.Repeat("a", 257)},
	"sqs-queue":           {"queue", "q.fifo", "q-1_x", "q.fifo.fifo", strings.Repeat("a", 81), "a b"},
	"uuid":                {"123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "{123e4567-e89b-12d3-a456-426614174000}", "123e4567e89b12d3a456426614174000", "urn:uuid:123e4567-e89b-12d3-a456-426614174000"},
}

// TestRuleSeedCorpus writes (with -update-corpus) or checks the corpus of
// each validator's target: its own seeds. The quoting hazards are added by
// fuzzRule with f.Add, rather than copied into 33 directories.
func TestRuleSeedCorpus(t *testing.T) {
	for name, target := range ruleTargets {
		for i, s := range ruleSeeds[name] {
			writeSeed(t, target, "rule-"+strconv.Itoa(i), s)
		}
	}
}

// ruleTargets names each rule's fuzz target.
var ruleTargets = map[string]string{
	"arn": "FuzzARN", "aws-account-id": "FuzzAWSAccountID", "aws-region": "FuzzAWSRegion",
	"dynamodb-table": "FuzzDynamoDBTable", "env-name": "FuzzEnvName", "filename": "FuzzFilename",
	"git-branch": "FuzzGitBranch", "git-ref": "FuzzGitRef", "hostname": "FuzzHostname",
	"iam-group-name": "FuzzIAMGroupName", "iam-name": "FuzzIAMName", "iam-policy-name": "FuzzIAMPolicyName",
	"image-ref": "FuzzImageRef", "ip": "FuzzIP", "lambda-function": "FuzzLambdaFunction",
	"no-leading-dash": "FuzzNoLeadingDash", "not-blank": "FuzzNotBlank", "not-empty": "FuzzNotEmpty",
	"port": "FuzzPort", "printable": "FuzzPrintable", "rel-path": "FuzzRelPath", "s3-bucket": "FuzzS3Bucket",
	"s3-bucket-legacy": "FuzzS3BucketLegacy", "s3-directory-bucket": "FuzzS3DirectoryBucket",
	"s3-key": "FuzzS3Key", "s3-key-prefix": "FuzzS3KeyPrefix", "s3-key-strict": "FuzzS3KeyStrict",
	"s3-uri": "FuzzS3URI", "semver": "FuzzSemVer", "sns-topic": "FuzzSNSTopic", "sqs-queue": "FuzzSQSQueue", "ssh-destination": "FuzzSSHDestination",
	"uuid": "FuzzUUID",
}
