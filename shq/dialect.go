package shq

import "strconv"

// A Dialect is a family of shells that read a quoted word the same way.
//
// The zero Dialect is POSIX, the safest choice: its output is portable to
// every POSIX-style shell. Values other than the constants below are invalid,
// and every method that quotes reports them with [ErrDialect] rather than
// falling back to another dialect.
type Dialect int

const (
	// POSIX output is single-quoted text, with ' written as "'". It reads
	// back to the same bytes in sh, dash, bash (also --posix), ksh93, mksh,
	// zsh (also with extendedglob, magicequalsubst or emulate sh), yash, posh
	// and busybox ash, in UTF-8 and in every multi-byte locale (see the
	// package documentation). It carries control bytes literally, which is right for a
	// shell that parses a script or an sh -c string and wrong for a person
	// typing or pasting into an interactive shell: use Bash for that.
	POSIX Dialect = iota

	// Bash output is what bash 5.2 prints for printf %q under C.UTF-8:
	// backslash escapes, or $'…' when the string has a non-printable byte.
	// It never contains a raw control byte, so it is the dialect for text a
	// person will see or paste into an interactive bash. For input with no
	// valid multi-byte UTF-8 sequence it is byte-identical to bash; for other
	// input it may differ, because bash's own output is unsafe in multi-byte
	// locales: it can put an escaping backslash right after a byte ≥ 0x80,
	// which GBK, Big5 and Shift_JIS read as one character, and a quote or
	// backslash right after the start of a GB18030 four-byte character,
	// which bash in GB18030 takes in. Bash output never does. It is read
	// correctly by bash and ksh93; it is not for sh, dash or yash, which
	// lack $'…'.
	Bash

	// Fish output follows fish 3 rules: single quotes with \\ and \' inside,
	// and backslash escapes outside the quotes for control characters and
	// bytes that are not printable UTF-8.
	Fish

	// Login output is for a line that an unknown login shell will parse,
	// as `ssh host LINE` and an SSH session's command are: one encoding that
	// dash, bash, zsh, fish, tcsh, csh, mksh, ksh93, yash, posh and busybox
	// sh all read back as the same bytes when run as `SHELL -c LINE`. See
	// the package documentation, "Remote and nested commands", for what it
	// refuses (newline, words longer than csh reads) and why. Its Join
	// refuses a first word that is a fish keyword (ErrKeyword), as Fish's
	// does, and quotes a first word that is a csh or tcsh builtin or
	// keyword: quoted, those shells run it from PATH instead.
	Login

	numDialects
)

var dialectNames = [numDialects]string{POSIX: "posix", Bash: "bash", Fish: "fish", Login: "login"}

// ParseDialect returns the dialect with the given name: "posix", "bash",
// "fish" or "login", as [Dialect.String] returns them. Any other name is an
// error wrapping [ErrDialect]. It is meant for command-line flags and
// configuration.
func ParseDialect(name string) (Dialect, error) {
	for d, n := range dialectNames {
		if name == n {
			return Dialect(d), nil
		}
	}
	return 0, errUnknownName
}

// String returns the dialect's name as [ParseDialect] accepts it, or
// "Dialect(N)" for a value that is not a dialect.
func (d Dialect) String() string {
	if d.valid() {
		return dialectNames[d]
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

func (d Dialect) valid() bool { return d >= 0 && d < numDialects }

// dialectError describes an invalid Dialect value. It may name the value:
// a Dialect is the program's own setting, not data from outside.
type dialectError struct{ d Dialect }

func (e *dialectError) Error() string { return "shq: " + e.d.String() + " is not a dialect" }
func (e *dialectError) Unwrap() error { return ErrDialect }

type nameError struct{}

func (*nameError) Error() string {
	return "shq: unknown dialect name (want posix, bash, fish or login)"
}
func (*nameError) Unwrap() error { return ErrDialect }

var errUnknownName error = &nameError{}
