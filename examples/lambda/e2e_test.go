//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/safeshell/safeshell/internal/shelltest"
)

// The AWS Lambda Runtime Interface Emulator, pinned.
const (
	rieCommand = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie"
	rieVersion = "v0.0.0-20261030222936-bef5c4ba774d"
	// rieEnv names a prebuilt emulator binary to use instead of building one.
	rieEnv = "SHQ_LAMBDA_RIE"
)

// TestEmulator runs the function under the real Runtime Interface Emulator,
// in three runtimes side by side: the Go bootstrap, the bash runtime with
// the fixed handler (bash/function.sh) and the bash runtime with the seed's
// unsafe handler (bash/unsafe/function.sh). A fake aws on PATH records
// every call. The fixed functions must run exactly `aws s3 ls
// s3://my-bucket/` for {"bucket": "my-bucket"} and refuse every hostile
// event without running aws; the unsafe one lists every bucket for
// {"bucket": " "}.
func TestEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the Lambda Runtime Interface Emulator")
	}
	rie := emulatorPath(t)
	bin := t.TempDir()
	goBuild(t, filepath.Join(bin, "aws"), "./internal/fakeaws")
	goBuild(t, filepath.Join(bin, "shq"), "github.com/safeshell/safeshell/cmd/shq")
	goDir := t.TempDir()
	goBuild(t, filepath.Join(goDir, "bootstrap"), ".")
	// All six ports at once: ports chosen separately by the parallel
	// subtests could coincide (each is free only until its listener
	// closes), and one emulator would then answer for another.
	ports := freePorts(t, 6)

	t.Run("go", func(t *testing.T) {
		t.Parallel()
		fn := startFunction(t, rie, filepath.Join(goDir, "bootstrap"), bin, ports[0:2])
		checkFixed(t, fn)
	})
	t.Run("bash", func(t *testing.T) {
		t.Parallel()
		fn := startFunction(t, rie, bashTask(t, "bash/function.sh"), bin, ports[2:4])
		checkFixed(t, fn)
	})
	t.Run("bash-unsafe", func(t *testing.T) {
		t.Parallel()
		fn := startFunction(t, rie, bashTask(t, "bash/unsafe/function.sh"), bin, ports[4:6])
		checkUnsafe(t, fn)
	})
}

// checkFixed runs the case table through a fixed function.
func checkFixed(t *testing.T, fn *function) {
	for _, c := range eventCases() {
		t.Run(c.name, func(t *testing.T) {
			status, body, calls := fn.invoke(t, c.event)
			if c.argv != nil {
				want := [][]string{c.argv}
				if status != http.StatusOK || !slices.EqualFunc(calls, want, slices.Equal) {
					t.Fatalf("status %d, aws calls %q, want 200 and %q; response %q", status, calls, want, body)
				}
				var resp listResponse
				if err := json.Unmarshal(body, &resp); err != nil || !strings.Contains(resp.Listing, "PRE photos/") {
					t.Errorf("response %q (%v), want the listing", body, err)
				}
				return
			}
			if len(calls) != 0 {
				t.Errorf("aws ran %q, want no call", calls)
			}
			// Like the Lambda Invoke API, the emulator answers a function
			// error with status 200 and the error as the body. (Lambda
			// adds X-Amz-Function-Error; the emulator does not.)
			var fe struct {
				functionError
				Listing *string `json:"listing"`
			}
			if err := json.Unmarshal(body, &fe); err != nil || fe.Type == "" || fe.Listing != nil {
				t.Fatalf("status %d, response %q is not an error response (%v)", status, body, err)
			}
			if status != http.StatusOK {
				t.Errorf("status %d", status)
			}
			checkRefusal(t, c, fe.Type, fe.Message)
		})
	}
}

// checkUnsafe shows the bug the fixed functions refuse: the seed's handler,
// `aws s3 ls $bucket` unquoted, lists every bucket for {"bucket": " "} and
// hands option words to aws for {"bucket": "x --profile evil"}.
func checkUnsafe(t *testing.T, fn *function) {
	for _, c := range []struct {
		bucket string
		argv   []string
		out    string
	}{
		{" ", []string{"s3", "ls"}, "ALL BUCKETS"},
		{"", []string{"s3", "ls"}, "ALL BUCKETS"},
		{"\t", []string{"s3", "ls"}, "ALL BUCKETS"},
		{"x --profile evil", []string{"s3", "ls", "x", "--profile", "evil"}, ""},
		{"my-bucket", []string{"s3", "ls", "my-bucket"}, "PRE photos/"},
	} {
		status, body, calls := fn.invoke(t, bucketEvent(c.bucket))
		if len(calls) != 1 || !slices.Equal(calls[0], c.argv) || !strings.Contains(string(body), c.out) {
			t.Errorf("unsafe handler, bucket %q: status %d, aws calls %q, response %q; want one call %q printing %q",
				c.bucket, status, calls, body, c.argv, c.out)
			continue
		}
		t.Logf("unsafe handler, bucket %q: aws %q -> %q", c.bucket, calls[0], strings.TrimSpace(string(body)))
	}
}

// emulatorPath returns the emulator binary: $SHQ_LAMBDA_RIE if set, or one
// built with go install from the module proxy into the user's cache
// directory (reused by later runs). If it cannot be built, the test is
// skipped, or fails under SHQ_REQUIRE_TOOLS=1.
func emulatorPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv(rieEnv); p != "" {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			t.Fatalf("%s=%s is not an executable file", rieEnv, p)
		}
		return p
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "safeshell-test", "aws-lambda-rie@"+rieVersion)
	bin := filepath.Join(dir, "aws-lambda-rie")
	if fi, err := os.Stat(bin); err == nil && fi.Mode().IsRegular() {
		return bin
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		shelltest.Missing(t, "cannot build the Lambda Runtime Interface Emulator: no go command")
	}
	cmd := exec.Command(goBin, "install", rieCommand+"@"+rieVersion)
	cmd.Dir = t.TempDir() // outside this module: go install pkg@version ignores it anyway
	cmd.Env = append(os.Environ(), "GOBIN="+dir, "CGO_ENABLED=0", "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		shelltest.Missing(t, "cannot build the Lambda Runtime Interface Emulator (go install %s@%s): %v\n%s\n"+
			"(or set %s to a prebuilt aws-lambda-rie)", rieCommand, rieVersion, err, out, rieEnv)
	}
	return bin
}

// goBuild builds pkg, a package of this module or its dependencies, as a
// static binary at out.
func goBuild(t *testing.T, out, pkg string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		shelltest.Missing(t, "no go command to build %s", pkg)
	}
	cmd := exec.Command(goBin, "build", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
}

// bashTask lays out a bash function as Lambda unpacks it into /var/task:
// bootstrap and function.sh side by side. It returns the bootstrap's path.
func bashTask(t *testing.T, handler string) string {
	t.Helper()
	for _, tool := range []string{"bash", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			shelltest.Missing(t, "%s is not installed (the bash runtime needs bash, curl and jq)", tool)
		}
	}
	dir := t.TempDir()
	for src, dst := range map[string]string{"bash/bootstrap": "bootstrap", handler: "function.sh"} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "bootstrap")
}

// A function is a running emulator with one runtime.
type function struct {
	url  string // the invoke endpoint
	log  string // the fake aws's record of calls
	mu   sync.Mutex
	seen int // calls already returned by invoke
}

// startFunction starts the emulator on two free loopback ports (the invoke
// endpoint, then the runtime API) with bootstrap as the runtime, in a clean
// environment whose PATH starts with bin (the fake aws and shq). Everything
// it starts is stopped when t ends.
func startFunction(t *testing.T, rie, bootstrap, bin string, ports []string) *function {
	t.Helper()
	fn := &function{
		url: "http://127.0.0.1:" + ports[0] + "/2015-03-31/functions/function/invocations",
		log: filepath.Join(t.TempDir(), "aws-calls"),
	}
	tmp := t.TempDir()
	cmd := exec.Command(rie,
		"--runtime-interface-emulator-address", "127.0.0.1:"+ports[0],
		"--runtime-api-address", "127.0.0.1:"+ports[1],
		bootstrap)
	cmd.Dir = filepath.Dir(bootstrap) // the runtime's working directory, as /var/task
	cmd.Env = []string{
		"PATH=" + bin + string(os.PathListSeparator) + "/usr/local/bin:/usr/bin:/bin",
		"HOME=" + tmp,
		"TMPDIR=" + tmp,
		"LANG=C.UTF-8",
		"FAKE_AWS_LOG=" + fn.log,
		"AWS_LAMBDA_FUNCTION_NAME=list-bucket",
		"AWS_LAMBDA_FUNCTION_TIMEOUT=30",
		"AWS_REGION=us-east-1",
	}
	var logs lockedBuffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	// Pdeathsig: if the test binary dies without running its cleanups
	// (a -timeout panic), the emulator gets SIGTERM and shuts the runtime
	// down with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		stopEmulator(cmd.Process.Pid, done)
		if t.Failed() {
			t.Logf("emulator output:\n%s", logs.String())
		}
	})
	// Wait until it accepts connections.
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+ports[0], time.Second)
		if err == nil {
			c.Close()
			return fn
		}
		select {
		case <-done:
			t.Fatalf("the emulator exited at start:\n%s", logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the emulator does not listen on 127.0.0.1:%s:\n%s", ports[0], logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stopEmulator stops the emulator whose pid is given and everything it
// started. The emulator runs the runtime in a process group of its own, so
// the runtime's group is found first (its children, from /proc), then the
// emulator gets SIGTERM, which shuts the runtime down, and after a grace
// period every group left gets SIGKILL.
func stopEmulator(pid int, done <-chan struct{}) {
	groups := []int{pid} // the emulator leads its own group (Setpgid)
	for _, child := range childrenOf(pid) {
		if pgid, err := syscall.Getpgid(child); err == nil && pgid != pid {
			groups = append(groups, pgid)
		}
	}
	syscall.Kill(pid, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(3 * time.Second):
	}
	for _, g := range groups {
		syscall.Kill(-g, syscall.SIGKILL)
	}
	<-done
}

// childrenOf lists the processes whose parent is pid.
func childrenOf(pid int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var kids []int
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			kids = append(kids, p)
		}
	}
	return kids
}

// freePorts returns n distinct free TCP ports on 127.0.0.1.
func freePorts(t *testing.T, n int) []string {
	t.Helper()
	var ports []string
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// invoke sends event to the function and returns the HTTP status, the body
// and the aws calls the invocation made.
func (fn *function) invoke(t *testing.T, event string) (int, []byte, [][]string) {
	t.Helper()
	fn.mu.Lock() // one invocation at a time, so that the calls are its own
	defer fn.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fn.url, strings.NewReader(event))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("invoke: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("invoke: %v", err)
	}
	calls, err := readCalls(fn.log)
	if err != nil {
		t.Fatalf("reading the fake aws's record: %v", err)
	}
	mine := calls[fn.seen:]
	fn.seen = len(calls)
	return resp.StatusCode, body, mine
}

// readCalls reads the record the fake aws keeps (see internal/fakeaws).
func readCalls(name string) ([][]string, error) {
	f, err := os.Open(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var calls [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		n, err := strconv.Atoi(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("bad count line: %v", err)
		}
		args := []string{}
		for range n {
			if !sc.Scan() {
				return nil, errors.New("truncated record")
			}
			a, err := strconv.Unquote(sc.Text())
			if err != nil {
				return nil, err
			}
			args = append(args, a)
		}
		calls = append(calls, args)
	}
	return calls, sc.Err()
}

// lockedBuffer is a bytes.Buffer safe for the emulator's two output pipes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns what was written so far.
func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
