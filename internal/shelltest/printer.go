package shelltest

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// PrinterName is the command name a script uses to call the argv printer.
const PrinterName = "printargs"

// The printer's source is embedded rather than built by import path, so the
// harness works from any module (examples/ have their own go.mod) and any
// working directory.
//
//go:embed printargs/main.go
var printerSource []byte

var printer struct {
	once sync.Once
	dir  string // directory holding the printargs executable
	err  error
	miss string // why the Go toolchain is missing, if it is
}

// PrinterDir returns the directory that holds the argv printer executable
// (named [PrinterName]), building it on first use. [Shell.Run] puts it first
// on PATH; tests that start a shell themselves can do the same. Under go
// test -short it skips t.
func PrinterDir(t testing.TB) string {
	t.Helper()
	if skipShort(t) {
		return ""
	}
	printer.once.Do(func() {
		goBin, err := findGo()
		if err != nil {
			printer.miss = err.Error()
			return
		}
		name := "printargs-" + contentKey(string(printerSource), runtime.GOOS, runtime.GOARCH)
		printer.dir, printer.err = makeEntry(name,
			func(dir string) bool {
				fi, err := os.Stat(filepath.Join(dir, PrinterName))
				return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o100 != 0
			},
			func(dir string) error { return buildPrinter(goBin, dir) })
		if printer.err == nil {
			prunePrinters(filepath.Dir(printer.dir), name)
		}
	})
	if printer.miss != "" {
		Missing(t, "cannot build the argv printer: %s", printer.miss)
	}
	if printer.err != nil {
		t.Fatalf("shelltest: %v", printer.err)
	}
	return printer.dir
}

// prunePrinters removes printers built from other versions of the source
// more than a day ago, so that editing printargs does not leave copies
// behind forever.
func prunePrinters(root, keep string) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range ents {
		if n := e.Name(); n == keep || !strings.HasPrefix(n, "printargs-") {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
			removeAll(filepath.Join(root, e.Name()))
		}
	}
}

// findGo locates the go command: go test puts $GOROOT/bin first on PATH.
func findGo() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	if root := os.Getenv("GOROOT"); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no go command on PATH or in $GOROOT/bin")
}

// buildPrinter builds the printer into dir/printargs from a throwaway module.
func buildPrinter(goBin, dir string) error {
	src, err := os.MkdirTemp("", "shelltest-printargs-src-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(src)
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module printargs\n\ngo 1.21\n"), 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(src, "main.go"), printerSource, 0o600); err != nil {
		return err
	}
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, PrinterName), ".")
	cmd.Dir = src
	// The caller's GOFLAGS (-mod=vendor, -race…) and go.work must not reach
	// this tiny module; GOTOOLCHAIN=local never downloads a toolchain.
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GO111MODULE=on", "CGO_ENABLED=0", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build printargs: %v\n%s", err, out)
	}
	return nil
}

// parseRecords decodes the printer's output: a sequence of records
// `<argc>\n{<len>:<bytes>\n}`. It is strict: anything else is an error.
func parseRecords(data []byte) ([][]string, error) {
	calls := [][]string{}
	for off := 0; off < len(data); {
		argc, n, err := parseCount(data[off:], '\n')
		if err != nil {
			return calls, fmt.Errorf("printer record %d at byte %d: argc: %v", len(calls), off, err)
		}
		off += n
		args := make([]string, 0, argc)
		for i := 0; i < argc; i++ {
			l, n, err := parseCount(data[off:], ':')
			if err != nil {
				return calls, fmt.Errorf("printer record %d, arg %d at byte %d: length: %v", len(calls), i, off, err)
			}
			off += n
			if l > len(data)-off-1 || data[off+l] != '\n' {
				return calls, fmt.Errorf("printer record %d, arg %d at byte %d: truncated", len(calls), i, off)
			}
			args = append(args, string(data[off:off+l]))
			off += l + 1
		}
		calls = append(calls, args)
	}
	return calls, nil
}

// parseCount reads a decimal number ended by term and returns it and the
// bytes consumed.
func parseCount(b []byte, term byte) (int, int, error) {
	for i := 0; i < len(b) && i <= 10; i++ {
		if b[i] == term {
			if i == 0 {
				break
			}
			v, err := strconv.Atoi(string(b[:i]))
			if err != nil || v < 0 {
				break
			}
			return v, i + 1, nil
		}
		if b[i] < '0' || b[i] > '9' {
			break
		}
	}
	return 0, 0, errors.New("malformed")
}
