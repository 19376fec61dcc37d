package shq

import (
	"maps"
	"slices"

	"github.com/safeshell/safeshell/shq/validate"
)

// A Template is a command written as one line of trusted text with
// placeholders for untrusted values, such as
//
//	aws s3 ls s3://{bucket}/{prefix} --region {region}
//
// ParseTemplate, MustParseTemplate or UncheckedTemplate reads it once;
// Fill, Argv, Line and LineFor fill it with values. A placeholder is always inside one word: whatever its value, the
// word count and every other word stay as written, and the value never
// becomes syntax. Each value goes through the same refusals as Cmd.Arg
// (empty, blank, NUL byte, too long), then the checks attached with Check.
// The option check applies to the word the value ends up in: a word that
// starts with a placeholder must not start with '-' once filled ({a}{b}
// with a = "-" is refused), unless a trusted "--" word came before it; a
// word that starts with trusted text, such as --region={r}, may be followed
// by any value.
//
// A Template is immutable: Check and Optional return a new one. It is safe
// for concurrent use, and filling it never changes it. The zero Template
// has no words; filling it reports ErrEmpty.
type Template struct {
	words []tword
	// places holds every placeholder's name, with the offset of an
	// occurrence as a whole word (a word whose literal text is blank), or
	// -1 if it is glued to literal text everywhere.
	places   map[string]int
	names    []string // in order of first appearance
	checks   map[string][]func(string) error
	optional map[string]bool
	err      error // from Check or Optional
	// constant records a template from ParseTemplate or
	// MustParseTemplate, whose misuse by Check or Optional panics.
	constant bool
}

// tword is one word of a template: literal text and placeholders.
type tword struct {
	parts []tpart
	lit   string // the word's literal text, all parts together
	holes bool   // the word has a placeholder
}

type tpart struct {
	text string // literal text, when name is ""
	name string // placeholder name
	off  int    // the placeholder's offset in the template
}

// Check returns a copy of t in which the values of the placeholder name
// also go through checks, in order, after the built-in refusals and any
// checks attached before. A nil check is skipped.
//
// If t has no placeholder name, Check panics when t comes from
// [ParseTemplate] or [MustParseTemplate]: a misspelt name in program text
// is a bug, which must not wait for the first request to show. For a
// template from [UncheckedTemplate] the copy records a *[SyntaxError]
// wrapping ErrPlaceholder, which Err returns and every fill reports.
func (t *Template) Check(name string, checks ...func(string) error) *Template {
	u := t.clone()
	if u.err != nil {
		return u
	}
	if _, ok := u.places[name]; !ok {
		u.misuse(unknownName("Check", name))
		return u
	}
	u.checks = maps.Clone(u.checks)
	if u.checks == nil {
		u.checks = make(map[string][]func(string) error)
	}
	u.checks[name] = append(slices.Clip(u.checks[name]), checks...)
	return u
}

// Optional returns a copy of t in which the placeholders names may be
// empty or missing from the values; their checks are then skipped. Only a
// placeholder glued to trusted text in every word it is in may be
// optional, such as prefix in s3://{bucket}/{prefix}: a whole-word
// placeholder (or one whose word has only blank literal text) would become
// an empty argument, which `aws s3 ls ""` shows is never harmless. Such a
// name, or one that is not in t, is misuse handled as Check handles it: a
// panic for a template from ParseTemplate or MustParseTemplate, a recorded
// *SyntaxError wrapping ErrPlaceholder otherwise. A non-empty optional
// value gets every refusal and check.
func (t *Template) Optional(names ...string) *Template {
	u := t.clone()
	for _, name := range names {
		if u.err != nil {
			return u
		}
		whole, ok := u.places[name]
		switch {
		case !ok:
			u.misuse(unknownName("Optional", name))
		case whole >= 0:
			u.misuse(tplFail(whole, ErrPlaceholder, "placeholder {"+name+
				"} is a whole word and cannot be optional"))
		default:
			u.optional = maps.Clone(u.optional)
			if u.optional == nil {
				u.optional = make(map[string]bool)
			}
			u.optional[name] = true
		}
	}
	return u
}

// Names returns the names of the template's placeholders, each once, in
// order of first appearance. A program that reads a template from its
// configuration can compare them with the names it will fill.
func (t *Template) Names() []string { return slices.Clone(t.names) }

// Err returns the misuse that Check or Optional recorded in a template from
// UncheckedTemplate, or nil. Fill and the methods built on it return it
// too; Err lets a program check a template from its configuration once, at
// start-up.
func (t *Template) Err() error { return t.err }

func (t *Template) clone() *Template {
	u := *t
	return &u
}

// misuse records err, a misused name, in u, or panics with it if u's
// template is a constant.
func (u *Template) misuse(err error) {
	if u.constant {
		panic(err)
	}
	u.err = err
}

func unknownName(method, name string) error {
	shown := "a name"
	if placeholderName(name) && len(name) <= 64 {
		shown = "{" + name + "}"
	}
	return tplFail(-1, ErrPlaceholder, method+": "+shown+" is not a placeholder of the template")
}

// Fill returns the command the template makes with values, one per
// placeholder name, as a *Cmd to which more arguments may be added. A
// refusal is recorded in the Cmd, as the builder does, and reported by its
// Argv, Line, LineFor, ExecCommand and Err: a value given for a name that is
// not a placeholder (ErrUnknownPlaceholder), a placeholder without a value
// (ErrMissingValue) unless optional, a refused value (*ArgError naming the
// placeholder and its word's position). Placeholders are filled word by
// word in template order, and the first refusal wins.
func (t *Template) Fill(values map[string]string) *Cmd {
	c := &Cmd{}
	c.argv = c.inline[:0]
	if t.err != nil {
		c.err = t.err
		return c
	}
	if len(t.words) == 0 {
		c.err = &ArgError{Index: 0, Err: ErrEmpty}
		return c
	}
	for k := range values {
		if _, ok := t.places[k]; !ok {
			c.err = &ArgError{Index: -1, Err: ErrUnknownPlaceholder}
			return c
		}
	}
	for i, w := range t.words {
		if !w.holes {
			c.argv = append(c.argv, w.lit)
			if i > 0 && w.lit == "--" {
				c.endOpts = true
			}
			continue
		}
		word, name, err := t.fillWord(w, values, c.endOpts)
		if err != nil {
			c.err = &ArgError{Index: i, Name: "{" + name + "}", Err: err}
			return c
		}
		c.argv = append(c.argv, word)
	}
	return c
}

// fillWord builds one word and returns it, or the placeholder to blame and
// the reason.
func (t *Template) fillWord(w tword, values map[string]string, endOpts bool) (word, name string, err error) {
	n := len(w.lit)
	for _, p := range w.parts {
		if p.name == "" {
			continue
		}
		v, ok := values[p.name]
		opt := t.optional[p.name]
		switch {
		case !ok && !opt:
			return "", p.name, ErrMissingValue
		case v == "" && opt:
			continue
		}
		// The option check is on the whole word, below.
		if err := refusal(v, true); err != nil {
			return "", p.name, err
		}
		n += len(v)
	}
	first := "" // the placeholder that gives the word its first byte
	if len(w.parts) == 1 {
		// A whole-word placeholder: the word is the value.
		word, first = values[w.parts[0].name], w.parts[0].name
	} else {
		buf := make([]byte, 0, n)
		for _, p := range w.parts {
			if p.name == "" {
				buf = append(buf, p.text...)
				continue
			}
			v := values[p.name]
			if len(buf) == 0 && v != "" {
				first = p.name
			}
			buf = append(buf, v...)
		}
		word = unsafeString(buf)
	}
	blame := first
	if blame == "" {
		blame = firstHole(w)
	}
	switch {
	case len(word) > maxArgLen:
		return "", blame, ErrTooLong
	case validate.IsBlank(word):
		// Only when bytes of a value join bytes of the literal text into
		// a blank character; the literal text of a word with an
		// optional placeholder is never blank.
		return "", blame, ErrBlank
	case !endOpts && word[0] == '-' && w.parts[0].name != "":
		// The word starts with a placeholder, so its first byte is the
		// value's, or literal text that an empty value let move up.
		return "", blame, ErrOptionLike
	}
	for _, p := range w.parts {
		if p.name == "" {
			continue
		}
		if v := values[p.name]; v != "" {
			if err := runChecks(v, t.checks[p.name]); err != nil {
				return "", p.name, err
			}
		}
	}
	return word, "", nil
}

func firstHole(w tword) string {
	for _, p := range w.parts {
		if p.name != "" {
			return p.name
		}
	}
	return ""
}

// Argv fills the template (see Fill) and returns the argument vector, for
// os/exec without a shell.
func (t *Template) Argv(values map[string]string) ([]string, error) {
	return t.Fill(values).Argv()
}

// Line fills the template (see Fill) and returns a POSIX shell line in
// which every word is quoted again, whatever quoting the template used.
func (t *Template) Line(values map[string]string) (string, error) {
	return t.Fill(values).Line()
}

// LineFor fills the template (see Fill) and returns a line for a shell of
// dialect d, as Cmd.LineFor does.
func (t *Template) LineFor(d Dialect, values map[string]string) (string, error) {
	return t.Fill(values).LineFor(d)
}
