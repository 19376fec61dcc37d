package shelltest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The state directory holds what the harness keeps between test processes:
// the printer binary, the seeded working directory, HOME and fish's state.
// One per user, under os.TempDir; every entry is named after a hash of its
// content and made under a temporary name, then renamed into place, so
// concurrent test processes (go test ./... runs packages in parallel) either
// make it or use the one another made, and a new run never leaves a new copy.
var state struct {
	once sync.Once
	dir  string
	err  error
}

// stateDir returns the per-user state directory, making it if needed. A
// directory of that name that is not ours (another user, a symlink, a mode
// that lets others write) is an error: the harness would run what it finds
// there.
func stateDir() (string, error) {
	state.once.Do(func() {
		dir := filepath.Join(os.TempDir(), "safeshell-shelltest-"+strconv.Itoa(os.Getuid()))
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			state.err = err
			return
		}
		if err := checkPrivateDir(dir); err != nil {
			state.err = err
			return
		}
		state.dir = dir
		pruneTemp(dir)
	})
	if state.err != nil {
		return "", fmt.Errorf("state directory: %w", state.err)
	}
	return state.dir, nil
}

// pruneTemp removes temporary entries that a test process killed while
// making them left behind. An hour is far longer than making any takes.
func pruneTemp(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), "tmp-") {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > time.Hour {
			removeAll(filepath.Join(dir, e.Name()))
		}
	}
}

// contentKey names a state entry after what it holds.
func contentKey(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		// Length-prefixed, so that ("ab","c") and ("a","bc") differ.
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// makeEntry returns filepath.Join(stateDir, name), first calling fill on a
// fresh temporary directory and renaming it into place if no valid entry of
// that name exists. valid reports whether an existing entry is usable; an
// unusable one (left by an older, broken harness) is replaced.
func makeEntry(name string, valid func(dir string) bool, fill func(dir string) error) (string, error) {
	root, err := stateDir()
	if err != nil {
		return "", err
	}
	final := filepath.Join(root, name)
	for attempt := 0; ; attempt++ {
		if valid(final) {
			return final, nil
		}
		tmp, err := os.MkdirTemp(root, "tmp-"+name+"-")
		if err != nil {
			return "", err
		}
		if err := fill(tmp); err != nil {
			removeAll(tmp)
			return "", fmt.Errorf("making %s: %w", name, err)
		}
		err = os.Rename(tmp, final)
		if err == nil {
			return final, nil
		}
		// Another process won the race (the target is now a non-empty
		// directory), or an invalid entry is in the way.
		removeAll(tmp)
		if valid(final) {
			return final, nil
		}
		if attempt > 0 {
			return "", fmt.Errorf("installing %s: %w", name, err)
		}
		removeAll(final)
	}
}

// removeAll removes a tree the harness made, making read-only directories
// writable first.
func removeAll(dir string) {
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			_ = os.Chmod(path, 0o700)
		}
		return nil
	})
	_ = os.RemoveAll(dir)
}
