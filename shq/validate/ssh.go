package validate

import "strings"

var sshUserChars = makeSet("A-Za-z0-9._-")

// SSHDestination accepts the destination operand of OpenSSH's ssh(1),
// [user@]host, in the one form that ssh takes literally: an optional user
// name of 1 to 32 bytes of A-Z a-z 0-9 . _ - that does not start with '-'
// or '.', then '@', then a host that Hostname accepts or an IPv4 address
// that IP accepts.
//
// It refuses everything ssh parses specially (OpenSSH ssh.c, main, and
// misc.c, parse_ssh_uri; ssh(1), DESTINATION;
// https://man.openbsd.org/ssh#DESTINATION): a leading '-' (an option), an
// ssh:// URI (which carries a port), a ':' (the host:port and [host]:port
// forms of the other tools, and IPv6 literals, which ssh reads but the
// forms around it do not), '[' and ']', a second '@' (ssh splits at the
// last one, so the user part would hold an '@'), and '%' (the token
// character of ssh_config, expanded in Hostname, ProxyCommand and
// LocalCommand). Shell metacharacters and control bytes cannot occur in the
// accepted forms; OpenSSH 9.6 and later refuse them in the host too.
// Pass the port with a trusted -p or -o Port= flag, an IPv6 address with
// -o HostName=…, and the destination after "--", so that no other value
// can be read as an option.
func SSHDestination(s string) error {
	return report("ssh-destination", s, sshDestination(s))
}

func sshDestination(s string) fault {
	if s == "" {
		return emptyFault
	}
	if s[0] == '-' {
		return at(0, "leading - (an option)")
	}
	if strings.HasPrefix(s, "ssh:") {
		return at(0, "ssh:// URI not allowed")
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':', '[', ']':
			return at(i, "port or IPv6 form not allowed")
		case '%':
			return at(i, "ssh_config token character not allowed")
		}
	}
	host, off := s, 0
	if a := strings.IndexByte(s, '@'); a >= 0 {
		user := s[:a]
		switch {
		case user == "":
			return at(0, "empty user name")
		case len(user) > 32:
			return at(32, "user name longer than 32")
		case user[0] == '.':
			return at(0, "user name must not start with .")
		}
		if f := sshUserChars.scan(user, "character outside A-Z a-z 0-9 . _ - in user name"); !f.ok() {
			return f
		}
		host, off = s[a+1:], a+1
		if b := strings.IndexByte(host, '@'); b >= 0 {
			return at(off+b, "second @")
		}
	}
	if host == "" {
		return at(len(s)-1, "empty host")
	}
	if strings.Trim(host, "0123456789.") == "" && ip(host).ok() {
		return okFault // an IPv4 address: ':' is refused above
	}
	f := hostname(host)
	if !f.ok() && f.off >= 0 {
		f.off += off
	}
	return f
}
