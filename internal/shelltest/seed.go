package shelltest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// SeedNames returns the names of the files in the seeded working directory
// ([Dir]), in sorted order. A name ending in "/" is a directory.
//
// They are chosen so that every glob-shaped word matches something if a
// shell expands it: each printable ASCII character that can be a file name
// on its own (all of U+0020..U+007E but "/" and "."), so `?`, `[ab]`, `[!a]`,
// `*`, `\*` and `^a` (zsh extendedglob) match; names of two or three
// characters so that `a*`, `*b`, `a?`, `.*`, `*(a)`, `+(a)`, `?(a)`, `@(a)`,
// `!(a)` (ksh93, mksh, bash extglob), `a#`, `a##` (zsh extendedglob) and
// `*/*` match; and names that look like options, assignments and patterns
// (`-x`, `x=y`, `[a]`, `a*`), so a word that wrongly expands to them is easy
// to spot.
func SeedNames() []string {
	return slices.Clone(seedNames)
}

var seedNames = func() []string {
	var names []string
	for c := byte(' '); c <= '~'; c++ {
		if c != '/' && c != '.' {
			names = append(names, string(c))
		}
	}
	names = append(names,
		"aa", "ab", "ba", "abc", "a b", "a\tb",
		"-x", "--x", ".hidden", "..x",
		"x=y", "a=b", "[a]", "a*", "a?", "a#", "#a", "^a", "!a", "~a", "=a",
		"a,b", "{a,b}", "a:b", "a;b",
		"dir/", "dir/file",
	)
	slices.Sort(names)
	return names
}()

var seed struct {
	once sync.Once
	dir  string
	err  error
}

// Dir returns the seeded working directory that [Shell.Run] uses by default:
// a directory, made once per machine, that holds [SeedNames]. Tests must not
// change it; use [Seed] for a directory of their own.
func Dir(t testing.TB) string {
	t.Helper()
	seed.once.Do(func() {
		name := "seed-" + contentKey(seedNames...)
		seed.dir, seed.err = makeEntry(name, seedValid, func(dir string) error {
			if err := populate(dir, seedNames); err != nil {
				return err
			}
			// Read-only, to catch a test that writes here (unless it runs
			// as root).
			return readOnly(dir)
		})
	})
	if seed.err != nil {
		t.Fatalf("shelltest: seeded directory: %v", seed.err)
	}
	return seed.dir
}

// seedValid reports whether dir holds exactly the seed names at its top
// level (a test that wrote there is detected and the directory remade).
func seedValid(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	var got []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		got = append(got, n)
	}
	var want []string
	for _, n := range seedNames {
		if !strings.Contains(strings.TrimSuffix(n, "/"), "/") {
			want = append(want, n)
		}
	}
	slices.Sort(got)
	return slices.Equal(got, want)
}

// Seed returns a new directory (removed when t ends) holding [SeedNames]
// and names. A name may contain "/" to make a file in a subdirectory; one
// ending in "/" is a directory. Files are empty. Run a script there with
// [WithDir].
func Seed(t testing.TB, names ...string) string {
	t.Helper()
	for _, n := range names {
		if err := checkSeedName(n); err != nil {
			t.Fatalf("shelltest: Seed: %v", err)
		}
	}
	dir := t.TempDir()
	if err := populate(dir, append(slices.Clone(seedNames), names...)); err != nil {
		t.Fatalf("shelltest: Seed: %v", err)
	}
	return dir
}

func checkSeedName(n string) error {
	if n == "" || strings.ContainsRune(n, 0) || strings.HasPrefix(n, "/") {
		return fmt.Errorf("bad file name %q", n)
	}
	for _, part := range strings.Split(strings.TrimSuffix(n, "/"), "/") {
		if part == "" || part == "." || part == ".." {
			return fmt.Errorf("bad file name %q", n)
		}
	}
	return nil
}

// populate makes names under dir.
func populate(dir string, names []string) error {
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimSuffix(n, "/")))
		if strings.HasSuffix(n, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o444)
		if errors.Is(err, os.ErrExist) {
			continue // named twice
		}
		if err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// readOnly takes write permission off every directory under dir.
func readOnly(dir string) error {
	return filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return os.Chmod(path, 0o555)
	})
}

var home struct {
	once sync.Once
	dir  string
	err  error
}

// Home returns the directory [Shell.Run] sets as HOME: it exists and is
// empty, and its path (ending in "/home", under the harness's state
// directory) is not a word a test would produce by accident, so tilde
// expansion is visible. Tests must not write into it.
func Home(t testing.TB) string {
	t.Helper()
	home.once.Do(func() {
		home.dir, home.err = makeEntry("home",
			func(dir string) bool {
				fi, err := os.Stat(dir)
				return err == nil && fi.IsDir()
			},
			func(string) error { return nil })
	})
	if home.err != nil {
		t.Fatalf("shelltest: home directory: %v", home.err)
	}
	return home.dir
}

// fishState returns the directory where fish keeps its configuration and
// data (XDG_CONFIG_HOME etc.): fish makes ~/.config/fish and
// ~/.local/share/fish even with --no-config, and HOME must stay empty.
func fishState(t testing.TB) string {
	t.Helper()
	root, err := stateDir()
	if err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	dir := filepath.Join(root, "fish")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatalf("shelltest: %v", err)
	}
	return dir
}
