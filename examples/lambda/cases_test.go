package main

import (
	"encoding/json"
	"strings"
)

// An eventCase is one invocation and what the fixed function must do: run
// aws with exactly argv, or refuse without running it.
type eventCase struct {
	name  string
	event string
	// argv is the aws arguments wanted (after the program name); nil means
	// the event must be refused and aws must not run.
	argv []string
	// errType is the errorType of a refusal, or "" when either
	// InvalidEvent or InvalidValue is right (the Go and bash functions
	// refuse a NUL at different steps).
	errType string
	// secret is a part of the event that must not appear in the error
	// message.
	secret string
}

// bucketEvent returns {"bucket": b} with b encoded by encoding/json.
func bucketEvent(b string, more ...string) string {
	m := map[string]string{"bucket": b}
	for i := 0; i+1 < len(more); i += 2 {
		m[more[i]] = more[i+1]
	}
	j, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(j)
}

// eventCases is the table of the unit test and the end-to-end test.
func eventCases() []eventCase {
	cases := []eventCase{
		{name: "bucket", event: `{"bucket": "my-bucket"}`, argv: []string{"s3", "ls", "s3://my-bucket/"}},
		{name: "prefix", event: `{"bucket": "my-bucket", "prefix": "photos/2024/"}`,
			argv: []string{"s3", "ls", "s3://my-bucket/photos/2024/"}},
		{name: "empty-prefix", event: `{"bucket": "my-bucket", "prefix": ""}`, argv: []string{"s3", "ls", "s3://my-bucket/"}},
		{name: "prefix-option-shaped", event: `{"bucket": "my-bucket", "prefix": "--profile"}`,
			argv: []string{"s3", "ls", "s3://my-bucket/--profile"}},
		{name: "dotted-bucket", event: `{"bucket": "www.example.com"}`, argv: []string{"s3", "ls", "s3://www.example.com/"}},

		// Events of the wrong shape.
		{name: "missing-bucket", event: `{}`, errType: errInvalidEvent},
		{name: "only-prefix", event: `{"prefix": "photos/"}`, errType: errInvalidEvent},
		{name: "number-bucket", event: `{"bucket": 42}`, errType: errInvalidEvent},
		{name: "null-bucket", event: `{"bucket": null}`, errType: errInvalidEvent},
		{name: "array-bucket", event: `{"bucket": ["my-bucket"]}`, errType: errInvalidEvent},
		{name: "object-bucket", event: `{"bucket": {"name": "my-bucket"}}`, errType: errInvalidEvent},
		{name: "number-prefix", event: `{"bucket": "my-bucket", "prefix": 1}`, errType: errInvalidEvent},
		{name: "capitalised-member", event: `{"Bucket": "my-bucket"}`, errType: errInvalidEvent},
		{name: "unknown-member", event: `{"bucket": "my-bucket", "SeCrEt": "--profile evil"}`,
			errType: errInvalidEvent, secret: "SeCrEt"},
		{name: "not-json", event: `not json SeCrEt`, errType: errInvalidEvent, secret: "SeCrEt"},
		{name: "truncated-json", event: `{"bucket": "my-bucket"`, errType: errInvalidEvent},
		{name: "json-string", event: `"my-bucket"`, errType: errInvalidEvent},
		{name: "json-array", event: `[{"bucket": "my-bucket"}]`, errType: errInvalidEvent},
		{name: "json-null", event: `null`, errType: errInvalidEvent},
		{name: "two-objects", event: `{"bucket": "my-bucket"} {"bucket": " "}`, errType: errInvalidEvent},

		// Prefixes the validators refuse.
		{name: "blank-prefix", event: `{"bucket": "my-bucket", "prefix": " "}`, errType: errInvalidValue},
		{name: "climbing-prefix", event: `{"bucket": "my-bucket", "prefix": "../SeCrEt"}`,
			errType: errInvalidValue, secret: "SeCrEt"},
	}
	// Buckets that must never reach aws: the seed's values, whitespace,
	// invisible characters, syntax, paths and option shapes.
	for _, b := range []struct{ name, value, secret string }{
		{"space", " ", ""},
		{"empty", "", ""},
		{"tab", "\t", ""},
		{"newline", "\n", ""},
		{"s3-scheme", "s3://", "s3://"},
		{"s3-path", "s3:///x", "s3:///x"},
		{"slash", "/", ""},
		{"bucket-slash", "my-bucket/", "my-bucket/"},
		{"profile", "x --profile evil", "evil"},
		{"dash-x", "-x", ""},
		{"dash-bucket", "-my-bucket", "-my-bucket"},
		{"command-substitution", "$(id)", "$(id)"},
		{"backticks", "`id`", "`id`"},
		{"zero-width-space", "\u200b", ""},
		{"semicolon", "a;id", "a;id"},
		{"glob", "my-*", "my-*"},
		{"uppercase", "My-Bucket", "My-Bucket"},
		{"trailing-newline", "my-bucket\n", "my-bucket"},
		{"leading-space", " my-bucket", "my-bucket"},
		{"ip-address", "192.168.5.4", "192.168.5.4"},
		{"marker", "SeCrEt;id", "SeCrEt"},
	} {
		cases = append(cases, eventCase{
			name: "bucket-" + b.name, event: bucketEvent(b.value), errType: errInvalidValue, secret: b.secret,
		})
	}
	// A NUL cannot reach a command line at all.
	cases = append(cases, eventCase{name: "bucket-nul", event: `{"bucket": "my-\u0000bucket"}`})
	return cases
}

// messageLeaks reports whether msg repeats the case's secret.
func (c eventCase) messageLeaks(msg string) bool {
	return c.secret != "" && strings.Contains(strings.ToLower(msg), strings.ToLower(c.secret))
}
