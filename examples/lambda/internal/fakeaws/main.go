// Fakeaws stands in for the AWS CLI in the end-to-end test of the Lambda
// example. It records every call's arguments and answers `s3 ls` the way
// the real CLI does where it matters: with no path, or a path whose bucket
// part (before the first "/", after "s3://") is empty, aws s3 ls lists
// every bucket in the account, printed here as "ALL BUCKETS".
//
// Each call appends one record to the file named by $FAKE_AWS_LOG: the
// number of arguments on a line, then each argument on a line of its own in
// Go's quoted syntax (strconv.Quote), so that any bytes survive.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// main records the call and answers it.
func main() {
	args := os.Args[1:]
	if err := record(os.Getenv("FAKE_AWS_LOG"), args); err != nil {
		fmt.Fprintln(os.Stderr, "fake aws:", err)
		os.Exit(255)
	}
	if len(args) < 2 || args[0] != "s3" || args[1] != "ls" {
		fmt.Fprintln(os.Stderr, "fake aws: only s3 ls is supported")
		os.Exit(252) // the real CLI's status for a usage error
	}
	if len(args) == 2 || bucketPart(args[2]) == "" {
		fmt.Println("ALL BUCKETS")
		return
	}
	fmt.Println("                           PRE photos/")
	fmt.Println("2026-01-02 03:04:05        123 notes.txt")
}

// bucketPart returns what aws s3 ls takes as the bucket name in path.
func bucketPart(path string) string {
	path = strings.TrimPrefix(path, "s3://")
	bucket, _, _ := strings.Cut(path, "/")
	return bucket
}

// record appends one call to the log file.
func record(name string, args []string) error {
	if name == "" {
		return fmt.Errorf("FAKE_AWS_LOG is not set")
	}
	b := strconv.AppendInt(nil, int64(len(args)), 10)
	b = append(b, '\n')
	for _, a := range args {
		b = strconv.AppendQuote(b, a)
		b = append(b, '\n')
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
