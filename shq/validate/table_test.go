package validate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/shq/validate"
)

// caseTable is the one table of hand-picked values: the official examples
// from VALIDATORS.md and each source, then edge cases (every length bound
// and one past it, each forbidden character, surrounding whitespace,
// look-alikes, invalid UTF-8, NUL). The keys are rule names from Rules.
var caseTable = map[string]struct{ valid, invalid []string }{
	"s3-bucket": {
		valid: []string{
			// Official examples.
			"docexamplebucket1", "log-delivery-march-2020", "my-hosted-content",
			"docexamplewebsite.com", "www.docexamplewebsite.com", "my.example.s3.bucket",
			// Bounds and shapes.
			"abc", strings.Repeat("a", 63), "a-b", "a.b-c", "1.2.3", "1.2.3.4.5", "xn-a",
			"000", "a--b", "my-app-123456789012-us-east-1-an", "x-123456789012-eusc-de-east-1-an",
		},
		invalid: []string{
			// Official counter-examples.
			"doc_example_bucket", "DocExampleBucket", "doc-example-bucket-", "example..com",
			"192.168.5.4", "amzn-s3-demo-bucket",
			// What makes `aws s3 ls` list every bucket.
			"", " ", "s3://", "/", "s3:///x",
			// Bounds.
			"ab", strings.Repeat("a", 64),
			// Ends, IP shapes, reserved prefixes and suffixes.
			"-bucket", ".bucket", "bucket.", "bucket-", "999.999.999.999", "01.02.03.04", "1.2.3.4",
			"xn--abc", "sthree-abc", "sthree-configurator", "abc-s3alias", "abc--ol-s3", "abc.mrap",
			"abc--x-s3", "abc--table-s3", "abc-an", "my-app-12345678901-us-east-1-an",
			"123456789012-us-east-1-an", "-123456789012-us-east-1-an", "my-app-123456789012-us-east-1a-an",
			// Characters.
			"bucket\n", " bucket", "bucket ", "buck et", "buckеt", "bucket１", "bu\x00cket",
			"bucket\xff", "bucket/key", "bucket:x", "bucket\t", "a\u200bbc", "b\u202ecket",
		},
	},
	"s3-bucket-legacy": {
		valid: []string{
			"docexamplebucket1", "my.example.s3.bucket", "My_Bucket", "a_b",
			strings.Repeat("A", 255), "UPPER",
		},
		invalid: []string{
			"", "ab", strings.Repeat("a", 256), "-x", "_x", "x_", ".x", "a..b", "1.2.3.4",
			"bucket\n", "xn--x", "a b", "buckеt", "a\x00b", "a/b", "abc--x-s3",
		},
	},
	"s3-directory-bucket": {
		valid: []string{
			"bucket-base-name--usw2-az1--x-s3", "a--use1-az4--x-s3", "my-bucket--usw2-lax1-az1--x-s3",
			"b--apne1-az4--x-s3", strings.Repeat("a", 63-len("--usw2-az1--x-s3")) + "--usw2-az1--x-s3",
		},
		invalid: []string{
			"", "bucket", "bucket--x-s3", "--usw2-az1--x-s3", "Bucket--usw2-az1--x-s3",
			"b.c--usw2-az1--x-s3", "bucket--usw2--x-s3", "bucket--usw2-az1--x-s3x",
			strings.Repeat("a", 64-len("--usw2-az1--x-s3")) + "--usw2-az1--x-s3",
			"xn--a--usw2-az1--x-s3", "bucket---usw2-az1--x-s3", "bucket--usw2-az1-",
			"bucket--usw2-az1--x-s3\n", " bucket--usw2-az1--x-s3", "-bucket--usw2-az1--x-s3",
			"bucket--usw2--az1--x-s3x", "buckеt--usw2-az1--x-s3",
			"xn--0-0--x-s3", "sthree-0--a-b--x-s3", // reserved prefix across the base (FuzzS3DirectoryBucket)
		},
	},
	"s3-uri": {
		valid: []string{
			"s3://my-bucket", "s3://my-bucket/", "s3://my-bucket/key", "s3://my-bucket//",
			"s3://my-bucket/videos/2014/../../video1.wmv", "s3://b.c.d/a b",
			"s3://arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap",
			"s3://arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap/some/key",
			"s3://arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap/",
		},
		invalid: []string{
			// Each of these makes `aws s3 ls` list every bucket.
			"", "s3://", "s3:///x", "/", "s3:///",
			"s3:/", "s3:", "S3://bucket", "s3://Bucket", "s3://my-bucket/\n", "s3://my-bucket/../x",
			"s3://ab", "my-bucket", "s3:my-bucket", "s3://my-bucket/\x00", "s3://my-bucket\n",
			" s3://my-bucket", "s3://my-bucket /x", "s3://-bucket", "s3://buckеt",
			"s3://arn:aws:s3:us-west-2:123456789012:accesspoint/",
			"s3://arn:aws:s3:us-west-2:123456789012:accesspoint/AP",
			"s3://arn:aws:s3::123456789012:accesspoint/my-ap",
			"s3://arn:aws:s3:us-west-2:123456789012:bucket/my-ap",
			"s3://arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap/../..",
			"s3://my-bucket/" + strings.Repeat("k", 1025),
		},
	},
	"s3-key": {
		valid: []string{
			// Official examples.
			"4my-organization", "my.great_photos-2014/jan/myvacation.jpg", "videos/2014/birthday/video1.wmv",
			"videos/2014/../../video1.wmv",
			// Allowed by S3 and kept.
			"/leading", "a b", " ", "ключ", "a//b", "-dash", "..a", "./x", "a/..", "a/../b", "a\u200bb",
			strings.Repeat("a", 1024), strings.Repeat("é", 512),
		},
		invalid: []string{
			"", "videos/../../video1.wmv", "..", "../x", "a/../../x", "/..", "./..",
			strings.Repeat("a", 1025), strings.Repeat("é", 512) + "a",
			"a\n", "a\x00", "a\x7f", "a\u0085", "a\u202e", "\u2066a", "a\u200e", "\xff", "a\tb", "a\rb",
		},
	},
	"s3-key-strict": {
		valid: []string{
			"4my-organization", "my.great_photos-2014/jan/myvacation.jpg", "a!b*c'(d)", "folder/",
			strings.Repeat("a", 1024), "-dash", "a..b", ".hidden",
		},
		invalid: []string{
			"", "/x", "a//b", "./x", "a/./b", "a/..", "..", ".", "/", "a b", "a+b", "a=b", "ключ",
			strings.Repeat("a", 1025), "a\n", "a&b", "a$b", "a\\b", "a:b", "a@b", "a\x00", "a//",
		},
	},
	"s3-key-prefix": {
		valid:   []string{"", "photos/", "a", "videos/2014/../../video1.wmv"},
		invalid: []string{"..", "videos/../../video1.wmv", "a\n", "\x00", strings.Repeat("a", 1025)},
	},
	"aws-region": {
		valid: []string{
			"us-east-1", "eu-central-2", "ap-southeast-7", "cn-northwest-1", "us-gov-west-1",
			"us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1",
			"mx-central-1", "il-central-1", "ca-west-1", "af-south-1", "me-south-1", "sa-east-1",
			"us-gov-east-1", "ap-northeast-3", "us-west-999",
		},
		invalid: []string{
			"us-east-1a", "use1-az1", "US-EAST-1", "us_east_1", "", "us-east", "us-east-0",
			"us-east-01", "us-east-1000", "us-east-1 ", " us-east-1", "us-east-1\n", "xx-east-1",
			"us-up-1", "eusc-east-1", "us-gov-1", "us-еast-1", "us-east-１", "us-east-1-",
			"-us-east-1", "global", "aws-global", "us-east--1", "us--east-1", "us-iso-gov-west-1",
			"de-east-1", "us-east-1\x00",
		},
	},
	"aws-account-id": {
		valid: []string{"012345678901", "123456789012", "000000000000"},
		invalid: []string{
			"", "12345678901", "1234567890123", "12345678901a", "１23456789012", " 123456789012",
			"123456789012\n", "-12345678901", "+12345678901", "1234-5678-9012",
		},
	},
	"arn": {
		valid: []string{
			"arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:s3:::my-bucket",
			"arn:aws:s3:::my-bucket/key/with:colon", "arn:aws:lambda:us-west-2:123456789012:function:my-function",
			"arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-0123", "arn:aws-us-gov:iam::123456789012:role/x",
			"arn:aws-eusc:s3:::b", "arn:aws-iso-f:sqs:us-isof-south-1:123456789012:q",
			"arn:aws:iam::123456789012:user/ключ", "arn:aws:s3:::" + strings.Repeat("a", 2048-13),
		},
		invalid: []string{
			"", "arn:aws:s3:::", "arn:aws:s3::", "arn:aws:s3:::a b", "arn:aws:s3:::a\n",
			"arn:aws:s3:::a\u200b", "arn:aws:s3:::\u202e", "arn:foo:s3:::b", "arn:aws::::b",
			"arn:aws:S3:::b", "arn:aws:s3:US-EAST-1::b", "arn:aws:s3::12345:b", "ARN:aws:s3:::b",
			"arm:aws:s3:::b", "arn:aws:s3:::" + strings.Repeat("a", 2048-12), "arn:aws:s3:::\xff",
			"arn:aws:s3:::a\x00", " arn:aws:s3:::b", "arn:aws:s3:::b\u00a0", "arn:aws:s3:::\u2800",
			"arn:aws:s3:us-east-1a::b", "arn:aws:s3::AWS:b", "arn",
		},
	},
	"lambda-function": {
		valid: []string{
			"my-function", "my-function:$LATEST", "my-function:1", "my-function:prod",
			"123456789012:function:my-function", "123456789012:function:my-function:2",
			"arn:aws:lambda:us-west-2:123456789012:function:my-function",
			"arn:aws:lambda:us-west-2:123456789012:function:my-function:alias_1",
			strings.Repeat("a", 64), "-dash", "a_b", "f:" + strings.Repeat("q", 128),
		},
		invalid: []string{
			"", "my function; rm -rf /", "my.function", strings.Repeat("a", 65), "my-function:",
			"my-function:$latest", "my-function:01", "my-function:0", "my-function:a:b",
			"arn:aws:lambda:us-west-2:123456789012:function:", "arn:aws:s3:us-west-2:123456789012:function:x",
			"arn:aws:lambda:us-west-2:1234:function:x", "arn:aws:lambda::123456789012:function:x",
			"123456789012:func:x", "arn:aws:lambda:us-west-2:123456789012:layer:x",
			"f:" + strings.Repeat("q", 129), "my-function\n", "my-functiоn", "arn:aws:lambda",
			"arn:aws-xx:lambda:us-west-2:123456789012:function:x", "f\x00", "my-function:$LATEST ",
			strings.Repeat("a", 64) + ":" + strings.Repeat("q", 106),
		},
	},
	"iam-name": {
		valid:   []string{"Admin", "user+=,.@-_1", strings.Repeat("a", 64), "-x", "a"},
		invalid: []string{"", strings.Repeat("a", 65), "a b", "a/b", "a#b", "a\n", "ádmin", "a:b", "a*"},
	},
	"iam-group-name": {
		valid:   []string{"Admins", strings.Repeat("a", 128)},
		invalid: []string{"", strings.Repeat("a", 129), "a b"},
	},
	"iam-policy-name": {
		valid:   []string{"ReadOnly", strings.Repeat("a", 128)},
		invalid: []string{"", strings.Repeat("a", 129), "a/b"},
	},
	"dynamodb-table": {
		valid:   []string{"abc", "My_Table.v1-2", strings.Repeat("a", 255), "...", "-ab"},
		invalid: []string{"", "ab", strings.Repeat("a", 256), "a b", "a/b", "a:b", "tablе", "abc\n"},
	},
	"sqs-queue": {
		valid: []string{
			"q", "my-queue", "my_queue.fifo", strings.Repeat("a", 75) + ".fifo", strings.Repeat("a", 80), "-q",
		},
		invalid: []string{
			"", strings.Repeat("a", 81), strings.Repeat("a", 76) + ".fifo", ".fifo", "a.b",
			"a.fifo.fifo", "q\n", "a.FIFO", "a b", "qué",
		},
	},
	"sns-topic": {
		valid:   []string{"t", "my-topic", "my_topic.fifo", strings.Repeat("a", 256), strings.Repeat("a", 251) + ".fifo"},
		invalid: []string{"", strings.Repeat("a", 257), strings.Repeat("a", 252) + ".fifo", ".fifo", "a.b", "t\n"},
	},
	"ssh-destination": {
		valid: []string{
			"example.com", "host1", "deploy@example.com", "app_user@10.0.0.7", "a@b",
			"shq-fish@127.0.0.1", "u.s-e_r@xn--bcher-kva.example", strings.Repeat("u", 32) + "@h",
			"1.2.3.4", "ROOT@HOST",
		},
		invalid: []string{
			"", "-oProxyCommand=x", "-l", "@host", "user@", "user@@host", "a@b@c",
			"ssh://host", "ssh://u@host:22", "host:22", "u@host:22", "[::1]", "u@[::1]:22", "::1",
			"fe80::1%eth0", "host%h", "%u@host", strings.Repeat("u", 33) + "@h", ".u@host",
			"-u@host", "us er@host", "u@ho st", "u@host;id", "u@$(id)", "u@`id`", "u@host\n",
			"u\x00@host", "u@-host", "u@host.", "u@a_b", "üser@host", "u@bücher.de", " host",
			"host ", "u@1.2.3.256", "u@h/x",
		},
	},
	"hostname": {
		valid: []string{
			"example.com", "localhost", "a", "xn--bcher-kva.example", "a-b.c-d", "1a.com", "host1",
			"example.c0m", "EXAMPLE.COM", "1.2.3.a", strings.Repeat("a", 63) + ".com",
			strings.Repeat(strings.Repeat("a", 63)+".", 3) + strings.Repeat("a", 61),
		},
		invalid: []string{
			"", "-a.com", "a-.com", "a..com", ".a.com", "a.com.", strings.Repeat("a", 64) + ".com",
			strings.Repeat(strings.Repeat("a", 63)+".", 3) + strings.Repeat("a", 62),
			"1.2.3.4", "a.123", "a_b.com", "bücher.de", "exаmple.com", "a com", "a.com\n",
			"a\u200b.com", "xn--.com", " example.com", "example.com ", "a.com/x", "a:80",
		},
	},
	"ip": {
		valid: []string{"192.0.2.1", "::1", "2001:db8::1", "::ffff:192.0.2.1", "0.0.0.0", "255.255.255.255", "FE80::1", "::"},
		invalid: []string{
			"", "fe80::1%eth0", "fe80::1% -oProxyCommand=x", "192.168.001.1", "127.1", "1.2.3.256",
			" 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n", "1.2.3.4/24", "[::1]", "::1%", "１.2.3.4", "localhost",
			"0x7f.0.0.1", "1.2.3.4.5", "::1::", "-1.2.3.4",
		},
	},
	"port": {
		valid:   []string{"1", "80", "443", "8080", "65535", "10000"},
		invalid: []string{"", "0", "00", "080", "+80", "-80", "65536", "99999", "100000", " 80", "80 ", "80\n", "８0", "8a", "1e3", "0x50"},
	},
	"git-ref": {
		valid: []string{
			"main", "refs/heads/main", "HEAD", "feature/x", "a.b", "a-b", "v1.0", "a@b", "@a", "a/b.c",
			"foo.lock.bar", "x{y}", "@}", "a+b", "a}", "a@", "refs/heads/-x", "a/@",
		},
		invalid: []string{
			"", "-x", "@", "a..b", ".a", "a/.b", "a.lock", "a/b.lock", "a/", "/a", "a//b", "a.", "a@{b",
			"@{", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "a\x7f", "a\tb", "ä", "a\n",
			"a\x00", "a\xff", "mаin", "main\n", " main", "main ", ".lock", "a/.lock", "a/b.",
		},
	},
	"git-branch": {
		valid:   []string{"main", "feature/x", "refs/heads/x", "HEADS", "head", "a.b"},
		invalid: []string{"", "HEAD", "@", "-b", "-", "a..b", "a.lock", "a b", "a/", "@{-1}", "main\n"},
	},
	"image-ref": {
		valid: []string{
			"ubuntu", "ubuntu:24.04", "library/ubuntu", "docker.io/library/ubuntu:latest",
			"localhost:5000/foo/bar:tag", "localhost/foo", "[::1]:5000/foo", "[2001:db8::1]/foo",
			"ghcr.io/a/b@sha256:" + strings.Repeat("a", 64), "a/b:tag@sha256:" + strings.Repeat("0", 64),
			"a@sha512:" + strings.Repeat("f", 128), "a@sha384:" + strings.Repeat("1", 96),
			"my-registry.example.com:443/a__b/c.d/e--f", "a:" + strings.Repeat("t", 128), "Docker.io/x",
			"a:_", "a:A.b-C", "a_b", "a-----b",
			// The repository path is at most 255 bytes, library/ counted
			// for a one-component Docker Hub name; the domain is not.
			strings.Repeat("a", 247), "docker.io/" + strings.Repeat("a", 247), "a/" + strings.Repeat("b", 253),
			"example.com/" + strings.Repeat("a", 255), strings.Repeat("d.", 200) + "io/a",
			"g" + strings.Repeat("0", 63), strings.Repeat("f", 65), strings.Repeat("f", 64) + ":tag",
		},
		invalid: []string{
			"", "Ubuntu", "library/Ubuntu", "a:", "a@", "a@sha256:abc", "a@sha256:" + strings.Repeat("A", 64),
			"a@md5:" + strings.Repeat("a", 32), "a@sha256:" + strings.Repeat("a", 63),
			"a@sha256:" + strings.Repeat("a", 65), "a:-tag", "a:.tag", "a:" + strings.Repeat("t", 129),
			"a___b", "a_.b", ".a", "a.", "-a", "a//b", "/a", "a/", "localhost:/x", "[::1/x", "[1.2.3.4]/x",
			strings.Repeat("a", 256), "a b", "a\n", "ubuntu:latest\n", "ubuntü", "a:b:c", "a@@sha256:" + strings.Repeat("a", 64),
			"-x.io/a", "x-.io/a", "x.io:80a/a", "[::1]x/a", "a:tag@", "a\x00", "a:tä",
			strings.Repeat("a", 248), "docker.io/" + strings.Repeat("a", 248), "index.docker.io/" + strings.Repeat("a", 248),
			"a/" + strings.Repeat("b", 254), "example.com/" + strings.Repeat("a", 256),
			// docker reads 64 hex digits as an image ID.
			strings.Repeat("f", 64), strings.Repeat("0", 64),
			// Bracketed hosts: hex digits and colons only, and an address.
			"[::ffff:1.2.3.4]/app", "[::ffff:1.2.3.4]:5000/app", "[fe80::1%eth0]/x", "[::::]/x", "[1::2::3]/x", "[]/x",
		},
	},
	"env-name": {
		valid:   []string{"PATH", "_x", "a1", "_", "A_B_9", strings.Repeat("A", 5000)},
		invalid: []string{"", "1A", "A-B", "A B", "A=B", "Ä", "A\n", "-A", "A\x00", "Ａ"},
	},
	"filename": {
		valid:   []string{"a", "file.txt", "a_b-c.d", ".hidden", "..a", "a..", "...", strings.Repeat("a", 255), "a-"},
		invalid: []string{"", ".", "..", "-rf", "-", "a/b", "a b", strings.Repeat("a", 256), "a*", "ä", "a\n", "a\x00", "a:b"},
	},
	"rel-path": {
		valid: []string{
			"a", "a/b", "a/b/c.txt", ".", "./a", "a/..", "a/../b", "a/./b", "videos/2014/../../video1.wmv",
			strings.Repeat("a/", 2047) + "a", strings.Repeat("a", 255) + "/b",
		},
		invalid: []string{
			"", "/a", "..", "../a", "a/../..", "a//b", "a/", "-a", "a/-b", "a b", "a\\b",
			strings.Repeat("a/", 2047) + "ab", strings.Repeat("a", 256) + "/b", "a\n", "ä", "/",
		},
	},
	"uuid": {
		valid: []string{
			"123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000",
			"00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
		},
		invalid: []string{
			"", "{123e4567-e89b-12d3-a456-426614174000}", "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
			"123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400",
			"123e4567-e89b-12d3-a456-4266141740000", "123e4567-e89b-12d3-a456-42661417400g",
			"123e4567e-89b-12d3-a456-426614174000", " 123e4567-e89b-12d3-a456-42661417400",
			"123e4567-e89b-12d3-a456-426614174000\n", "123e4567-e89b-12d3-a456-4266141740０",
		},
	},
	"semver": {
		valid: []string{
			// From semver.org's regular expression test list.
			"0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta", "1.1.2+meta-valid",
			"1.0.0-alpha", "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.beta.1", "1.0.0-alpha.1",
			"1.0.0-alpha0.valid", "1.0.0-alpha.0valid", "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay",
			"1.0.0-rc.1+build.1", "2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT",
			"1.2.3-SNAPSHOT-123", "1.0.0", "2.0.0", "1.1.7", "2.0.0+build.1848", "2.0.1-alpha.1227",
			"1.0.0-alpha+beta", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788", "1.2.3----R-S.12.9.1--.12+meta",
			"1.2.3----RC-SNAPSHOT.12.9.1--.12", "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
			"99999999999999999999999.999999999999999999.99999999999999999", "1.0.0-0A.is.legal",
			"1.0.0+001", "1.0.0-0",
		},
		invalid: []string{
			"", "1", "1.2", "1.2.3-0123", "1.2.3-0123.0123", "1.1.2+.123", "+invalid", "-invalid",
			"-invalid+invalid", "-invalid.01", "alpha", "alpha.beta", "alpha.beta.1", "alpha.1",
			"alpha+beta", "alpha_beta", "alpha.", "alpha..", "beta", "1.0.0-alpha_beta", "-alpha.",
			"1.0.0-alpha..", "1.0.0-alpha..1", "1.0.0-alpha...1", "01.1.1", "1.01.1", "1.1.01",
			"1.2.3.DEV", "1.2-SNAPSHOT", "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788", "1.2-RC-SNAPSHOT",
			"-1.0.3-gamma+b7718", "+justmeta", "9.8.7+meta+meta", "9.8.7-whatever+meta+meta",
			"99999999999999999999999.999999999999999999.99999999999999999----RC-SNAPSHOT.12.09.1--------------------------------..12",
			"v1.2.3", "1.2.3-", "1.2.3+", "1.2.3 ", "1.2.3\n", "1.2.３", "1.2.3-é",
		},
	},
	"printable": {
		valid:   []string{"", "hello", "héllo wörld", "a\u200bb", " ", "-x", "\u00a0"},
		invalid: []string{"a\n", "\x00", "\x7f", "\u0085", "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\xff", "\t", "a\xc0\x80"},
	},
	"not-empty": {
		valid:   []string{" ", "x", "\x00"},
		invalid: []string{""},
	},
	"not-blank": {
		valid: []string{"x", " x ", "\xff", "-", "\u200bx", "\u0600"},
		invalid: []string{
			"", " ", "\t\n", "\u200b", "\u3164", "\u2800", "\ufeff", "\u00a0", "\U000E0001", "\u180e",
			"\u00ad", "\u034f", "\u115f\u1160", "\uffa0", "\U0001D173", "\U000E0100", "\u202e", "\x00",
			"\x7f", "\u0085", " \u200b\u2800\t",
		},
	},
	"no-leading-dash": {
		valid:   []string{"", "a-", "a", " -a"},
		invalid: []string{"-", "-x", "--", "--end-of-options"},
	},
}

func TestTable(t *testing.T) {
	for _, r := range validate.Rules() {
		if _, ok := caseTable[r.Name]; !ok {
			t.Errorf("rule %s has no cases", r.Name)
		}
	}
	for name, c := range caseTable {
		check, ok := validate.Lookup(name)
		if !ok {
			t.Errorf("table names unknown rule %s", name)
			continue
		}
		for _, v := range c.valid {
			if err := check(v); err != nil {
				t.Errorf("%s(%q) = %v, want nil", name, v, err)
			}
		}
		for _, v := range c.invalid {
			err := check(v)
			if err == nil {
				t.Errorf("%s(%q) = nil, want an error", name, v)
				continue
			}
			checkError(t, name, v, err)
		}
	}
}

// checkError checks the shape every refusal must have.
func checkError(t *testing.T, rule, v string, err error) {
	t.Helper()
	var e *validate.Error
	if !errors.As(err, &e) {
		t.Errorf("%s(%q): error %T is not a *validate.Error", rule, v, err)
		return
	}
	if e.Rule != rule {
		t.Errorf("%s(%q): Rule = %q", rule, v, e.Rule)
	}
	if e.Len != len(v) {
		t.Errorf("%s(%q): Len = %d, want %d", rule, v, e.Len, len(v))
	}
	if e.Offset < -1 || e.Offset >= max(len(v), 1) {
		t.Errorf("%s(%q): Offset = %d out of range", rule, v, e.Offset)
	}
	if e.Reason == "" {
		t.Errorf("%s(%q): empty Reason", rule, v)
	}
	if !errors.Is(err, validate.ErrEmpty) && !errors.Is(err, validate.ErrBlank) && !errors.Is(err, validate.ErrInvalid) {
		t.Errorf("%s(%q): error unwraps to no sentinel", rule, v)
	}
	if v == "" && !errors.Is(err, validate.ErrEmpty) {
		t.Errorf("%s(%q): empty value does not unwrap to ErrEmpty: %v", rule, v, err)
	}
	if !strings.HasPrefix(err.Error(), "validate: "+rule+": ") {
		t.Errorf("%s(%q): message %q lacks the prefix", rule, v, err)
	}
}

// TestMutations derives refusals from every valid value: surrounding
// whitespace, a trailing newline, NUL, invalid UTF-8, a Cyrillic look-alike
// and a fullwidth digit. Rules whose format admits spaces or non-ASCII text
// are exempt from the mutations that format admits.
func TestMutations(t *testing.T) {
	admitsSpace := map[string]bool{"s3-uri": true, "s3-key": true, "s3-key-prefix": true, "printable": true, "not-empty": true, "not-blank": true, "no-leading-dash": true}
	admitsUnicode := map[string]bool{"s3-uri": true, "arn": true, "s3-key": true, "s3-key-prefix": true, "printable": true, "not-empty": true, "not-blank": true, "no-leading-dash": true}
	admitsAnything := map[string]bool{"not-empty": true, "not-blank": true, "no-leading-dash": true}
	for name, c := range caseTable {
		if admitsAnything[name] {
			continue
		}
		check, _ := validate.Lookup(name)
		for _, v := range c.valid {
			if v == "" {
				continue
			}
			muts := []string{v + "\n", v + "\x00", "\x00" + v, v + "\xff", "\xe2\x80" + v, v + "\r", "\x1b" + v, v + "\u0085"}
			if !admitsSpace[name] {
				muts = append(muts, " "+v, v+" ", v+"\t", "\u00a0"+v)
			}
			if !admitsUnicode[name] {
				if i := strings.IndexByte(v, 'e'); i >= 0 {
					muts = append(muts, v[:i]+"е"+v[i+1:]) // U+0435 CYRILLIC SMALL LETTER IE
				}
				if i := strings.IndexAny(v, "0123456789"); i >= 0 {
					muts = append(muts, v[:i]+string(rune(0xFF10+rune(v[i]-'0')))+v[i+1:]) // fullwidth digit
				}
				muts = append(muts, v+"\u200b", "\u202e"+v)
			}
			for _, m := range muts {
				err := check(m)
				if err == nil {
					t.Errorf("%s(%q) = nil, want an error (mutation of %q)", name, m, v)
					continue
				}
				checkError(t, name, m, err)
			}
		}
	}
}
