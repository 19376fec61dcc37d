package shelltest

import (
	"os/exec"
	"slices"
	"sync"
	"testing"
)

// Shell is one shell configuration of the verification matrix: a program
// and the options it runs with. The zero Shell is not usable; get one from
// [POSIXShells], [BashShells], [MultibyteShells], [FishShell], [LoginShells], [ShellNamed]
// or [ShellsNamed].
//
// A Shell whose program is not installed has an empty Path. The matrix
// functions still return it, so that a test running each shell in its own
// subtest (t.Run(sh.Name, …)) skips only that subtest: [Shell.Run] and the
// other methods that start it call [Missing] first.
type Shell struct {
	// Name is the configuration's stable name: "bash", "bash-posix",
	// "bash-extglob", "bash-failglob", "dash", "zsh", "zsh-extendedglob",
	// "zsh-magicequalsubst", "zsh-emulate-sh", "mksh", "ksh93", "yash",
	// "posh", "busybox-ash", "fish", and for [LoginShells] "login-bash",
	// "login-zsh", "login-fish", "tcsh", "csh" and "login-busybox-sh".
	Name string
	// Family is the program the configuration runs ("bash", "zsh",
	// "busybox-ash"…), for tests that know a shell's quirks.
	Family string
	// Path is the program's absolute path, or "" if it is not installed.
	Path string
	// Args are the arguments that come before "-c SCRIPT".
	Args []string
	// DollarSingleQuote reports whether the shell reads $'…' as ANSI-C
	// quoting (dash 0.5.12, yash 2.52, posh and fish do not: there `$` is a
	// literal, or an error in fish).
	DollarSingleQuote bool
	// PrintfBuiltin reports whether printf is a shell builtin (mksh and
	// posh run /usr/bin/printf; the harness's printer is external anyway).
	// yash's is a "regular built-in": it runs only if /usr/bin/printf
	// exists on PATH too.
	PrintfBuiltin bool

	program string // name looked up on PATH
}

// String returns the configuration's name.
func (sh Shell) String() string { return sh.Name }

// Available reports whether the shell's program is installed.
func (sh Shell) Available() bool { return sh.Path != "" }

// Argv returns the command line that runs script: Path, Args, "-c", script.
func (sh Shell) Argv(script string) []string {
	argv := append([]string{sh.Path}, sh.Args...)
	return append(argv, "-c", script)
}

// require calls Missing unless the shell is installed.
func (sh Shell) require(t testing.TB) {
	t.Helper()
	if sh.Name == "" {
		t.Fatalf("shelltest: zero Shell; use POSIXShells, ShellNamed…")
	}
	if sh.Path == "" {
		Missing(t, "shell %s: %s is not installed", sh.Name, sh.program)
	}
}

// configs is every configuration the harness knows, in matrix order. The
// facts (DollarSingleQuote, PrintfBuiltin) are checked against the real
// shells by TestShellFacts.
var configs = []Shell{
	// bash reads no startup file for -c, except $BASH_ENV, which Run never
	// sets; --norc --noprofile say so anyway. Long options must come first.
	{Name: "bash", Family: "bash", program: "bash", Args: []string{"--norc", "--noprofile"}, DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "bash-posix", Family: "bash", program: "bash", Args: []string{"--norc", "--noprofile", "--posix"}, DollarSingleQuote: true, PrintfBuiltin: true},
	// -O on the command line is in effect when the script is parsed, which
	// extglob needs (`@(a)` is a syntax error without it).
	{Name: "bash-extglob", Family: "bash", program: "bash", Args: []string{"--norc", "--noprofile", "-O", "extglob"}, DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "bash-failglob", Family: "bash", program: "bash", Args: []string{"--norc", "--noprofile", "-O", "failglob"}, DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "dash", Family: "dash", program: "dash", PrintfBuiltin: true},
	// -f is NO_RCS. -o sets an option before the script is parsed, the
	// same as a leading setopt.
	{Name: "zsh", Family: "zsh", program: "zsh", Args: []string{"-f"}, DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "zsh-extendedglob", Family: "zsh", program: "zsh", Args: []string{"-f", "-o", "extendedglob"}, DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "zsh-magicequalsubst", Family: "zsh", program: "zsh", Args: []string{"-f", "-o", "magicequalsubst"}, DollarSingleQuote: true, PrintfBuiltin: true},
	// Not "-f" here: under sh emulation zsh reads single-letter options
	// as sh does, and -f is noglob. --emulate must be the first option.
	{Name: "zsh-emulate-sh", Family: "zsh", program: "zsh", Args: []string{"--emulate", "sh", "--no-rcs"}, DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "mksh", Family: "mksh", program: "mksh", DollarSingleQuote: true},
	{Name: "ksh93", Family: "ksh93", program: "ksh93", DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "yash", Family: "yash", program: "yash", PrintfBuiltin: true},
	{Name: "posh", Family: "posh", program: "posh"},
	{Name: "busybox-ash", Family: "busybox-ash", program: "busybox", Args: []string{"ash"}, DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "fish", Family: "fish", program: "fish", Args: []string{"--no-config"}, PrintfBuiltin: true},
	// The login-shell matrix runs each shell as sshd does, `SHELL -c LINE`
	// with no other option: startup files included (bash reads none for -c;
	// zsh reads its zshenv files, fish its config, tcsh and csh their
	// cshrc files). The shells already listed above with no option (dash,
	// mksh, ksh93, yash, posh) are used as they are.
	{Name: "login-bash", Family: "bash", program: "bash", DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "login-zsh", Family: "zsh", program: "zsh", DollarSingleQuote: true, PrintfBuiltin: true},
	{Name: "login-fish", Family: "fish", program: "fish", PrintfBuiltin: true},
	{Name: "tcsh", Family: "tcsh", program: "tcsh"},
	// csh is bsd-csh (Debian package csh), whose limits differ from tcsh's.
	{Name: "csh", Family: "csh", program: "bsd-csh"},
	{Name: "login-busybox-sh", Family: "busybox-ash", program: "busybox", Args: []string{"sh"}, DollarSingleQuote: true, PrintfBuiltin: true},
}

// Names of the matrices, in order.
var (
	posixNames     = []string{"bash", "bash-posix", "bash-extglob", "bash-failglob", "dash", "zsh", "zsh-extendedglob", "zsh-magicequalsubst", "zsh-emulate-sh", "mksh", "ksh93", "yash", "posh", "busybox-ash"}
	bashNames      = []string{"bash", "ksh93"}
	multibyteNames = []string{"bash", "ksh93", "zsh", "mksh", "yash"}
	loginNames     = []string{"dash", "login-bash", "login-zsh", "login-fish", "tcsh", "csh", "mksh", "ksh93", "yash", "posh", "login-busybox-sh"}
)

var lookup struct {
	once  sync.Once
	paths map[string]string // program → absolute path, "" if missing
}

// resolve fills in Path, looking every program up once per process.
func resolve(sh Shell) Shell {
	lookup.once.Do(func() {
		lookup.paths = map[string]string{}
		for _, c := range configs {
			if _, done := lookup.paths[c.program]; done {
				continue
			}
			p, err := exec.LookPath(c.program)
			if err != nil {
				p = ""
			}
			if p != "" && c.program == "busybox" {
				// A busybox built without ash has no shell to offer.
				if exec.Command(p, "ash", "-c", ":").Run() != nil {
					p = ""
				}
			}
			lookup.paths[c.program] = p
		}
	})
	sh.Path = lookup.paths[sh.program]
	sh.Args = slices.Clone(sh.Args)
	return sh
}

func named(t testing.TB, names []string) []Shell {
	t.Helper()
	if skipShort(t) {
		return nil
	}
	out := make([]Shell, 0, len(names))
	for _, n := range names {
		i := slices.IndexFunc(configs, func(c Shell) bool { return c.Name == n })
		if i < 0 {
			t.Fatalf("shelltest: unknown shell configuration %q", n)
		}
		out = append(out, resolve(configs[i]))
	}
	return out
}

// The functions below that return shells skip the test under go test
// -short, as [Shell.Run] does.

// POSIXShells returns the POSIX dialect's matrix: bash (default, --posix,
// -O extglob, -O failglob), dash, zsh (-f, extendedglob, magicequalsubst,
// emulate sh), mksh, ksh93, yash, posh and busybox ash. Shells that are not
// installed are included; see [Shell].
func POSIXShells(t testing.TB) []Shell {
	t.Helper()
	return named(t, posixNames)
}

// BashShells returns the Bash dialect's matrix: bash and ksh93. (Interactive
// bash, for control characters, is [Interactive].)
func BashShells(t testing.TB) []Shell {
	t.Helper()
	return named(t, bashNames)
}

// MultibyteShells returns the shells that check POSIX output in the
// multi-byte locales ([MultibyteLocales]): bash, ksh93, zsh, mksh and yash.
// The Bash dialect's multi-byte matrix is [BashShells].
func MultibyteShells(t testing.TB) []Shell {
	t.Helper()
	return named(t, multibyteNames)
}

// LoginShells returns the login-shell matrix of the Login dialect: dash,
// bash, zsh, fish, tcsh, csh (bsd-csh), mksh, ksh93, yash, posh and
// busybox sh, each run as `PATH -c SCRIPT` with no other option, as sshd
// runs a user's login shell for a command. The printer is a command there
// too, so csh and tcsh call it like every other shell. Shells that are not
// installed are included; see [Shell].
func LoginShells(t testing.TB) []Shell {
	t.Helper()
	return named(t, loginNames)
}

// FishShell returns fish 3 run with --no-config. Unlike the matrix
// functions it calls [Missing] at once if fish is not installed.
func FishShell(t testing.TB) Shell {
	t.Helper()
	return ShellNamed(t, "fish")
}

// ShellNamed returns the configuration with the given [Shell.Name]. It fails
// t for an unknown name and calls [Missing] if the program is not installed.
func ShellNamed(t testing.TB, name string) Shell {
	t.Helper()
	sh := named(t, []string{name})[0]
	sh.require(t)
	return sh
}

// ShellsNamed returns the named configurations, in the order given. It fails
// t for an unknown name; shells that are not installed are included, as in
// [POSIXShells].
func ShellsNamed(t testing.TB, names ...string) []Shell {
	t.Helper()
	return named(t, names)
}

// AllShells returns every configuration the harness knows: the POSIX matrix
// and fish.
func AllShells(t testing.TB) []Shell {
	t.Helper()
	return named(t, append(slices.Clone(posixNames), "fish"))
}
