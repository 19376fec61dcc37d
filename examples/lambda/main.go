// Bootstrap is an AWS Lambda function, for the provided.al2023 custom
// runtime, that lists an S3 bucket the caller names: the Go version of the
// bash function that ran `aws s3 ls $bucket` and listed every bucket in
// the account for {"bucket": " "}.
//
// The event is {"bucket": "...", "prefix": "..."}, prefix optional. The
// bucket must be an S3 bucket name (validate.S3Bucket) and the prefix an S3
// key (validate.S3KeyPrefix); then the function runs
//
//	aws s3 ls s3://BUCKET/PREFIX
//
// built from a shq template and executed without a shell, and returns
// {"listing": "..."}. Anything else gets an error response
// ({"errorType": "InvalidEvent" | "InvalidValue" | "CommandFailed",
// "errorMessage": "..."}) whose message never repeats the event, and aws
// does not run.
//
// It talks to the Lambda Runtime API directly over HTTP (GET
// /2018-06-01/runtime/invocation/next, then POST .../response or
// .../error) instead of using github.com/aws/aws-lambda-go: the loop is
// small, the example then depends on nothing but safeshell, and the
// end-to-end test runs it under the real Runtime Interface Emulator, which
// checks the protocol. Build it as a static binary named bootstrap:
//
//	CGO_ENABLED=0 go build -o bootstrap .
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"
)

// main serves invocations until the Runtime API fails.
func main() {
	log.SetFlags(0)
	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		log.Fatal("bootstrap: AWS_LAMBDA_RUNTIME_API is not set: run this under Lambda or the Runtime Interface Emulator")
	}
	rt := &runtimeAPI{base: "http://" + api + "/2018-06-01/runtime", client: &http.Client{}}
	if err := listTemplate.Err(); err != nil {
		// A template that does not build is a bug; tell Lambda at init.
		rt.post(context.Background(), "/init/error", &functionError{"Runtime.InitError", err.Error()})
		log.Fatal("bootstrap: ", err)
	}
	for {
		if err := rt.serveOne(context.Background(), execRun); err != nil {
			log.Fatal("bootstrap: ", err)
		}
	}
}

// runtimeAPI is a client of the Lambda Runtime API.
type runtimeAPI struct {
	base   string // http://HOST:PORT/2018-06-01/runtime
	client *http.Client
}

// serveOne waits for the next invocation, handles it with run and posts
// the response or error. It returns an error only when the Runtime API
// fails, which ends the runtime.
func (rt *runtimeAPI) serveOne(ctx context.Context, run runFunc) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rt.base+"/invocation/next", nil)
	if err != nil {
		return err
	}
	resp, err := rt.client.Do(req)
	if err != nil {
		return fmt.Errorf("next invocation: %w", err)
	}
	event, err := io.ReadAll(io.LimitReader(resp.Body, maxEventSize+1))
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("next invocation: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("next invocation: %s", resp.Status)
	}
	id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
	if id == "" {
		return errors.New("next invocation: no request id")
	}
	ictx, cancel := invocationContext(ctx, resp.Header.Get("Lambda-Runtime-Deadline-Ms"))
	defer cancel()

	out, herr := handle(ictx, event, run)
	path := "/invocation/" + url.PathEscape(id)
	if herr != nil {
		var fe *functionError
		if !errors.As(herr, &fe) {
			fe = &functionError{"Unhandled", "internal error"}
		}
		log.Printf("request %s: %s", id, fe) // never holds the event
		return rt.post(ctx, path+"/error", fe)
	}
	return rt.postBody(ctx, path+"/response", out, "")
}

// invocationContext returns a context that ends at the invocation's
// deadline, given in milliseconds since the Unix epoch.
func invocationContext(ctx context.Context, deadlineMs string) (context.Context, context.CancelFunc) {
	ms, err := strconv.ParseInt(deadlineMs, 10, 64)
	if err != nil {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, time.UnixMilli(ms))
}

// post sends an error in Lambda's error format.
func (rt *runtimeAPI) post(ctx context.Context, path string, fe *functionError) error {
	body, err := json.Marshal(fe)
	if err != nil {
		return err
	}
	return rt.postBody(ctx, path, body, fe.Type)
}

// postBody posts body to path; errorType, if set, goes in the
// Lambda-Runtime-Function-Error-Type header.
func (rt *runtimeAPI) postBody(ctx context.Context, path string, body []byte, errorType string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, rt.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if errorType != "" {
		req.Header.Set("Lambda-Runtime-Function-Error-Type", errorType)
	}
	resp, err := rt.client.Do(req)
	if err != nil {
		return fmt.Errorf("post %s: %w", path, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("post %s: %s", path, resp.Status)
	}
	return nil
}
