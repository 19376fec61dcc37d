package validate

import (
	"regexp"
	"strconv"
	"unicode/utf8"
)

// All returns a check that runs checks in order and returns the first
// error, or nil if every check passes. A nil check is skipped; with no
// checks every value passes.
func All(checks ...func(string) error) func(string) error {
	checks = append([]func(string) error(nil), checks...) // the caller may reuse its slice
	return func(s string) error {
		for _, check := range checks {
			if check == nil {
				continue
			}
			if err := check(s); err != nil {
				return err
			}
		}
		return nil
	}
}

// OneOf returns a check that accepts exactly the given values, compared
// byte for byte (no case folding or trimming). Its errors use the rule name
// "one-of" and never repeat the value or the allowed values. With no values
// it refuses everything.
func OneOf(values ...string) func(string) error {
	values = append([]string(nil), values...)
	why := "not one of the " + strconv.Itoa(len(values)) + " allowed values"
	return func(s string) error {
		for _, v := range values {
			if s == v {
				return nil
			}
		}
		if s == "" {
			return report("one-of", s, emptyFault)
		}
		return report("one-of", s, whole(why))
	}
}

// Pattern returns a check, reported under rule, that accepts a value only
// if the regular expression expr (RE2 syntax, see [regexp/syntax]) matches all
// of it: the expression is always anchored, as ^(?:expr)$, so a pattern
// written without anchors cannot match a mere substring (AWS publishes
// unanchored patterns that accept "my function; rm -rf /").
//
// Invalid UTF-8 and NUL bytes are refused whatever the pattern says, since
// regexp reads a bad byte as U+FFFD and no argument may hold a NUL. Prefer
// ASCII classes ([A-Za-z0-9] rather than \w or \pL), and check lengths over
// 1000 with [MaxLen]: RE2 refuses larger repeat counts.
//
// A bad expression does not panic: the check it returns refuses every value
// with an error that describes the expression's fault (the expression is
// trusted program text, not the value). An empty rule is reported as
// "pattern".
func Pattern(rule, expr string) func(string) error {
	if rule == "" {
		rule = "pattern"
	}
	// Compiling expr alone first proves it is one balanced expression: a
	// fragment such as "a)|(b" would otherwise escape the wrapping group
	// and leave both alternatives unanchored.
	_, err := regexp.Compile(expr)
	var re *regexp.Regexp
	if err == nil {
		re, err = regexp.Compile(`^(?:` + expr + `)$`)
	}
	if err != nil {
		why := "bad pattern: " + err.Error()
		return func(s string) error {
			return report(rule, s, whole(why))
		}
	}
	return func(s string) error {
		for i := 0; i < len(s); {
			c := s[i]
			if c == 0 {
				return report(rule, s, at(i, describe(s, i, "")))
			}
			if c < utf8.RuneSelf {
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				return report(rule, s, at(i, describe(s, i, "")))
			}
			i += n
		}
		if !re.MatchString(s) {
			if s == "" {
				return report(rule, s, emptyFault)
			}
			return report(rule, s, whole("does not match the pattern"))
		}
		return nil
	}
}
