package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"time"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// listTemplate is the one command this function runs. The program and
// "s3 ls s3://" are trusted text; {bucket} and {prefix} are filled from the
// event. Each placeholder stays inside the one word it is written in, so no
// value can add, remove or split a word, and the word starts with trusted
// text, so no value can turn it into an option.
//
// The built-in refusals (empty, blank, NUL, too long) are not enough here:
// `aws s3 ls` lists every bucket in the account when the part before the
// first "/" is empty, so {bucket} must pass validate.S3Bucket, which also
// refuses "/" and anything else outside a bucket name. {prefix} may be
// missing or empty (list the bucket's top level); when present it must be
// an S3 key.
var listTemplate = shq.MustParseTemplate("aws s3 ls s3://{bucket}/{prefix}").
	Check("bucket", validate.S3Bucket).
	Check("prefix", validate.S3KeyPrefix).
	Optional("prefix")

// maxEventSize bounds the event the handler reads. Lambda's own limit for a
// synchronous invocation payload is 6 MB.
const maxEventSize = 6 << 20

// maxOutput bounds the listing returned, below Lambda's 6 MB response limit
// once encoded as JSON.
const maxOutput = 4 << 20

// Error types of the function's error responses (errorType in Lambda's
// error format).
const (
	errInvalidEvent  = "InvalidEvent"  // not a JSON object with the expected fields
	errInvalidValue  = "InvalidValue"  // a field was refused by the builder or a validator
	errCommandFailed = "CommandFailed" // aws ran and failed
)

// A functionError is an error response: its message never holds any part of
// the event, which may carry a secret or bytes meant for a log reader.
type functionError struct {
	Type    string `json:"errorType"`
	Message string `json:"errorMessage"`
}

// Error returns the type and the message.
func (e *functionError) Error() string { return e.Type + ": " + e.Message }

// A listRequest is the event: {"bucket": "...", "prefix": "..."}.
type listRequest struct {
	Bucket    string
	Prefix    string
	HasPrefix bool
}

// A listResponse is the function's result.
type listResponse struct {
	// Listing is what aws s3 ls printed.
	Listing string `json:"listing"`
}

// runFunc runs argv without a shell and returns its standard output. It is
// a variable of the handler so that tests can record argv instead.
type runFunc func(ctx context.Context, argv []string) ([]byte, error)

// handle is the function: it parses event, builds the command and runs it
// with run. It returns the JSON response, or a *functionError.
func handle(ctx context.Context, event []byte, run runFunc) ([]byte, error) {
	req, err := parseEvent(event)
	if err != nil {
		return nil, err
	}
	values := map[string]string{"bucket": req.Bucket}
	if req.HasPrefix {
		values["prefix"] = req.Prefix
	}
	argv, err := listTemplate.Fill(values).Argv()
	if err != nil {
		// An *shq.ArgError names the placeholder and the reason, never
		// the value.
		return nil, &functionError{errInvalidValue, err.Error()}
	}
	out, err := run(ctx, argv)
	if err != nil {
		return nil, &functionError{errCommandFailed, err.Error()}
	}
	return json.Marshal(listResponse{Listing: string(out)})
}

// parseEvent reads the event: exactly one JSON object whose only members
// are "bucket", a string, and optionally "prefix", a string. Member names
// are matched exactly (encoding/json alone would also take "Bucket" and
// "BUCKET"), and null is not a string. A member given twice counts once,
// with the last value, as jq reads it too.
func parseEvent(event []byte) (listRequest, error) {
	var req listRequest
	if len(event) > maxEventSize {
		return req, &functionError{errInvalidEvent, fmt.Sprintf("event is longer than %d bytes", maxEventSize)}
	}
	dec := json.NewDecoder(bytes.NewReader(event))
	var fields map[string]json.RawMessage
	if err := dec.Decode(&fields); err != nil || fields == nil {
		return req, &functionError{errInvalidEvent, `event is not a JSON object (want {"bucket": "...", "prefix": "..."})`}
	}
	if _, err := dec.Token(); err != io.EOF {
		return req, &functionError{errInvalidEvent, "event has data after the JSON object"}
	}
	for name := range fields {
		if name != "bucket" && name != "prefix" {
			// The name is not repeated: it is data too.
			return req, &functionError{errInvalidEvent, `event has a member other than "bucket" and "prefix"`}
		}
	}
	raw, ok := fields["bucket"]
	if !ok {
		return req, &functionError{errInvalidEvent, `event has no "bucket"`}
	}
	if !jsonString(raw, &req.Bucket) {
		return req, &functionError{errInvalidEvent, `"bucket" is not a string`}
	}
	if raw, ok := fields["prefix"]; ok {
		if !jsonString(raw, &req.Prefix) {
			return req, &functionError{errInvalidEvent, `"prefix" is not a string`}
		}
		req.HasPrefix = true
	}
	return req, nil
}

// jsonString decodes raw into *s if raw is a JSON string (not null, which
// json.Unmarshal would accept and ignore).
func jsonString(raw json.RawMessage, s *string) bool {
	return len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, s) == nil
}

// execRun runs argv without a shell: the program is looked up in PATH and
// gets argv as it is. Its standard error goes to the function's log, and
// its standard output, up to maxOutput bytes, is returned. The error names
// the exit status, not anything the program printed.
func execRun(ctx context.Context, argv []string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var out limitedBuffer
	out.max = maxOutput
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr // the function's log
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return nil, fmt.Errorf("aws s3 ls failed (%s; its messages are in the function's log)", ee.ProcessState)
	case errors.Is(err, exec.ErrNotFound):
		return nil, errors.New("aws is not installed in the function")
	case err != nil:
		return nil, fmt.Errorf("aws s3 ls could not run: %w", err)
	case out.over:
		return nil, fmt.Errorf("aws s3 ls printed more than %d bytes", maxOutput)
	}
	return out.Bytes(), nil
}

// limitedBuffer is a bytes.Buffer that keeps at most max bytes and records
// that more were written, so that a huge listing cannot exhaust memory.
type limitedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

// Write keeps what fits and drops the rest, never failing.
func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); len(p) > room {
		b.over = true
		if room > 0 {
			b.Buffer.Write(p[:room])
		}
		return len(p), nil // keep the program running to its end
	}
	return b.Buffer.Write(p)
}
