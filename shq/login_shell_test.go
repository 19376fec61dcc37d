package shq

import (
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/safeshell/safeshell/internal/shelltest"
)

// loginInputs are shellInputs without the ones Login refuses (a newline):
// every other input must be accepted.
func loginInputs(t *testing.T) []string {
	var in []string
	for _, s := range shellInputs() {
		if strings.IndexByte(s, '\n') < 0 {
			in = append(in, s)
		} else if _, err := Login.Quote(s); err == nil {
			t.Fatalf("Login.Quote(%q) accepted a newline", s)
		}
	}
	return in
}

// TestShellLogin runs Login output through the eleven login shells, each
// as `SHELL -c LINE`: the hazards, every byte but NUL and newline alone and
// between letters (carriage return included), and random strings. yash
// gets the inputs that are not valid UTF-8 under en_US.ISO-8859-1.
func TestShellLogin(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real shells")
	}
	checkMatrix(t, shelltest.LoginShells(t), Login, loginInputs(t))
}

// TestShellLoginJoin runs Login lines of random argument lists through the
// login shells.
func TestShellLoginJoin(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real shells")
	}
	pool := loginInputs(t)
	r := rand.New(rand.NewPCG(10, 10))
	var lists, valid, invalid [][]string
	var lines, validLines, invalidLines []string
	for len(lists) < 200 {
		args := make([]string, 1+r.IntN(5))
		for j := range args {
			args[j] = pool[r.IntN(len(pool))]
		}
		line, err := Login.Join(args...)
		if fishKeywords[args[0]] {
			if err == nil {
				t.Fatalf("Join(%q) accepted a fish keyword", args)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Login.Join(%q): %v", args, err)
		}
		lists, lines = append(lists, args), append(lines, line)
		if utf8.ValidString(line) && utf8.ValidString(strings.Join(args, "")) {
			valid, validLines = append(valid, args), append(validLines, line)
		} else {
			invalid, invalidLines = append(invalid, args), append(invalidLines, line)
		}
	}
	for _, sh := range shelltest.LoginShells(t) {
		t.Run(sh.Name, func(t *testing.T) {
			t.Parallel()
			if sh.Family != "yash" {
				checkLines(t, sh, lines, lists)
				return
			}
			checkLines(t, sh, validLines, valid)
			checkLines(t, sh, invalidLines, invalid, shelltest.WithLocale(shelltest.LocaleLatin1))
		})
	}
}

// TestShellLoginSafeSet derives Login's safe set as TestSafeSetExperiment
// does for the other dialects, in all eleven login shells.
func TestShellLoginSafeSet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real shells")
	}
	var lines []string
	var tried []byte
	survived := make(map[byte]bool)
	for c := byte(0x21); c < 0x7f; c++ {
		if strings.IndexByte("\"'\\`;&|()<>", c) >= 0 {
			continue
		}
		b := string(c)
		lines = append(lines, b, "x"+b, "x"+b+"x", b+"x")
		tried = append(tried, c)
		survived[c] = true
	}
	dir := shelltest.Seed(t, "xax", "xa", "ax", "xbx")
	for _, sh := range shelltest.LoginShells(t) {
		for i, r := range sh.WordsBatch(t, lines, shelltest.WithDir(dir)) {
			if r.Err != nil || !equalWords(r.Words, []string{lines[i]}) {
				c := tried[i/4]
				if survived[c] && byteClass[c]&safeLogin != 0 {
					t.Errorf("%s: safe byte %q does not survive unquoted in %q: %q %v", sh.Name, c, lines[i], r.Words, r.Err)
				}
				survived[c] = false
			}
		}
	}
	var kept, extra []byte
	for _, c := range tried {
		switch {
		case survived[c] && byteClass[c]&safeLogin == 0:
			extra = append(extra, c)
		case survived[c]:
			kept = append(kept, c)
		}
	}
	punct := strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf && isAlnum(byte(r)) {
			return -1
		}
		return r
	}, string(kept))
	t.Logf("login: safe bytes other than letters and digits, all survived: %q", punct)
	t.Logf("login: bytes that survived unquoted everywhere but are not in the safe set: %q", extra)
}

// TestShellLoginRefusals shows that each refusal is needed: the POSIX
// quoting of a newline breaks csh and tcsh, and a word one byte longer
// than bsd-csh reads fails there, while the longest word Login writes
// does not.
func TestShellLoginRefusals(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real shells")
	}
	for _, name := range []string{"csh", "tcsh"} {
		sh := shelltest.ShellNamed(t, name)
		q, _ := POSIX.Quote("a\nb")
		if r := sh.Run(t, shelltest.PrinterName+" "+q); r.OK() && len(r.Calls) == 1 && equalWords(r.Calls[0], []string{"a\nb"}) {
			t.Errorf("%s read a quoted newline back; ErrNewline may be needless", name)
		}
	}
	csh := shelltest.ShellNamed(t, "csh")
	words := func(q string) shelltest.Result { return csh.Run(t, shelltest.PrinterName+" "+q) }
	longest := strings.Repeat("x", LoginMaxWord-3) + " "
	q, err := Login.Quote(longest)
	if err != nil || len(q) != LoginMaxWord {
		t.Fatalf("Quote: %d bytes, %v", len(q), err)
	}
	if r := words(q); !r.OK() || len(r.Calls) != 1 || !equalWords(r.Calls[0], []string{longest}) {
		t.Errorf("csh: the longest Login word: %s", r.String())
	}
	// The measured limit: 8187 bytes of a word as written read back,
	// 8188 do not.
	for n, ok := range map[int]bool{8187: true, 8188: false} {
		w := "'" + strings.Repeat("y", n-2) + "'"
		r := words(w)
		if got := r.OK() && len(r.Calls) == 1 && len(r.Calls[0]) == 1 && len(r.Calls[0][0]) == n-2; got != ok {
			t.Errorf("csh, a word of %d bytes as written: read back %v, want %v: exit %d %q", n, got, ok, r.ExitCode, r.Stderr)
		}
	}
}

// TestShellLoginCommandPosition runs Login.Join's first word in command
// position in csh and tcsh: a PATH directory holds the printer under every
// builtin and keyword of csh and tcsh, and the quoted word must run it,
// where the bare word runs the builtin.
func TestShellLoginCommandPosition(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real shells")
	}
	bin := t.TempDir()
	printer := shelltest.PrinterDir(t) + "/" + shelltest.PrinterName
	var names []string
	for w := range loginCommandWords {
		if fishKeywords[w] {
			continue
		}
		if err := exec.Command("ln", "-s", printer, bin+"/"+w).Run(); err != nil {
			t.Fatal(err)
		}
		names = append(names, w)
	}
	path := shelltest.WithEnv("PATH", shelltest.PrinterDir(t)+":"+bin+":/usr/bin:/bin")
	for _, name := range []string{"csh", "tcsh"} {
		t.Run(name, func(t *testing.T) {
			sh := shelltest.ShellNamed(t, name)
			for _, n := range names {
				line, err := Login.Join(n, "arg")
				if err != nil {
					t.Fatal(err)
				}
				if r := sh.Run(t, line, path); len(r.Calls) != 1 || !equalWords(r.Calls[0], []string{"arg"}) {
					t.Errorf("%q ran as %s", line, r.String())
				}
			}
			// The test can fail: the bare builtin does not run the printer.
			if r := sh.Run(t, "set arg", path); len(r.Calls) != 0 {
				t.Errorf("bare set ran the printer: %s", r.String())
			}
		})
	}
}

// TestShellLoginMultibyte runs Login output in the multi-byte locales with
// the shells that honour them (bash, ksh93, yash): GBK, Big5 and
// Shift_JIS, where a byte ≥ 0x80 joins a following backslash, and GB18030
// and EUC-TW, whose two-byte prefixes swallow any following byte. yash
// in Shift_JIS has no backslash (0x5C is YEN SIGN), so it reads Login's
// \\ and \! as two bytes: it gets the inputs without \ and !, and the
// limit is documented.
func TestShellLoginMultibyte(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real shells")
	}
	var inputs []string
	leads := []string{"\x81", "\x95", "\xa5", "\xe0", "\xfc", "€", "\x810", "\x8e\xa1", "\x8e\xb0" + "5", "\xfe9"}
	trails := []string{"", "\\", "`", "|", "{", "~", "^", "[", "@", "a", "!", "0"}
	tails := []string{"'", "\\", "\\'", "\"", " x", ";printargs INJECTED", "`printargs INJECTED`",
		"$(printargs INJECTED)", "'$(printargs INJECTED)'", "';printargs INJECTED;#", "!", "\\!"}
	for _, l := range leads {
		for _, tr := range trails {
			for _, tl := range tails {
				inputs = append(inputs, l+tr+tl)
			}
		}
	}
	for _, loc := range shelltest.MultibyteLocales() {
		t.Run(loc, func(t *testing.T) {
			t.Parallel()
			for _, sh := range shelltest.MultibyteShells(t) {
				t.Run(sh.Name, func(t *testing.T) {
					in := inputs
					if sh.Family == "yash" {
						if w, _ := sh.Words(t, `\\`, shelltest.WithLocale(loc)); len(w) != 1 || w[0] != `\` {
							// The control: an escaped backslash alone is
							// not one backslash, so 0x5C is no backslash
							// to yash here (Shift_JIS: YEN SIGN).
							var ok []string
							for _, s := range in {
								if !strings.ContainsAny(s, "\\!") {
									ok = append(ok, s)
								}
							}
							t.Logf("yash in %s has no backslash: %d inputs with \\ or ! left out", loc, len(in)-len(ok))
							in = ok
						}
						if in = validIn(t, loc, Login, in); len(in) == 0 {
							t.Skip("yash runs no script it cannot decode, and no input is valid here")
						}
					}
					readBack(t, sh, Login, in, shelltest.WithLocale(loc))
				})
			}
		})
	}
}

// TestShellLoginFishBreak reproduces the advice the package used to give
// for ssh, "run sh -c there with the line quoted once more as one word",
// read by a remote login shell that is fish: the value escapes and runs a
// command. The Login line of the same command holds.
func TestShellLoginFishBreak(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real shells")
	}
	fish := shelltest.ShellNamed(t, "login-fish")
	value := `\'$(printargs INJECTED)"\'`
	inner, err := Join("printargs", value)
	if err != nil {
		t.Fatal(err)
	}
	old, err := Join("sh", "-c", inner) // the old advice
	if err != nil {
		t.Fatal(err)
	}
	r := fish.Run(t, old)
	if r.OK() && len(r.Calls) == 1 && equalWords(r.Calls[0], []string{value}) {
		t.Fatalf("fish read the old line back intact; the break no longer reproduces: %s", r.String())
	}
	injected := false
	for _, c := range r.Calls {
		injected = injected || equalWords(c, []string{"INJECTED"})
	}
	t.Logf("old advice under fish: injected=%v: %s", injected, r.String())
	if !injected {
		t.Errorf("the old line did not run the injected command under fish: %s", r.String())
	}
	// The new way: the same command as a Login line, and nested in sh -c.
	line, err := Command("printargs").Arg(value).LineFor(Login)
	if err != nil {
		t.Fatal(err)
	}
	nested, err := Command("sh", "-c").Script(Command("printargs").Arg(value)).LineFor(Login)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{line, nested} {
		for _, sh := range shelltest.LoginShells(t) {
			if r := sh.Run(t, l); !r.OK() || len(r.Calls) != 1 || !equalWords(r.Calls[0], []string{value}) {
				t.Errorf("%s: %q: %s", sh.Name, l, r.String())
			}
		}
	}
}
