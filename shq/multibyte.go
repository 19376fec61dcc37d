package shq

// The multi-byte rule. A shell that decodes characters while it scans can
// take a byte the quoter wrote as syntax (a quote, a backslash, a space) into
// the multi-byte character before it, and then that byte no longer ends the
// quoted text or escapes the next one. bash marks a byte as syntax only when
// the bytes pending since the last character boundary, together with it, are
// neither an incomplete nor a complete character (glibc mbrlen). Measured in
// the fourteen ASCII-compatible multi-byte charmaps glibc ships (GBK, Big5,
// Big5-HKSCS, Shift_JIS, Shift_JISX0213, GB18030, GB2312, EUC-TW, EUC-JP,
// EUC-JP-MS, EUC-JISX0213, EUC-KR, CP949, JOHAB), in bash, ksh93, zsh, mksh
// and yash, only two things take a syntax byte in:
//
//   - a lead byte (some byte ≥ 0x80) before 0x5C, the backslash, in the
//     charmaps where 0x5C is a trail byte: GBK, GB18030, Big5, Big5-HKSCS,
//     Shift_JIS, Shift_JISX0213 and JOHAB (bash and ksh93 alike);
//   - the first two bytes of a four-byte character, [81-FE][30-39] in
//     GB18030 and 8E [A1-B0] in EUC-TW, before any byte at all: glibc calls
//     them incomplete whatever comes third, so bash reads the quote that
//     follows as part of a character (bash only).
//
// So every writer keeps two rules: no escaping backslash right after a byte
// ≥ 0x80, and no syntax byte of any kind right after a hazard pair, the end
// of a word included, since whatever the caller writes next (the space
// between words, a semicolon) would be taken in. Checking the last two bytes
// is enough whatever the alignment of the characters before them: a real
// hazard is always one of these two patterns, and a pattern that is not a
// hazard in the actual decoding only costs a few bytes of output.

// hazardPair reports whether a, b are the first two bytes of a GB18030 or
// EUC-TW four-byte character, after which bash takes any byte into the
// character.
func hazardPair(a, b byte) bool {
	return a >= 0x81 && a != 0xff && b-'0' <= 9 || a == 0x8e && b-0xa1 <= 0xb0-0xa1
}

// hazardTail returns how many bytes at the end of s (0, 1 or 2) a writer
// must move out of the way so that what is left before its next syntax byte
// does not end in a hazard pair. The bytes to move are a digit, a byte
// A1-B0, or such a byte and then a digit (8E A1 30 is a hazard twice over).
func hazardTail(s string) int {
	// Only a pair whose first byte is ≥ 0x81 is a hazard: the test that
	// keeps ASCII off the slow path is small enough to be inlined.
	if len(s) < 2 || s[len(s)-2] < 0x81 {
		return 0
	}
	return pairTail(s)
}

// pairTail is hazardTail for an s of two bytes or more.
func pairTail(s string) int {
	n := len(s)
	switch {
	case !hazardPair(s[n-2], s[n-1]):
		return 0
	case n >= 3 && hazardPair(s[n-3], s[n-2]):
		return 2
	}
	return 1
}

// tailExtra returns how many bytes the tail of the run writes beyond its
// own: two for each byte that needs double quotes.
func tailExtra(run string) int {
	t := hazardTail(run)
	if t == 0 {
		return 0
	}
	n := 0
	for _, c := range []byte(run[len(run)-t:]) {
		if c-'0' > 9 {
			n += 2
		}
	}
	return n
}

// appendTail writes the tail that hazardTail moved out of a quoted run,
// after its closing quote: a digit as it is (digits mean nothing
// unquoted), a byte A1-B0 in double quotes.
func appendTail(dst []byte, tail string) []byte {
	for _, c := range []byte(tail) {
		if c-'0' <= 9 {
			dst = append(dst, c)
		} else {
			dst = append(dst, '"', c, '"')
		}
	}
	return dst
}
