package validate

import "strings"

// refSpecials are refused by git because they are revision syntax
// (~ ^ : and @{), glob characters (? * [) or an escape (\).
const refSpecials = `~^:?*[\`

// refChars is printable ASCII without space and refSpecials.
var refChars = func() *asciiSet {
	s := makeSet("!-~")
	for i := 0; i < len(refSpecials); i++ {
		s[refSpecials[i]] = false
	}
	return s
}()

// GitRef accepts a name that `git check-ref-format --allow-onelevel` accepts
// (https://git-scm.com/docs/git-check-ref-format), so both main and
// refs/heads/main pass: no path component beginning with '.' or ending in
// .lock; no ".." anywhere; no control character, space, or any of
// ~ ^ : ? * [ \; no leading or trailing '/' and no "//"; not ending in '.';
// no "@{"; and not the single name "@".
//
// It differs from git on purpose in two ways: it refuses a leading '-',
// so that a ref cannot be read as an option (git's own command line would
// take it as one), and it accepts ASCII only, where git accepts any byte
// from 0x80 up (invalid UTF-8 included), so that look-alike and invisible
// characters cannot pass. Even so, pass a ref to git after
// --end-of-options: `--` would switch git to pathspecs.
func GitRef(s string) error { return report("git-ref", s, gitRef(s)) }

// GitBranch accepts a branch name that `git check-ref-format --branch`
// accepts (https://git-scm.com/docs/git-check-ref-format): the GitRef rule
// applied to the name under refs/heads/, refusing a leading '-' and the
// name HEAD as git does.
//
// It differs from git 2.39 on purpose: it refuses the name "@" (git takes
// "@" as a shorthand for HEAD elsewhere, yet accepts it as a branch name
// here), and it accepts ASCII only, as GitRef does.
func GitBranch(s string) error {
	if s == "HEAD" {
		return report("git-branch", s, whole("HEAD is not a branch name"))
	}
	return report("git-branch", s, gitRef(s))
}

func gitRef(s string) fault {
	if s == "" {
		return emptyFault
	}
	if s[0] == '-' {
		return at(0, "leading '-' would be read as an option")
	}
	if s == "@" {
		return at(0, "the single name @ is reserved")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !refChars.has(c) {
			if strings.IndexByte(refSpecials, c) >= 0 {
				return at(i, "character from ~ ^ : ? * [ \\ not allowed")
			}
			return at(i, describe(s, i, ""))
		}
		switch {
		case c == '.' && i > 0 && s[i-1] == '.':
			return at(i-1, "two adjacent periods")
		case c == '{' && i > 0 && s[i-1] == '@':
			return at(i-1, "at-brace sequence not allowed")
		}
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
		case comp[0] == '.':
			return at(start, "path component begins with a period")
		case strings.HasSuffix(comp, ".lock"):
			return at(end-len(".lock"), "path component ends with the lock suffix")
		}
		start = end + 1
	}
	if s[len(s)-1] == '.' {
		return at(len(s)-1, "ends with a period")
	}
	return okFault
}
