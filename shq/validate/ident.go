package validate

import "strings"

var (
	envChars      = makeSet("A-Za-z0-9_")
	portableChars = makeSet("A-Za-z0-9._-")
	relPathChars  = makeSet("A-Za-z0-9._/-")
	uuidChars     = makeSet("0-9a-fA-F-")
	semverChars   = makeSet("0-9A-Za-z.+-")
	identChars    = makeSet("0-9A-Za-z-")
)

// EnvName accepts an environment variable name as POSIX defines the
// portable ones (XBD 8.1,
// https://pubs.opengroup.org/onlinepubs/9799919799/basedefs/V1_chap08.html):
// [A-Za-z_][A-Za-z0-9_]*. There is no length limit beyond the argument
// limits. It never admits a leading '-'.
func EnvName(s string) error { return report("env-name", s, envName(s)) }

func envName(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := envChars.scan(s, "character outside A-Z a-z 0-9 _"); !f.ok() {
		return f
	}
	if isDigit(s[0]) {
		return at(0, "must not begin with a digit")
	}
	return okFault
}

// Filename accepts a POSIX portable filename (XBD 3.282 and 3.265,
// https://pubs.opengroup.org/onlinepubs/9799919799/basedefs/V1_chap03.html#tag_03_282):
// 1 to 255 bytes of A-Z a-z 0-9 . _ -, not beginning with '-' and not the
// special names "." or "..". The 255 is NAME_MAX on Linux and the BSDs
// (POSIX only promises 14). It never admits a leading '-'.
func Filename(s string) error { return report("filename", s, filename(s)) }

func filename(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := portableChars.scan(s, "character outside A-Z a-z 0-9 . _ -"); !f.ok() {
		return f
	}
	if s[0] == '-' {
		return at(0, "leading '-' would be read as an option")
	}
	if s == "." || s == ".." {
		return at(0, "dot and dot-dot name directories")
	}
	return lengthFault(len(s), 1, 255)
}

// RelPath accepts a relative path of POSIX portable filenames (see
// Filename) joined by single '/': no leading '/', no empty component (so no
// "//" and no trailing '/'), no component beginning with '-', each
// component at most 255 bytes and the whole at most 4095 (PATH_MAX less
// the terminating NUL). The components "." and ".." are allowed only if,
// read left to right, ".." never climbs above the start: a/../b passes and
// a/../../b does not. It never admits a leading '-'.
//
// It checks the text only: a symbolic link inside the tree can still lead
// out of it.
func RelPath(s string) error { return report("rel-path", s, relPath(s)) }

func relPath(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := relPathChars.scan(s, "character outside A-Z a-z 0-9 . _ - /"); !f.ok() {
		return f
	}
	if f := lengthFault(len(s), 1, 4095); !f.ok() {
		return f
	}
	if s[0] == '/' {
		return at(0, "absolute path")
	}
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '/')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		comp := s[start:end]
		switch {
		case comp == "":
			return at(min(start, len(s)-1), "empty path component")
		case comp == "." || comp == "..":
		default:
			if f := filename(comp); !f.ok() {
				return within(f, start, "component", len(comp))
			}
		}
		start = end + 1
	}
	if i := climbs(s); i >= 0 {
		return at(i, "parent component climbs above the start")
	}
	return okFault
}

// UUID accepts a UUID in the canonical textual form of RFC 9562 §4
// (https://www.rfc-editor.org/rfc/rfc9562#section-4): 8-4-4-4-12 hex
// digits with hyphens, 36 bytes. RFC 9562 has UUIDs written in lowercase
// but read case-insensitively, so uppercase hex passes. Other spellings
// that some parsers take ({…}, urn:uuid:, no hyphens) are refused, and
// the version and variant bits are not checked (the nil and max UUIDs
// pass). It never admits a leading '-'.
func UUID(s string) error { return report("uuid", s, uuid(s)) }

func uuid(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := uuidChars.scan(s, "character outside 0-9 a-f A-F -"); !f.ok() {
		return f
	}
	if f := lengthFault(len(s), 36, 36); !f.ok() {
		return f
	}
	for i := 0; i < len(s); i++ {
		hyphen := i == 8 || i == 13 || i == 18 || i == 23
		if hyphen != (s[i] == '-') {
			if hyphen {
				return at(i, "want a hyphen")
			}
			return at(i, "want a hex digit")
		}
	}
	return okFault
}

// SemVer accepts a Semantic Versioning 2.0.0 version
// (https://semver.org/spec/v2.0.0.html#backusnaur-form-grammar-for-valid-semver-versions):
// MAJOR.MINOR.PATCH, each a decimal number without leading zeros, then an
// optional pre-release (-id.id…, each identifier [0-9A-Za-z-]+, a numeric
// one without leading zeros) and optional build metadata (+id.id…, leading
// zeros allowed). There is no "v" prefix (Go modules add one; semver does
// not). It never admits a leading '-'.
func SemVer(s string) error { return report("semver", s, semver(s)) }

func semver(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := semverChars.scan(s, "character outside 0-9 A-Z a-z . + -"); !f.ok() {
		return f
	}
	i := 0
	for k := range 3 {
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		switch {
		case j == i:
			return atOrWhole(s, i, "want MAJOR.MINOR.PATCH numbers")
		case s[i] == '0' && j-i > 1:
			return at(i, "number with a leading zero")
		}
		i = j
		if k < 2 {
			if i >= len(s) || s[i] != '.' {
				return atOrWhole(s, i, "want MAJOR.MINOR.PATCH numbers")
			}
			i++
		}
	}
	if i < len(s) && s[i] == '-' {
		j := i + 1
		for j < len(s) && s[j] != '+' {
			j++
		}
		if f := identifiers(s[i+1:j], true); !f.ok() {
			return within(f, i+1, "pre-release", j-i-1)
		}
		i = j
	}
	if i < len(s) && s[i] == '+' {
		if f := identifiers(s[i+1:], false); !f.ok() {
			return within(f, i+1, "build metadata", len(s)-i-1)
		}
		i = len(s)
	}
	if i < len(s) {
		return at(i, "want a pre-release or build metadata")
	}
	return okFault
}

// atOrWhole points at s[i] if there is one, and at the whole value when
// the value ended too soon.
func atOrWhole(s string, i int, why string) fault {
	if i < len(s) {
		return at(i, why)
	}
	return whole(why)
}

// identifiers checks dot-separated semver identifiers; in a pre-release a
// numeric identifier has no leading zero.
func identifiers(s string, pre bool) fault {
	if s == "" {
		return emptyFault
	}
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '.')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		id := s[start:end]
		if id == "" {
			return at(min(start, len(s)-1), "empty identifier")
		}
		if f := identChars.scan(id, "character outside 0-9 A-Z a-z -"); !f.ok() {
			return within(f, start, "identifier", len(id))
		}
		if pre && len(id) > 1 && id[0] == '0' && allDigits(id) {
			return at(start, "numeric identifier with a leading zero")
		}
		start = end + 1
	}
	return okFault
}
