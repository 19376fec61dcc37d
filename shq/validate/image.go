package validate

import (
	"net/netip"
	"strings"
)

// ImageRef accepts an OCI image reference as the docker CLI reads an image
// argument: the strings that ParseNormalizedNamed of the Go package
// github.com/distribution/reference accepts, with one deliberate
// difference, below. The grammar:
//
//	reference := name [ ":" tag ] [ "@" digest ]
//	name      := [ domain "/" ] path-component { "/" path-component }
//	domain    := host [ ":" port ]   host: DNS-like labels, or [IPv6]
//	path-component := [a-z0-9]+ ( separator [a-z0-9]+ )*
//	separator := "." | "_" | "__" | "-"+
//	tag       := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
//	digest    := algorithm ":" lowercase hex
//
// as in docker.io/library/ubuntu:24.04, localhost:5000/app or
// ghcr.io/owner/app@sha256:<64 hex digits>. Its limits, each one
// distribution's too:
//
//   - The repository path, the name without its domain, is at most 255
//     bytes as docker normalises it: a one-component name on Docker Hub
//     (ubuntu, docker.io/ubuntu) counts as library/ubuntu. The domain's
//     length is not limited.
//   - A name of exactly 64 lowercase hex digits is refused: docker reads
//     it as an image ID.
//   - The digest algorithm is sha256, sha384 or sha512, with exactly 64,
//     96 or 128 lowercase hex digits.
//   - A bracketed host holds only hex digits and colons: no zone, and no
//     dotted IPv4 tail such as [::ffff:1.2.3.4].
//
// The difference: the bracketed host must also parse as an IPv6 address,
// so ImageRef refuses [::::] and [1::2::3], which distribution's character
// class admits. ImageRef only checks: it fills in no domain or tag. It
// never admits a leading '-'.
func ImageRef(s string) error { return report("image-ref", s, imageRef(s)) }

func imageRef(s string) fault {
	if s == "" {
		return emptyFault
	}
	if len(s) == 64 && allLowerHex(s) {
		return whole("64 hex digits name an image ID, not a repository")
	}
	name := s
	if i := strings.IndexByte(s, '@'); i >= 0 {
		name = s[:i]
		if f := imageDigest(s[i+1:]); !f.ok() {
			return within(f, i+1, "digest", len(s)-i-1)
		}
	}
	if i := strings.LastIndexByte(name, ':'); i >= 0 && i > strings.LastIndexByte(name, '/') {
		if f := imageTag(name[i+1:]); !f.ok() {
			return within(f, i+1, "tag", len(name)-i-1)
		}
		name = name[:i]
	}
	if name == "" {
		return at(0, "empty name")
	}
	path, off := name, 0
	if i := strings.IndexByte(name, '/'); i >= 0 {
		first := name[:i]
		if !pathComponent(first).ok() {
			if f := imageDomain(first); !f.ok() {
				if !strings.ContainsAny(first, ".:[") && !hasUpper(first) {
					f = pathComponent(first)
				}
				return within(f, 0, "domain", len(first))
			}
			path, off = name[i+1:], i+1
		}
	}
	for {
		end := strings.IndexByte(path, '/')
		comp := path
		if end >= 0 {
			comp = path[:end]
		}
		if f := pathComponent(comp); !f.ok() {
			return within(f, off, "path component", len(comp))
		}
		if end < 0 {
			break
		}
		path, off = path[end+1:], off+end+1
	}
	if repositoryPathLen(name) > 255 {
		return whole("repository path longer than 255 bytes")
	}
	return okFault
}

// repositoryPathLen returns the length of the repository path of name (a
// reference without tag or digest) as distribution's ParseNormalizedNamed
// measures it. Its first component is a domain if it is localhost or holds
// '.', ':' or an uppercase letter; if that domain is not well formed the
// whole name is read as the path. Docker Hub names of one component get
// library/ in front.
func repositoryPathLen(name string) int {
	const library = len("library/")
	first, rest, ok := strings.Cut(name, "/")
	switch {
	case !ok:
		return library + len(name)
	case first != "localhost" && !strings.ContainsAny(first, ".:") && !hasUpper(first):
		return len(name) // no domain: docker.io is implied, and name has a '/'
	case !imageDomain(first).ok():
		return len(name)
	case (first == "docker.io" || first == "index.docker.io") && !strings.Contains(rest, "/"):
		return library + len(rest)
	}
	return len(rest)
}

func allLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !lowerHex.has(s[i]) {
			return false
		}
	}
	return true
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// pathComponent checks [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*.
func pathComponent(c string) fault {
	if c == "" {
		return emptyFault
	}
	for i := 0; i < len(c); {
		ch := c[i]
		if lowerNum.has(ch) {
			i++
			continue
		}
		j := i + 1
		switch ch {
		case '.':
		case '_':
			if j < len(c) && c[j] == '_' {
				j++
			}
		case '-':
			for j < len(c) && c[j] == '-' {
				j++
			}
		default:
			return at(i, describe(c, i, "character outside a-z 0-9 . _ -"))
		}
		if i == 0 || j == len(c) || !lowerNum.has(c[j]) {
			return at(i, "separator must stand between letters or digits")
		}
		i = j
	}
	return okFault
}

var (
	domainChars = makeSet("A-Za-z0-9.-")
	ipv6Chars   = makeSet("0-9A-Fa-f:")
)

// imageDomain checks host [":" port], host being DNS-like components
// ([A-Za-z0-9] or [A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]) joined by '.',
// or a bracketed IPv6 address of hex digits and colons only.
func imageDomain(d string) fault {
	host, port := d, ""
	if strings.HasPrefix(d, "[") {
		end := strings.IndexByte(d, ']')
		if end < 0 {
			return at(0, "unclosed IPv6 bracket")
		}
		host = d[:end+1]
		if rest := d[end+1:]; rest != "" {
			if rest[0] != ':' {
				return at(end+1, "want a port after the IPv6 address")
			}
			port = rest[1:]
			if port == "" {
				return at(end+1, "empty port")
			}
		}
		if f := ipv6Chars.scan(host[1:end], "character outside 0-9 A-F a-f :"); !f.ok() {
			return within(f, 1, "IPv6 host", end-1)
		}
		a, err := netip.ParseAddr(host[1:end])
		if err != nil || !a.Is6() {
			return at(1, "not an IPv6 address")
		}
	} else {
		if i := strings.IndexByte(d, ':'); i >= 0 {
			host, port = d[:i], d[i+1:]
			if port == "" {
				return at(i, "empty port")
			}
		}
		if f := domainChars.scan(host, "character outside A-Z a-z 0-9 . -"); !f.ok() {
			return f
		}
		start := 0
		for {
			end := strings.IndexByte(host[start:], '.')
			label := host[start:]
			if end >= 0 {
				label = host[start : start+end]
			}
			if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
				return at(start, "host label must begin and end with a letter or digit")
			}
			if end < 0 {
				break
			}
			start += end + 1
		}
	}
	if port != "" {
		if f := digits.scan(port, "character outside 0-9"); !f.ok() {
			return within(f, len(d)-len(port), "port", len(port))
		}
	}
	return okFault
}

func imageTag(t string) fault {
	if t == "" {
		return emptyFault
	}
	if t[0] == '.' || t[0] == '-' {
		return at(0, "must begin with A-Z a-z 0-9 _")
	}
	if f := tagChars.scan(t, "character outside A-Z a-z 0-9 _ . -"); !f.ok() {
		return f
	}
	return lengthFault(len(t), 1, 128)
}

var (
	tagChars   = makeSet("A-Za-z0-9_.-")
	lowerHex   = makeSet("0-9a-f")
	digestAlgs = [...]struct {
		name string
		hex  int
	}{{"sha256", 64}, {"sha384", 96}, {"sha512", 128}}
)

func imageDigest(d string) fault {
	if d == "" {
		return emptyFault
	}
	alg, hex, ok := strings.Cut(d, ":")
	if !ok {
		return whole("want algorithm:hex")
	}
	for _, a := range digestAlgs {
		if alg != a.name {
			continue
		}
		if f := lowerHex.scan(hex, "character outside 0-9 a-f"); !f.ok() {
			return within(f, len(alg)+1, "hex", len(hex))
		}
		if len(hex) != a.hex {
			return within(lengthFault(len(hex), a.hex, a.hex), len(alg)+1, "hex", len(hex))
		}
		return okFault
	}
	return at(0, "unsupported digest algorithm")
}
