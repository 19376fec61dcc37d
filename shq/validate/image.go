package validate

import (
	"net/netip"
	"strings"
)

// ImageRef accepts an OCI image reference in the grammar of
// github.com/distribution/reference
// (https://github.com/distribution/reference/blob/main/reference.go):
//
//	reference := name [ ":" tag ] [ "@" digest ]
//	name      := [ domain "/" ] path-component { "/" path-component }
//	domain    := host [ ":" port ]   host: DNS labels or [IPv6]
//	path-component := [a-z0-9]+ ( separator [a-z0-9]+ )*
//	separator := "." | "_" | "__" | "-"+
//	tag       := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
//	digest    := algorithm ":" hex
//
// as in docker.io/library/ubuntu:24.04 or
// ghcr.io/owner/app@sha256:<64 hex digits>. Path components are lowercase;
// the name (domain and path) is at most 255 bytes. As distribution's
// reference.Parse does (through go-digest), the digest must use a
// registered algorithm with lowercase hex of its exact length: sha256 (64),
// sha384 (96) or sha512 (128). The bracketed IPv6 host must also parse as
// an address, which the grammar's character class alone does not demand.
// No default domain or tag is filled in. It never admits a leading '-'.
func ImageRef(s string) error { return report("image-ref", s, imageRef(s)) }

func imageRef(s string) fault {
	if s == "" {
		return emptyFault
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
	if len(name) > 255 {
		return at(0, "name longer than 255")
	}
	return okFault
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

var domainChars = makeSet("A-Za-z0-9.-")

// imageDomain checks host [":" port], host being DNS-like components
// ([A-Za-z0-9] or [A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]) joined by '.',
// or a bracketed IPv6 address.
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
		a, err := netip.ParseAddr(host[1:end])
		if err != nil || !a.Is6() || a.Zone() != "" {
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
