package shq

import (
	"strings"
	"testing"
)

// benchInputs are the inputs of bench's BenchmarkQuote, built the same way.
var benchInputs = []struct{ name, s string }{
	{"safe14", "my-bucket-name"},
	{"space", "hello world"},
	{"quote", "it's"},
	{"path64", "/home/alice/My Documents/Tax Returns 2024/scanned receipts/a.pdf"},
	{"text4k", benchText4k},
	{"unicode", "naïve café ☕"},
	{"ctrl", "a\nb\tc"},
	{"empty", ""},
	{"quotes1k", strings.Repeat("'", 1024)},
	{"safe64k", strings.Repeat("abcdefgh/-_.", 64<<10/12)},
}

// benchText4k is bench's text4k: 4 KiB with a space every 256 bytes and a
// quote every 1024.
var benchText4k = func() string {
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

var sink string

func BenchmarkQuote(b *testing.B) {
	for _, d := range []Dialect{POSIX, Bash, Fish, Login} {
		for _, in := range benchInputs {
			b.Run("in="+in.name+"/d="+d.String(), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(in.s)))
				for b.Loop() {
					sink, _ = d.Quote(in.s)
				}
			})
		}
	}
}

func BenchmarkSplit(b *testing.B) {
	line := `aws s3 cp --region eu-west-1 'my file.txt' "s3://bucket/it's here" $'a\tb'`
	b.ReportAllocs()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		_, _ = Split(line)
	}
}

// joinBenchArgs is bench's 8-argument command: safe words, options, a path
// with a space, a glob pattern and a quote.
var joinBenchArgs = []string{
	"aws", "s3", "cp", "--recursive",
	"s3://my-bucket/reports/2024/", "/tmp/My Reports",
	"--exclude", "*.tmp'old",
}

func BenchmarkJoin(b *testing.B) {
	for _, d := range dialects {
		b.Run("d="+d.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink, _ = d.Join(joinBenchArgs...)
			}
		})
	}
}
