package shq

import (
	"testing"

	"github.com/safeshell/safeshell/shq/validate"
)

// typical builds the command the allocation test and benchmarks measure:
// a program with two fixed words and five untrusted values, two of them
// flags, each with a validator.
func typical() *Cmd {
	return Command("aws", "s3", "cp").
		Arg("s3://my-bucket/logs/2024-01-01.gz", validate.S3URI).
		Arg("./2024-01-01.gz", validate.RelPath).
		Flag("--region", "eu-west-1", validate.AWSRegion).
		FlagArg("--profile", "prod_reader", validate.IAMName).
		Flag("--sse-kms-key-id", "1234abcd-12ab-34cd-56ef-1234567890ab", validate.UUID)
}

// TestCmdAllocs makes the builder's allocation budget part of the
// contract: one for the Cmd (the argument vector lives inside it), one for
// each glued flag word, and one for the result (Argv's copy, Line's line).
func TestCmdAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under coverage and race instrumentation")
	}
	tpl := MustParseTemplate("aws s3 cp s3://{bucket}/{key} {dst} --region {region}")
	values := map[string]string{"bucket": "my-bucket", "key": "logs/x.gz", "dst": "./x.gz", "region": "eu-west-1"}
	cases := []struct {
		name string
		want float64
		f    func()
	}{
		{"build", 3, func() { _ = typical().Err() }},
		{"Argv", 4, func() { _, _ = typical().Argv() }},
		{"Line", 4, func() { _, _ = typical().Line() }},
		{"Bash.LineFor", 4, func() { _, _ = typical().LineFor(Bash) }},
		{"Template.Argv", 3, func() { _, _ = tpl.Argv(values) }},
	}
	for _, c := range cases {
		if got := testing.AllocsPerRun(100, c.f); got != c.want {
			t.Errorf("%s: %v allocations, want %v", c.name, got, c.want)
		}
	}
}

func BenchmarkCmd(b *testing.B) {
	b.Run("op=Argv", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := typical().Argv(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("op=Line", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := typical().Line(); err != nil {
				b.Fatal(err)
			}
		}
	})
	tpl := MustParseTemplate("aws s3 cp s3://{bucket}/{key} {dst} --region {region}")
	values := map[string]string{"bucket": "my-bucket", "key": "logs/x.gz", "dst": "./x.gz", "region": "eu-west-1"}
	b.Run("op=TemplateArgv", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := tpl.Argv(values); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("op=ParseTemplate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ParseTemplate("aws s3 cp s3://{bucket}/{key} {dst} --region {region}"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
