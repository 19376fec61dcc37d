package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHandle runs the case table through handle with a recorder in place
// of aws: the fast half of the end-to-end test.
func TestHandle(t *testing.T) {
	for _, c := range eventCases() {
		t.Run(c.name, func(t *testing.T) {
			var got [][]string
			record := func(_ context.Context, argv []string) ([]byte, error) {
				got = append(got, slices.Clone(argv))
				return []byte("listing\n"), nil
			}
			out, err := handle(context.Background(), []byte(c.event), record)
			if c.argv != nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				want := append([]string{"aws"}, c.argv...)
				if len(got) != 1 || !slices.Equal(got[0], want) {
					t.Errorf("ran %q, want %q", got, want)
				}
				var resp listResponse
				if err := json.Unmarshal(out, &resp); err != nil || resp.Listing != "listing\n" {
					t.Errorf("response %s (%v)", out, err)
				}
				return
			}
			if got != nil {
				t.Errorf("ran %q, want no command", got)
			}
			var fe *functionError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a *functionError", err)
			}
			checkRefusal(t, c, fe.Type, fe.Message)
		})
	}
}

// checkRefusal checks the error type and message of a refused case.
func checkRefusal(t *testing.T, c eventCase, errType, msg string) {
	t.Helper()
	switch {
	case c.errType != "" && errType != c.errType:
		t.Errorf("errorType %q, want %q (message %q)", errType, c.errType, msg)
	case c.errType == "" && errType != errInvalidEvent && errType != errInvalidValue:
		t.Errorf("errorType %q, want %s or %s", errType, errInvalidEvent, errInvalidValue)
	}
	if msg == "" {
		t.Error("empty errorMessage")
	}
	if c.messageLeaks(msg) {
		t.Errorf("errorMessage %q repeats the value", msg)
	}
	if errType == errInvalidValue && !strings.Contains(msg, "bucket") && !strings.Contains(msg, "prefix") {
		t.Errorf("errorMessage %q does not name the field", msg)
	}
}

// TestExecRun checks that execRun passes argv as it is, without a shell,
// and reports failures without the program's output.
func TestExecRun(t *testing.T) {
	out, err := execRun(context.Background(), []string{"sh", "-c", `printf '%s|' "$@"`, "sh", "a b", "", "$(id)"})
	if err != nil || string(out) != "a b||$(id)|" {
		t.Errorf("execRun = %q, %v", out, err)
	}
	if _, err := execRun(context.Background(), []string{"false"}); err == nil || !strings.Contains(err.Error(), "exit status 1") {
		t.Errorf("execRun(false) error = %v", err)
	}
	if _, err := execRun(context.Background(), []string{"no-such-program-7f3a"}); err == nil || strings.Contains(err.Error(), "7f3a") {
		t.Errorf("execRun(missing) error = %v", err)
	}
}

// TestLimitedBuffer checks the output bound.
func TestLimitedBuffer(t *testing.T) {
	b := limitedBuffer{max: 4}
	b.Write([]byte("ab"))
	b.Write([]byte("cdef"))
	if b.String() != "abcd" || !b.over {
		t.Errorf("buffer %q over=%v", b.String(), b.over)
	}
}

// TestServeOne drives one round of the Runtime API loop against a stand-in
// for the API: the event in, the response or error out, at the paths and
// with the headers Lambda expects.
func TestServeOne(t *testing.T) {
	for _, c := range []struct {
		event, path, errType string
	}{
		{`{"bucket": "my-bucket"}`, "/2018-06-01/runtime/invocation/req-1/response", ""},
		{`{"bucket": " "}`, "/2018-06-01/runtime/invocation/req-1/error", errInvalidValue},
	} {
		var gotPath, gotType string
		var gotBody []byte
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.Method == http.MethodGet && r.URL.Path == "/2018-06-01/runtime/invocation/next":
				w.Header().Set("Lambda-Runtime-Aws-Request-Id", "req-1")
				w.Header().Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
				io.WriteString(w, c.event)
			case r.Method == http.MethodPost:
				gotPath, gotType = r.URL.Path, r.Header.Get("Lambda-Runtime-Function-Error-Type")
				gotBody, _ = io.ReadAll(r.Body)
				w.WriteHeader(http.StatusAccepted)
			default:
				http.NotFound(w, r)
			}
		}))
		rt := &runtimeAPI{base: srv.URL + "/2018-06-01/runtime", client: srv.Client()}
		run := func(ctx context.Context, argv []string) ([]byte, error) {
			if _, ok := ctx.Deadline(); !ok {
				t.Error("no deadline from Lambda-Runtime-Deadline-Ms")
			}
			return []byte("listing"), nil
		}
		err := rt.serveOne(context.Background(), run)
		srv.Close()
		if err != nil {
			t.Fatalf("event %s: %v", c.event, err)
		}
		if gotPath != c.path || gotType != c.errType {
			t.Errorf("event %s: posted to %s with error type %q, want %s and %q", c.event, gotPath, gotType, c.path, c.errType)
		}
		if c.errType != "" {
			var fe functionError
			if err := json.Unmarshal(gotBody, &fe); err != nil || fe.Type != c.errType || fe.Message == "" {
				t.Errorf("event %s: error body %s", c.event, gotBody)
			}
		}
	}
}
