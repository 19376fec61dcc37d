package validate

import (
	"net/netip"
	"strings"
)

var hostChars = makeSet("A-Za-z0-9.-")

// Hostname accepts a DNS host name as RFC 1123 §2.1 and RFC 1035 §2.3.4
// define it (https://www.rfc-editor.org/rfc/rfc1123#section-2.1,
// https://www.rfc-editor.org/rfc/rfc1035#section-2.3.4): dot-separated
// labels of 1 to 63 bytes of A-Z a-z 0-9 '-', each beginning and ending
// with a letter or digit; at most 253 bytes in all; and a last label that
// is not all digits, so that an IPv4 address is not taken for a name (use
// IP for addresses). It is ASCII only: write an internationalised name as
// its xn-- A-labels. A trailing dot (the DNS root) is refused.
//
// It deliberately does not use golang.org/x/net/idna: idna.Lookup silently
// strips U+200B and turns "xn--.com" into ".com". It never admits a
// leading '-'.
func Hostname(s string) error { return report("hostname", s, hostname(s)) }

func hostname(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := hostChars.scan(s, "character outside A-Z a-z 0-9 . -"); !f.ok() {
		return f
	}
	if f := lengthFault(len(s), 1, 253); !f.ok() {
		return f
	}
	start := 0
	for {
		end := strings.IndexByte(s[start:], '.')
		last := end < 0
		if last {
			end = len(s)
		} else {
			end += start
		}
		label := s[start:end]
		switch {
		case label == "" && start == len(s):
			return at(start-1, "trailing dot")
		case label == "":
			return at(start, "empty label")
		case len(label) > 63:
			return at(start, "label longer than 63")
		case label[0] == '-':
			return at(start, "label must begin with a letter or digit")
		case label[len(label)-1] == '-':
			return at(end-1, "label must end with a letter or digit")
		}
		if last {
			if allDigits(label) {
				return at(start, "last label is all digits")
			}
			return okFault
		}
		start = end + 1
	}
}

var ipChars = makeSet("0-9a-fA-F.:")

// IP accepts an IPv4 address in dotted decimal or an IPv6 address, as
// net/netip.ParseAddr reads them (https://pkg.go.dev/net/netip#ParseAddr):
// no leading zeros in IPv4 octets, no short forms such as 127.1. Unlike
// ParseAddr it refuses an IPv6 zone (fe80::1%eth0), because ParseAddr
// accepts any zone text, "fe80::1% -oProxyCommand=x" included. An
// IPv4-mapped IPv6 address (::ffff:192.0.2.1) is a valid address and
// passes. It never admits a leading '-'.
func IP(s string) error { return report("ip", s, ip(s)) }

func ip(s string) fault {
	if s == "" {
		return emptyFault
	}
	if i := strings.IndexByte(s, '%'); i >= 0 {
		return at(i, "zone not allowed")
	}
	if f := ipChars.scan(s, "character outside 0-9 a-f A-F . :"); !f.ok() {
		return f
	}
	// ParseAddr's error quotes the input, so only its verdict is used.
	if _, err := netip.ParseAddr(s); err != nil {
		return whole("not an IPv4 or IPv6 address")
	}
	return okFault
}

// Port accepts a TCP or UDP port number from 1 to 65535 written as
// [1-9][0-9]{0,4}: no sign, no leading zero, no whitespace. strconv.Atoi
// would accept "+80" and "080", and port 0 asks the system to pick one.
// See https://www.rfc-editor.org/rfc/rfc6335#section-6. It never admits a
// leading '-'.
func Port(s string) error { return report("port", s, port(s)) }

func port(s string) fault {
	if s == "" {
		return emptyFault
	}
	if f := digits.scan(s, "character outside 0-9"); !f.ok() {
		return f
	}
	if s[0] == '0' {
		return at(0, "leading zero")
	}
	if len(s) > 5 {
		return whole("want 1 to 65535")
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	if n > 65535 {
		return whole("want 1 to 65535")
	}
	return okFault
}
