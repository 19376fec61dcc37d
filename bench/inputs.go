package bench

import "strings"

// An input is one row of the table that every library is measured on.
type input struct {
	name string // the sub-benchmark name, in=name
	s    string
}

// quoteInputs is the one input table of BenchmarkQuote and of the
// correctness test. Each row is there for a reason given beside it.
var quoteInputs = []input{
	{"safe14", "config-v2.json"}, // the common case: a safe file name, returned as is
	{"space", "hello world"},     // the smallest string that must be quoted
	{"quote", "it's"},            // a single quote inside a quoted word
	{"path64", path64},           // a path with spaces, 64 bytes
	{"text4k", text4k},           // 4 KiB of prose-like text with a few spaces and quotes
	{"safe64k", safe64k},         // 64 KiB of safe bytes: the scan alone
	{"unicode", "naïve café ☕"},  // multi-byte UTF-8
	{"ctrl", "a\nb\tc"},          // control characters
	{"empty", ""},                // must become '' (left out of the speed goals)
	{"quotes1k", quotes1k},       // 1 KiB of ': the worst case for '"'"' expansion
}

const path64 = "/home/alice/My Documents/Tax Returns 2024/scanned receipts/a.pdf"

// text4k has a space every 256 bytes and a quote every 1024 bytes.
var text4k = func() string {
	var b strings.Builder
	for b.Len() < 4096 {
		n := b.Len()
		switch {
		case n%1024 == 1000:
			b.WriteByte('\'')
		case n%256 == 200:
			b.WriteByte(' ')
		default:
			b.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789-_./,"[n%41])
		}
	}
	return b.String()
}()

var safe64k = strings.Repeat("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./", 1024)

var quotes1k = strings.Repeat("'", 1024)

// joinArgs is the 8-argument command of BenchmarkJoin: safe words, options,
// a path with a space, a glob pattern and a quote.
var joinArgs = []string{
	"aws", "s3", "cp", "--recursive",
	"s3://my-bucket/reports/2024/", "/tmp/My Reports",
	"--exclude", "*.tmp'old",
}

// splitInputs are typical command lines for BenchmarkSplit. Every one of
// them is literal (no expansions), so every library should return the same
// words.
var splitInputs = []input{
	{"simple", "ls -la /var/log"},
	{"aws", "aws s3 cp s3://my-bucket/data/file.csv /tmp/file.csv --region us-east-1"},
	{"quoted", `git commit -m 'fix the build' --author "A U Thor <a@example.com>"`},
	{"join8", `aws s3 cp --recursive s3://my-bucket/reports/2024/ '/tmp/My Reports' --exclude '*.tmp'"'"'old'`},
}
