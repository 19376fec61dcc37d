package validate_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/safeshell/safeshell/shq/validate"
)

// allChecks is every validator: the registry plus combinators built with
// typical arguments, keyed by a label.
func allChecks() map[string]func(string) error {
	m := map[string]func(string) error{}
	for _, r := range validate.Rules() {
		m[r.Name] = r.Check
	}
	m["max-len(8)"] = validate.MaxLen(8)
	m["pattern"] = validate.Pattern("ticket", `[A-Z]{2,10}-[0-9]{1,6}`)
	m["pattern(bad)"] = validate.Pattern("bad", `a)|(b`)
	m["one-of"] = validate.OneOf("json", "text", "table")
	m["all"] = validate.All(validate.NotBlank, validate.NoLeadingDash, validate.MaxLen(64), validate.Printable)
	return m
}

// validSample gives each check one valid input, for the allocation test
// and the benchmarks.
func validSample(name string) string {
	switch name {
	case "max-len(8)":
		return "abc"
	case "pattern":
		return "ABC-123"
	case "one-of":
		return "table"
	case "all":
		return "hello world"
	case "pattern(bad)":
		return ""
	}
	for _, v := range caseTable[name].valid {
		if v != "" || name == "s3-key-prefix" {
			return v
		}
	}
	return caseTable[name].valid[0]
}

// refusedSample gives each check one value it refuses.
func refusedSample(name string) string {
	switch name {
	case "max-len(8)":
		return "123456789"
	case "pattern", "pattern(bad)", "one-of", "all":
		return "\x00 bad\n"
	}
	return caseTable[name].invalid[0]
}

func TestErrorsAs(t *testing.T) {
	for name, check := range allChecks() {
		err := check(refusedSample(name))
		if err == nil {
			t.Errorf("%s accepted %q", name, refusedSample(name))
			continue
		}
		var e *validate.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: errors.As(%T, *validate.Error) failed", name, err)
		}
	}
}

func TestNoAllocsOnSuccess(t *testing.T) {
	for name, check := range allChecks() {
		if name == "pattern(bad)" {
			continue
		}
		v := validSample(name)
		if err := check(v); err != nil {
			t.Fatalf("%s(%q) = %v", name, v, err)
		}
		if n := testing.AllocsPerRun(100, func() { _ = check(v) }); n != 0 {
			t.Errorf("%s(%q): %v allocations on success, want 0", name, v, n)
		}
		// Every valid value of the table, too.
		for _, v := range caseTable[name].valid {
			if n := testing.AllocsPerRun(5, func() { _ = check(v) }); n != 0 {
				t.Errorf("%s(%q): %v allocations on success, want 0", name, v, n)
			}
		}
	}
}

// nasty is a corpus of inputs that have broken parsers: one reason each.
var nasty = []string{
	"",                 // empty
	"\x00",             // NUL alone
	"\xff\xfe",         // invalid UTF-8
	"\xed\xa0\x80",     // encoded surrogate
	"\xf4\x90\x80\x80", // beyond U+10FFFF
	"\xc0\xaf",         // overlong '/'
	"-", "--", "-\x00", // option shapes
	"s3://", "s3:///", "s3://arn:", "s3://arn:aws:s3:us-east-1:123456789012:accesspoint/",
	"s3://arn:aws:s3:us-east-1:123456789012:accesspoint", "arn:", ":::::", "arn:::::", "arn:aws:lambda:",
	"arn:aws:lambda:us-east-1:123456789012:function", "123456789012:", "123456789012:function:",
	"////", "@{", "..", "%", "[", "]", "[::1", "[]", "[]/a", "[::1]:", "a@b@c", "a:b:c:d", "@",
	"1.2.3.", "1.2.3-", "1.2.3+", "99999999999999999999", "1..2", "+", ".", "./", "../",
	"--x-s3", "-an", "a-an", "--", "x--", ".fifo", "..fifo", ":$LATEST", "a:", ":", "/", "\\",
	"\u202e", "\u2800", "\ufeff", "\u0085", strings.Repeat("9", 1000), strings.Repeat(".", 1000),
	strings.Repeat("-", 1000), strings.Repeat("a.", 300), strings.Repeat("ab/", 2000),
	strings.Repeat("../", 2000), strings.Repeat("@{", 500), strings.Repeat("é", 600),
}

func TestNoPanics(t *testing.T) {
	var all strings.Builder
	for b := 0; b < 256; b++ {
		all.WriteByte(byte(b))
	}
	inputs := append([]string{all.String()}, nasty...)
	for b := 0; b < 256; b++ {
		inputs = append(inputs, string([]byte{byte(b)}), "a"+string([]byte{byte(b)})+"b")
	}
	for name, check := range allChecks() {
		for _, v := range inputs {
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%s(%q) panicked: %v", name, v, p)
					}
				}()
				if err := check(v); err != nil {
					var e *validate.Error
					if !errors.As(err, &e) || e.Len != len(v) || e.Offset < -1 || e.Offset >= max(len(v), 1) {
						t.Errorf("%s(%q): malformed error %#v", name, v, err)
					}
				}
			}()
		}
	}
}

// TestLinearTime runs every check on multi-megabyte inputs shaped to
// stress each parser: a quadratic or backtracking step would show at once.
// The best of three rounds is kept, so that a busy machine does not fail
// the test; under the race detector only the work is done, not timed. It is
// slow, so -short skips it.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every check on 2 MiB inputs")
	}
	const n = 2 << 20
	inputs := []string{
		strings.Repeat("a", n),
		strings.Repeat("a/", n/2),
		strings.Repeat("a/../", n/5),
		strings.Repeat("../", n/3),
		strings.Repeat("a.", n/2),
		strings.Repeat("-", n),
		strings.Repeat("a-", n/2) + "-an",
		strings.Repeat("--", n/2) + "x-s3",
		"s3://bucket/" + strings.Repeat("a/", n/2),
		"arn:aws:s3:::" + strings.Repeat("a:", n/2),
		strings.Repeat(":", n),
		strings.Repeat("1.", n/2) + "1",
		"1.2.3-" + strings.Repeat("a.", n/2) + "a",
		"1.2.3+" + strings.Repeat("0", n),
		strings.Repeat("\u200b", n/3),
		strings.Repeat("é", n/2),
		strings.Repeat("@{", n/2),
		strings.Repeat("a_", n/2) + "a",
		"a@sha256:" + strings.Repeat("a", n),
		strings.Repeat("f", n) + "--usw2-az1--x-s3",
	}
	checks := allChecks()
	// best[i][name] is the fastest of three rounds of check name on input i.
	best := make([]map[string]time.Duration, len(inputs))
	for i := range best {
		best[i] = map[string]time.Duration{}
	}
	for range 3 {
		for i, v := range inputs {
			for name, check := range checks {
				start := time.Now()
				_ = check(v)
				d := time.Since(start)
				if old, ok := best[i][name]; !ok || d < old {
					best[i][name] = d
				}
			}
		}
	}
	if raceEnabled {
		return
	}
	var all, first time.Duration
	for i := range inputs {
		for name, d := range best[i] {
			all += d
			if i == 0 {
				first += d
			}
			// 2 MiB in 200ms is 10 MB/s: far below a linear scan and far
			// above anything quadratic.
			if d > 200*time.Millisecond {
				t.Errorf("%s on input %d (%d bytes) took %v", name, i, len(inputs[i]), d)
			}
		}
	}
	t.Logf("%d checks on one %d MiB input: %v; on all %d shapes: %v", len(checks), n>>20, first, len(inputs), all)
	if first > time.Second {
		t.Errorf("all checks on one %d MiB input took %v, want < 1s", n>>20, first)
	}
}

// TestNoValueInErrors feeds every check values that carry a marker next to
// a bad character and requires that no error message holds the marker.
func TestNoValueInErrors(t *testing.T) {
	const marker = "SECRETMARKER"
	lower := strings.ToLower(marker)
	var inputs []string
	for _, m := range []string{marker, lower, "s3://" + lower, "arn:aws:s3:::" + lower, "123456789012:function:" + lower} {
		for _, bad := range []string{"\n", "\x00", " ", "\xff", "\u202e", "..", "/../..", ":", "@", "{", "%", "-", "é", "１"} {
			inputs = append(inputs, m+bad, bad+m, m+bad+m, m+"/"+bad)
		}
	}
	for name, check := range allChecks() {
		for _, v := range inputs {
			err := check(v)
			if err == nil {
				continue
			}
			msg := err.Error()
			if strings.Contains(strings.ToLower(msg), lower) {
				t.Errorf("%s: message %q holds the marker", name, msg)
			}
		}
	}
}

// alphabet biases generated values toward what the rules are about.
var alphabet = []string{
	"a", "z", "A", "Z", "0", "9", ".", "-", "_", "/", ":", "@", "{", "}", "[", "]", "%", "+", "=",
	",", "!", "*", "'", "(", ")", "$", "~", "^", "?", "\\", " ", "\t", "\n", "\x00", "\x7f", "\xff",
	"é", "е", "１", "\u200b", "\u202e", "\u2800", "s3://", "arn:aws:", "us-east-1", ".lock", "..",
	"--x-s3", ".fifo", "sha256:", "xn--", "HEAD", "123456789012",
}

// propertyValidators checks, over generated values, that every check is
// total and that each refusal is well formed and repeats no 8-byte window
// of the value.
func propertyValidators(t *rapid.T) {
	parts := rapid.SliceOfN(rapid.SampledFrom(alphabet), 0, 12).Draw(t, "parts")
	v := strings.Join(parts, "")
	checks := allChecks()
	for _, r := range validate.Rules() {
		err := checks[r.Name](v)
		if err == nil {
			continue
		}
		var e *validate.Error
		if !errors.As(err, &e) {
			t.Fatalf("%s(%q): %T is not *validate.Error", r.Name, v, err)
		}
		if e.Rule != r.Name || e.Len != len(v) || e.Offset < -1 || e.Offset >= max(len(v), 1) || e.Reason == "" {
			t.Fatalf("%s(%q): malformed %#v", r.Name, v, e)
		}
		msg := err.Error()
		for i := 0; i+8 <= len(v); i++ {
			if w := v[i : i+8]; strings.Contains(msg, w) {
				t.Fatalf("%s(%q): message %q repeats %q", r.Name, v, msg, w)
			}
		}
	}
}

func TestPropertyValidators(t *testing.T) { rapid.Check(t, propertyValidators) }

func FuzzValidators(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propertyValidators)) }

func TestErrorFormat(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{validate.S3Bucket("DocExampleBucket"), "validate: s3-bucket: byte 0 of 16: uppercase letter not allowed"},
		{validate.S3Bucket("ab"), "validate: s3-bucket: length 2, want 3 to 63"},
		{validate.S3Bucket(""), "validate: s3-bucket: empty"},
		{validate.S3URI("s3:///x"), "validate: s3-uri: byte 5 of 7: empty bucket name"},
		{validate.S3URI("s3://ab/x"), "validate: s3-uri: byte 5 of 9: bucket length 2, want 3 to 63"},
		{validate.Port("65536"), "validate: port: length 5, want 1 to 65535"},
		{validate.IP("fe80::1%eth0"), "validate: ip: byte 7 of 12: zone not allowed"},
		{validate.NotBlank("\u200b"), "validate: not-blank: length 3, blank: only whitespace, control or invisible characters"},
		{validate.MaxLen(3)("abcd"), "validate: max-len: length 4, want at most 3 bytes"},
		{validate.OneOf("a", "b")("c"), "validate: one-of: length 1, not one of the 2 allowed values"},
	} {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("got %v, want %s", c.err, c.want)
		}
	}
}

func TestCombinators(t *testing.T) {
	p := validate.Pattern("ticket", `[A-Z]{2,10}-[0-9]{1,6}`)
	for _, v := range []string{"AB-1", "ABCDEFGHIJ-123456"} {
		if err := p(v); err != nil {
			t.Errorf("pattern(%q) = %v", v, err)
		}
	}
	for _, v := range []string{"", "A-1", "AB-1\n", "xAB-1", "AB-1x", "AB-1234567", "AB-\x00", "AB-1\xff"} {
		err := p(v)
		if err == nil {
			t.Errorf("pattern(%q) = nil", v)
			continue
		}
		checkError(t, "ticket", v, err)
	}
	// Unbalanced text must not escape the anchoring group.
	for _, expr := range []string{`a)|(b`, `(`, `[`, `a{1001}`, `\`, `x)|(?:.*`} {
		bad := validate.Pattern("p", expr)
		for _, v := range []string{"", "a", "b", "ab", "anything"} {
			err := bad(v)
			var e *validate.Error
			if !errors.As(err, &e) || !strings.Contains(e.Reason, "bad pattern") {
				t.Errorf("Pattern(%q)(%q) = %v, want a bad-pattern error", expr, v, err)
			}
		}
	}
	if err := validate.Pattern("", "a")("b"); err == nil || !strings.HasPrefix(err.Error(), "validate: pattern: ") {
		t.Errorf("empty rule name: %v", err)
	}
	// Go's $ is end of text: a trailing newline never matches.
	if err := validate.Pattern("x", `a$`)("a\n"); err == nil {
		t.Error("pattern a$ accepted a trailing newline")
	}

	one := validate.OneOf("json", "text")
	if one("json") != nil || one("text") != nil || one("JSON") == nil || one("json ") == nil {
		t.Error("OneOf compares exactly")
	}
	if err := one(""); !errors.Is(err, validate.ErrEmpty) {
		t.Errorf("OneOf empty: %v", err)
	}
	if validate.OneOf()("x") == nil {
		t.Error("OneOf() accepted a value")
	}
	vals := []string{"a"}
	one = validate.OneOf(vals...)
	vals[0] = "b"
	if one("a") != nil {
		t.Error("OneOf kept the caller's slice")
	}

	all := validate.All(validate.NotEmpty, nil, validate.NoLeadingDash, validate.MaxLen(3))
	for v, want := range map[string]string{"": "not-empty", "-a": "no-leading-dash", "abcd": "max-len", "abc": ""} {
		err := all(v)
		var e *validate.Error
		switch {
		case want == "" && err != nil:
			t.Errorf("All(%q) = %v", v, err)
		case want != "" && (!errors.As(err, &e) || e.Rule != want):
			t.Errorf("All(%q) = %v, want rule %s first", v, err, want)
		}
	}
	if validate.All()("anything") != nil {
		t.Error("All() refused a value")
	}

	for n, cases := range map[int]map[string]bool{0: {"": true, "a": false}, 3: {"abc": true, "abcd": false, "é": true, "éé": false}, -1: {"": false}} {
		for v, ok := range cases {
			if (validate.MaxLen(n)(v) == nil) != ok {
				t.Errorf("MaxLen(%d)(%q): want ok=%v", n, v, ok)
			}
		}
	}
}

func TestRegistry(t *testing.T) {
	rules := validate.Rules()
	for i, r := range rules {
		if i > 0 && rules[i-1].Name >= r.Name {
			t.Errorf("Rules not sorted at %s", r.Name)
		}
		if r.Check == nil || r.Doc == "" {
			t.Errorf("rule %s lacks a check or doc", r.Name)
		}
		check, ok := validate.Lookup(r.Name)
		if !ok || fmt.Sprintf("%p", check) != fmt.Sprintf("%p", r.Check) {
			t.Errorf("Lookup(%s) does not return the listed check", r.Name)
		}
		// Every error carries the registry name.
		var e *validate.Error
		if err := r.Check(refusedSample(r.Name)); !errors.As(err, &e) || e.Rule != r.Name {
			t.Errorf("%s reports rule %v", r.Name, err)
		}
	}
	for _, name := range []string{"", "S3-Bucket", "max-len", "pattern", "s3bucket"} {
		if _, ok := validate.Lookup(name); ok {
			t.Errorf("Lookup(%q) found a rule", name)
		}
	}
	rules[0].Name = "changed"
	if validate.Rules()[0].Name == "changed" {
		t.Error("Rules returned the package's own slice")
	}
}

func BenchmarkValidators(b *testing.B) {
	for _, r := range validate.Rules() {
		v := validSample(r.Name)
		b.Run("rule="+r.Name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(v)))
			for b.Loop() {
				if err := r.Check(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRefusal(b *testing.B) {
	v := "DocExampleBucket"
	b.ReportAllocs()
	b.SetBytes(int64(len(v)))
	for b.Loop() {
		if validate.S3Bucket(v) == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkIsBlank(b *testing.B) {
	for _, c := range []struct{ name, v string }{
		{"ascii", strings.Repeat(" ", 64)},
		{"unicode", strings.Repeat("\u200b\u3000", 16)},
	} {
		b.Run("in="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.v)))
			for b.Loop() {
				if !validate.IsBlank(c.v) {
					b.Fatal("not blank")
				}
			}
		})
	}
}
