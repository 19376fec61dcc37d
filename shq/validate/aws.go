package validate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Many AWS names may begin with '-' because the services allow it. The
// validators follow the services; in a command, the builder's option check
// (or NoLeadingDash) is what stops such a value from being read as an option.

var (
	bucketChars       = makeSet("a-z0-9.-")
	legacyBucketChars = makeSet("A-Za-z0-9._-")
	lowerNumDash      = makeSet("a-z0-9-")
	dirBucketChars    = lowerNumDash
	s3SafeChars       = makeSet("0-9a-zA-Z!_.*'()/-")
	iamChars          = makeSet("A-Za-z0-9_+=,.@-")
	dynamoChars       = makeSet("A-Za-z0-9_.-")
	queueChars        = makeSet("A-Za-z0-9_-")
	serviceChars      = lowerNumDash
)

const (
	bucketOutside       = "character outside a-z 0-9 . -"
	legacyBucketOutside = "character outside A-Z a-z 0-9 . _ -"
	dirBucketOutside    = "character outside a-z 0-9 -"
	s3SafeOutside       = "character outside 0-9 a-z A-Z ! - _ . * ' ( ) /"
	iamOutside          = "character outside A-Z a-z 0-9 _ + = , . @ -"
	dynamoOutside       = "character outside A-Z a-z 0-9 _ . -"
	queueOutside        = "character outside A-Z a-z 0-9 _ - (and a final .fifo)"
	nameOutside         = "character outside A-Z a-z 0-9 _ -"
	regionOutside       = "character outside a-z 0-9 -"
)

// S3Bucket accepts an S3 general purpose bucket name as AWS creates them
// today (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html):
// 3 to 63 bytes of a-z, 0-9, '.' and '-'; beginning and ending with a letter
// or digit; no two adjacent periods; not shaped like an IPv4 address (any
// four dot-separated digit runs, whatever their values); not beginning with
// the reserved prefixes xn--, sthree- or amzn-s3-demo-; not ending with the
// reserved suffixes -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3; and
// ending in -an only in the account regional form
// <prefix>-<12-digit account>-<region>-an.
//
// It never admits a leading '-'. The SDKs do not check this rule (botocore's
// unanchored pattern accepts "bucket\n" and "-bucket"). Names created in
// us-east-1 before 2018 may break it; accept those with S3BucketLegacy.
func S3Bucket(s string) error { return report("s3-bucket", s, s3Bucket(s)) }

func s3Bucket(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := bucketChars.scan(s, bucketOutside); !f.ok() {
		return f
	}
	if f := lengthFault(len(s), 3, 63); !f.ok() {
		return f
	}
	if f := bucketShape(s); !f.ok() {
		return f
	}
	return bucketReserved(s)
}

// bucketShape holds the structural rules shared with legacy names.
func bucketShape(s string) fault {
	if !isAlnum(s[0]) {
		return at(0, "must begin with a letter or digit")
	}
	if !isAlnum(s[len(s)-1]) {
		return at(len(s)-1, "must end with a letter or digit")
	}
	if i := strings.Index(s, ".."); i >= 0 {
		return at(i, "two adjacent periods")
	}
	// Addressing by virtual host would read such a name as an address.
	if isDottedQuad(s) {
		return at(0, "formatted as an IP address")
	}
	return okFault
}

// isDottedQuad reports four dot-separated runs of digits of any length,
// wider than a valid IPv4 address on purpose.
func isDottedQuad(s string) bool {
	runs := 0
	for part := range strings.SplitSeq(s, ".") {
		if !allDigits(part) {
			return false
		}
		runs++
	}
	return runs == 4
}

var (
	bucketReservedPrefixes = [...]string{"xn--", "sthree-", "amzn-s3-demo-"}
	bucketReservedSuffixes = [...]string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// bucketReserved refuses the prefixes and suffixes S3 keeps for its own
// names (access point aliases, Multi-Region Access Points, directory and
// table buckets), so that a name cannot pose as one of them.
func bucketReserved(s string) fault {
	for _, p := range bucketReservedPrefixes {
		if strings.HasPrefix(s, p) {
			return at(0, "reserved prefix")
		}
	}
	for _, x := range bucketReservedSuffixes {
		if strings.HasSuffix(s, x) {
			return at(len(s)-len(x), "reserved suffix")
		}
	}
	if strings.HasSuffix(s, "-an") && !isAccountRegional(s[:len(s)-3]) {
		return at(len(s)-3, "account regional suffix without a 12-digit account and a region before it")
	}
	return okFault
}

// isAccountRegional reports whether s is <prefix>-<12 digits>-<region>
// with a non-empty prefix. A region is at most a few dozen bytes, so only
// the last hyphens are tried.
func isAccountRegional(s string) bool {
	for j := len(s) - 1; j >= 0 && len(s)-j <= 32; j-- {
		if s[j] != '-' || !isRegion(s[j+1:]) {
			continue
		}
		p := s[:j]
		if len(p) >= 14 && p[len(p)-13] == '-' && allDigits(p[len(p)-12:]) {
			return true
		}
	}
	return false
}

// S3BucketLegacy accepts what S3Bucket accepts and also the names that
// us-east-1 allowed before March 2018
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html,
// "Legacy bucket names"): up to 255 bytes, with uppercase letters and '_'.
// It is an explicit opt-in for code that must address such buckets. It
// keeps the other rules (3 bytes at least, a letter or digit at each end,
// no adjacent periods, not IP-shaped, no reserved prefix or suffix), so it
// never admits a leading '-'.
func S3BucketLegacy(s string) error {
	return report("s3-bucket-legacy", s, s3BucketLegacy(s))
}

func s3BucketLegacy(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := legacyBucketChars.scan(s, legacyBucketOutside); !f.ok() {
		return f
	}
	if f := lengthFault(len(s), 3, 255); !f.ok() {
		return f
	}
	if f := bucketShape(s); !f.ok() {
		return f
	}
	return bucketReserved(s)
}

// S3DirectoryBucket accepts an S3 directory bucket name
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/directory-bucket-naming-rules.html):
// base-name--zone-id--x-s3, 3 to 63 bytes of a-z, 0-9 and '-', such as
// bucket-base-name--usw2-az1--x-s3. The base name must begin and end with a
// letter or digit and must not begin with xn--, sthree- or amzn-s3-demo-;
// the zone ID is two or more runs of a-z 0-9 joined by single hyphens
// (an Availability Zone or Local Zone ID). It never admits a leading '-'.
func S3DirectoryBucket(s string) error {
	return report("s3-directory-bucket", s, s3DirectoryBucket(s))
}

func s3DirectoryBucket(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := dirBucketChars.scan(s, dirBucketOutside); !f.ok() {
		return f
	}
	if f := lengthFault(len(s), 3, 63); !f.ok() {
		return f
	}
	const suffix = "--x-s3"
	if !strings.HasSuffix(s, suffix) {
		return whole("missing the directory bucket suffix")
	}
	rest := s[:len(s)-len(suffix)]
	k := strings.LastIndex(rest, "--")
	if k < 0 {
		return whole("missing the zone ID")
	}
	base, zone := rest[:k], rest[k+2:]
	if base == "" || !isAlnum(base[0]) {
		return at(0, "base name must begin with a letter or digit")
	}
	if !isAlnum(base[len(base)-1]) {
		return at(k-1, "base name must end with a letter or digit")
	}
	// The whole name, not only the base: xn--0-0--x-s3 has base "xn" and
	// zone "0-0", and still starts with xn-- (found by FuzzS3DirectoryBucket).
	for _, p := range bucketReservedPrefixes {
		if strings.HasPrefix(s, p) {
			return at(0, "reserved prefix")
		}
	}
	parts := 0
	for part := range strings.SplitSeq(zone, "-") {
		if part == "" {
			return at(k+2, "zone ID must be runs of a-z 0-9 joined by single hyphens")
		}
		parts++
	}
	if parts < 2 {
		return at(k+2, "zone ID must be runs of a-z 0-9 joined by single hyphens")
	}
	return okFault
}

// S3URI accepts s3://bucket, s3://bucket/ and s3://bucket/key, where bucket
// passes S3Bucket and key passes S3KeyPrefix, or the same with an access
// point ARN (arn:partition:s3:region:account:accesspoint/name) in place of
// the bucket (https://docs.aws.amazon.com/cli/latest/reference/s3/,
// "Path Argument Type"). The scheme is lowercase.
//
// The AWS CLI reads only what comes before the first '/' as the bucket, so
// "s3://", "s3:///x" and "/" each make `aws s3 ls` list every bucket in the
// account: all are refused here. It never admits a leading '-'.
func S3URI(s string) error { return report("s3-uri", s, s3URI(s)) }

func s3URI(s string) fault {
	if s == "" {
		return emptyFault
	}
	const scheme = "s3://"
	if !strings.HasPrefix(s, scheme) {
		if i := commonPrefix(s, scheme); i < len(s) {
			return at(i, "want the s3 scheme and a bucket")
		}
		return whole("want the s3 scheme and a bucket")
	}
	rest := s[len(scheme):]
	var bucket string
	if strings.HasPrefix(rest, "arn:") {
		n := accessPointARNLen(rest)
		if n < 0 {
			return at(len(scheme), "bucket: not an access point ARN")
		}
		bucket = rest[:n]
	} else {
		bucket = rest
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			bucket = rest[:i]
		}
		if bucket == "" {
			// "s3://" and "s3:///x" name no bucket: the CLI lists them all.
			return fault{len(scheme), "empty bucket name", ErrEmpty}
		}
		if f := s3Bucket(bucket); !f.ok() {
			return within(f, len(scheme), "bucket", len(bucket))
		}
	}
	rest = rest[len(bucket):]
	if rest == "" {
		return okFault
	}
	start := len(scheme) + len(bucket) + 1
	return within(s3KeyPrefix(rest[1:]), start, "key", len(rest)-1)
}

// commonPrefix returns the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// accessPointARNLen returns the length of the access point ARN
// arn:partition:s3:region:account:accesspoint/name at the start of s, or -1.
// Its name has 3 to 50 bytes of a-z 0-9 '-' and a letter or digit at each
// end (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html).
func accessPointARNLen(s string) int {
	var sec [5]string
	rest := s
	for i := range sec {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return -1
		}
		sec[i], rest = rest[:j], rest[j+1:]
	}
	if sec[0] != "arn" || !isPartition(sec[1]) || sec[2] != "s3" ||
		!isRegion(sec[3]) || !isAccountID(sec[4]) {
		return -1
	}
	const kind = "accesspoint/"
	if !strings.HasPrefix(rest, kind) {
		return -1
	}
	name := rest[len(kind):]
	if i := strings.IndexByte(name, '/'); i >= 0 {
		name = name[:i]
	}
	if len(name) < 3 || len(name) > 50 || dirBucketChars.first(name) >= 0 ||
		!isAlnum(name[0]) || !isAlnum(name[len(name)-1]) {
		return -1
	}
	return len(s) - len(rest) + len(kind) + len(name)
}

// S3Key accepts an S3 object key
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html):
// 1 to 1024 bytes of valid UTF-8. S3 itself allows control characters in
// keys; this rule refuses them (C0, DEL, C1, NUL) and the bidirectional
// controls, because they corrupt logs and terminals and hide what a
// reviewer reads. The segments "." and ".." are allowed only if, read left
// to right, ".." never climbs above the start: videos/2014/../../video1.wmv
// passes and videos/../../video1.wmv does not, since SDKs and tools that
// normalise paths would otherwise leave the intended prefix. Other
// characters, a leading '/', empty segments and whitespace are allowed as
// S3 allows them; see S3KeyStrict for a narrower rule.
//
// It admits a leading '-'; the command builder's option check is what stops
// an option-shaped value in operand position.
func S3Key(s string) error { return report("s3-key", s, s3Key(s)) }

func s3Key(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := printable(s); !f.ok() {
		return f
	}
	if f := lengthFault(len(s), 1, 1024); !f.ok() {
		return f
	}
	if i := climbs(s); i >= 0 {
		return at(i, "parent segment climbs above the start")
	}
	return okFault
}

// climbs returns the offset of the first ".." segment of s that climbs
// above the start, reading '/'-separated segments left to right, or -1.
func climbs(s string) int {
	depth := 0
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '/')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		switch seg := s[start:end]; seg {
		case "", ".":
		case "..":
			depth--
			if depth < 0 {
				return start
			}
		default:
			depth++
		}
		start = end + 1
	}
	return -1
}

// S3KeyStrict accepts an S3 object key made only of the characters AWS
// calls safe (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html,
// "Safe characters"): 0-9 a-z A-Z ! - _ . * ' ( ) and '/', 1 to 1024 bytes,
// with no leading '/', no empty segment ("a//b") other than one trailing
// '/' (a folder marker), and no "." or ".." segment at all.
//
// It admits a leading '-' (S3 does); the command builder's option check is
// what stops an option-shaped value in operand position.
func S3KeyStrict(s string) error { return report("s3-key-strict", s, s3KeyStrict(s)) }

func s3KeyStrict(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := s3SafeChars.scan(s, s3SafeOutside); !f.ok() {
		return f
	}
	if f := lengthFault(len(s), 1, 1024); !f.ok() {
		return f
	}
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '/')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		switch s[start:end] {
		case "":
			if start == 0 {
				return at(0, "leading slash")
			}
			return at(start, "empty segment")
		case ".", "..":
			return at(start, "dot segment")
		}
		start = end + 1
	}
	return okFault
}

// S3KeyPrefix accepts the empty string (no prefix, as in s3://bucket/) or
// an S3Key. It admits a leading '-'; the command builder's option check is
// what stops an option-shaped value in operand position.
func S3KeyPrefix(s string) error { return report("s3-key-prefix", s, s3KeyPrefix(s)) }

func s3KeyPrefix(s string) fault {
	if s == "" {
		return okFault
	}
	return s3Key(s)
}

var (
	regionPrefixes = [...]string{
		"us-gov-", "us-iso-", "us-isob-", "us-isof-", "eu-isoe-", "eusc-de-",
		"us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-", "cn-",
	}
	regionDirections = [...]string{
		"central", "north", "south", "east", "west",
		"northeast", "northwest", "southeast", "southwest",
	}
)

// AWSRegion accepts an AWS Region code such as us-east-1, eu-central-2,
// cn-northwest-1, us-gov-west-1, us-iso-east-1, us-isob-east-1,
// eu-isoe-west-1, us-isof-south-1 or eusc-de-east-1: a partition's prefix
// (from the regionRegex of each partition in partitions.json, shipped in
// every SDK: https://github.com/aws/aws-sdk-go-v2/blob/main/internal/endpoints/awsrulesfn/partitions.json),
// a compass direction, and a number of one to three digits without a
// leading zero. It is lowercase only: the SDKs' \w would admit US_EAST.
// Availability Zones (us-east-1a) and Zone IDs (use1-az1) are refused.
// New regions of known partitions pass without a change here. It never
// admits a leading '-'.
func AWSRegion(s string) error { return report("aws-region", s, region(s)) }

func region(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := lowerNumDash.scan(s, regionOutside); !f.ok() {
		return f
	}
	if !isRegion(s) {
		return whole("not a partition prefix, direction and number")
	}
	return okFault
}

func isRegion(s string) bool {
	for _, p := range regionPrefixes {
		if strings.HasPrefix(s, p) && isRegionTail(s[len(p):]) {
			return true
		}
	}
	return false
}

func isRegionTail(t string) bool {
	i := strings.IndexByte(t, '-')
	if i < 0 {
		return false
	}
	dir, num := t[:i], t[i+1:]
	if len(num) < 1 || len(num) > 3 || num[0] == '0' || !allDigits(num) {
		return false
	}
	for _, d := range regionDirections {
		if dir == d {
			return true
		}
	}
	return false
}

// AWSAccountID accepts an AWS account ID: exactly 12 ASCII digits, leading
// zeros included (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html).
// Keep it a string: 012345678901 is valid and an integer would lose the 0.
// It never admits a leading '-'.
func AWSAccountID(s string) error { return report("aws-account-id", s, accountID(s)) }

func accountID(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := digits.scan(s, "character outside 0-9"); !f.ok() {
		return f
	}
	return lengthFault(len(s), 12, 12)
}

func isAccountID(s string) bool { return len(s) == 12 && allDigits(s) }

var partitions = [...]string{
	"aws", "aws-cn", "aws-us-gov", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
}

func isPartition(s string) bool {
	for _, p := range partitions {
		if s == p {
			return true
		}
	}
	return false
}

// ARN accepts an Amazon Resource Name
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html):
// arn:partition:service:region:account-id:resource, where partition is one
// of aws, aws-cn, aws-us-gov, aws-eusc, aws-iso, aws-iso-b, aws-iso-e and
// aws-iso-f; service is a-z 0-9 '-'; region is empty or passes AWSRegion;
// account-id is empty, 12 digits, or the literal aws (as in
// arn:aws:iam::aws:policy/AdministratorAccess); and resource is non-empty
// valid UTF-8 with no whitespace, control or invisible character (it may
// hold further colons and slashes). At most 2048 bytes, IAM's limit.
// It never admits a leading '-'.
func ARN(s string) error { return report("arn", s, arn(s)) }

func arn(s string) fault {
	if s == "" {
		return emptyFault
	}
	if len(s) > 2048 {
		return whole("want at most 2048")
	}
	var sec [5]string
	rest := s
	off := 0
	for i := range sec {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return whole("want 6 colon-separated sections")
		}
		sec[i], rest = rest[:j], rest[j+1:]
		if f := arnSection(i, sec[i]); !f.ok() {
			return within(f, off, arnSectionNames[i], len(sec[i]))
		}
		off += j + 1
	}
	if rest == "" {
		return whole("empty resource")
	}
	return within(visible(rest), off, "resource", len(rest))
}

var arnSectionNames = [...]string{"prefix", "partition", "service", "region", "account"}

func arnSection(i int, v string) fault {
	switch i {
	case 0:
		if v != "arn" {
			return at(0, "want arn")
		}
	case 1:
		if !isPartition(v) {
			return at(0, "not a known partition")
		}
	case 2:
		if v == "" {
			return emptyFault
		}
		return serviceChars.scan(v, "character outside a-z 0-9 -")
	case 3:
		if v != "" {
			return region(v)
		}
	case 4:
		if v != "" && v != "aws" {
			return accountID(v)
		}
	}
	return okFault
}

// visible refuses invalid UTF-8 and every blank rune (see IsBlank):
// whitespace, controls and invisible characters.
func visible(s string) fault {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == 0x7f {
				return at(i, describe(s, i, ""))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.Is(blankTable, r) {
			return at(i, describe(s, i, ""))
		}
		i += n
	}
	return okFault
}
