package shelltest

// HazardPair reports whether a, b are the first two bytes of a GB18030
// ([81-FE][30-39]) or EUC-TW (8E [A1-B0]) four-byte character: glibc calls
// them incomplete whatever the third byte is, so bash takes any byte that
// follows, a quote or a space as well, into the character.
func HazardPair(a, b byte) bool {
	return 0x81 <= a && a <= 0xfe && '0' <= b && b <= '9' || a == 0x8e && 0xa1 <= b && b <= 0xb0
}

// Syntax families for [RuleBreak].
const (
	// SyntaxSh is the syntax of sh and bash: '…', "…", $'…' and backslash
	// escapes outside single quotes.
	SyntaxSh = iota
	// SyntaxFish is fish's: '…' with \\ and \' inside, and backslash
	// escapes outside.
	SyntaxFish
)

// RuleBreak returns the offset of the first byte of syntax in the quoted
// word q that breaks the multi-byte rule, or -1 if none does: an escaping
// backslash right after a byte ≥ 0x80 (a lead byte and 0x5C are one
// character in GBK, Big5 and Shift_JIS), or any quote or backslash right
// after a [HazardPair]. The end of the word counts as syntax, at offset
// len(q): the caller's next byte would be taken in. Bytes inside quotes are
// the value's own and never count. q must be a well-formed word of the
// family; the scan stops at anything else.
func RuleBreak(q string, family int) int {
	const (
		plain = iota
		single
		double
		ansic
	)
	state := plain
	// syntax reports whether a byte of syntax at i breaks the rule;
	// escape says whether it is an escaping backslash.
	syntax := func(i int, escape bool) bool {
		return escape && i > 0 && q[i-1] >= 0x80 || i >= 2 && HazardPair(q[i-2], q[i-1])
	}
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch state {
		case plain:
			switch {
			case c == '\\':
				if syntax(i, true) {
					return i
				}
				i++
			case c == '$' && family == SyntaxSh && i+1 < len(q) && q[i+1] == '\'':
				if syntax(i, false) {
					return i
				}
				state = ansic
				i++
			case c == '\'' || c == '"' && family == SyntaxSh:
				if syntax(i, false) {
					return i
				}
				state = single
				if c == '"' {
					state = double
				}
			}
		case single:
			switch {
			case c == '\'':
				if syntax(i, false) {
					return i
				}
				state = plain
			case c == '\\' && family == SyntaxFish && i+1 < len(q) && (q[i+1] == '\\' || q[i+1] == '\''):
				if syntax(i, true) {
					return i
				}
				i++
			}
		case double, ansic:
			switch {
			case c == '\\':
				if syntax(i, true) {
					return i
				}
				i++
			case c == '"' && state == double, c == '\'' && state == ansic:
				if syntax(i, false) {
					return i
				}
				state = plain
			}
		}
	}
	if syntax(len(q), false) {
		return len(q)
	}
	return -1
}
