package bench

import (
	"strings"

	alessio16 "al.essio.dev/pkg/shellescape"
	alessio "github.com/alessio/shellescape"
	"github.com/google/shlex"
	shellquote "github.com/kballard/go-shellquote"
	"github.com/mattn/go-shellwords"
	"github.com/safeshell/safeshell/shq"
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// A quoter is one library's way to quote a single word. Libraries without
// an error return never fail.
type quoter struct {
	name  string // the sub-benchmark name, lib=name
	quote func(string) (string, error)
	// peer is false for shq itself and for the bench's reference.
	peer bool
}

var quoters = []quoter{
	{"shq", shq.Quote, false},
	{"ref", func(s string) (string, error) { return refQuote(s), nil }, false},
	{"alessio-1.4", func(s string) (string, error) { return alessio.Quote(s), nil }, true},
	{"alessio-1.6", func(s string) (string, error) { return alessio16.Quote(s), nil }, true},
	{"shellquote", func(s string) (string, error) { return shellquote.Join(s), nil }, true},
	{"pyshlex", func(s string) (string, error) { return pyQuote(s), nil }, true},
	{"mvdan-posix", func(s string) (string, error) { return syntax.Quote(s, syntax.LangPOSIX) }, true},
	{"mvdan-bash", func(s string) (string, error) { return syntax.Quote(s, syntax.LangBash) }, true},
}

// loginQuoter is shq's Login dialect, measured against POSIX Quote (the
// goal: within 1.3x of it on every input Login accepts). It is not in
// quoters: its words are checked through the login shells in shq's own
// tests, and it is no peer.
var loginQuoter = quoter{"shq-login", shq.Login.Quote, false}

// A joiner quotes a whole argument list into one command line.
type joiner struct {
	name string
	join func([]string) (string, error)
}

var joiners = []joiner{
	{"shq", func(a []string) (string, error) { return shq.Join(a...) }},
	{"alessio-1.4", func(a []string) (string, error) { return alessio.QuoteCommand(a), nil }},
	{"alessio-1.6", func(a []string) (string, error) { return alessio16.QuoteCommand(a), nil }},
	{"shellquote", func(a []string) (string, error) { return shellquote.Join(a...), nil }},
	{"pyshlex", func(a []string) (string, error) {
		return joinWith(a, func(s string) (string, error) { return pyQuote(s), nil })
	}},
	{"mvdan-posix", func(a []string) (string, error) {
		return joinWith(a, func(s string) (string, error) { return syntax.Quote(s, syntax.LangPOSIX) })
	}},
}

// joinWith is the obvious Join for a library that only quotes one word:
// Python's shlex.join is ' '.join(quote(arg) for arg in args).
func joinWith(args []string, quote func(string) (string, error)) (string, error) {
	q := make([]string, len(args))
	for i, a := range args {
		var err error
		if q[i], err = quote(a); err != nil {
			return "", err
		}
	}
	return strings.Join(q, " "), nil
}

// A splitter splits a command line into words.
type splitter struct {
	name  string
	split func(string) ([]string, error)
}

var splitters = []splitter{
	{"shq", shq.Split},
	{"shellquote", shellquote.Split},
	{"shlex", shlex.Split},
	{"shellwords", shellwords.Parse},
	{"mvdan", mvdanSplit},
}

// mvdanSplitParser is reused, as a program splitting many lines would.
var mvdanSplitParser = syntax.NewParser(syntax.Variant(syntax.LangBash))

// mvdanSplit parses line as one bash simple command and returns its words,
// each of which must be made only of literal text and quotes; expand.Literal
// then removes the quotes. It refuses anything else, like shq.Split.
func mvdanSplit(line string) ([]string, error) {
	f, err := mvdanSplitParser.Parse(strings.NewReader(line), "")
	if err != nil {
		return nil, err
	}
	if len(f.Stmts) != 1 {
		return nil, errNotSimple
	}
	call, ok := f.Stmts[0].Cmd.(*syntax.CallExpr)
	if !ok || len(call.Assigns) > 0 {
		return nil, errNotSimple
	}
	words := make([]string, len(call.Args))
	for i, w := range call.Args {
		if !literalWord(w) {
			return nil, errNotSimple
		}
		if words[i], err = expand.Literal(nil, w); err != nil {
			return nil, err
		}
	}
	return words, nil
}

// literalWord reports whether w is made only of literal text and quotes
// without expansions, so that expanding it does nothing but unquote.
func literalWord(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
		case *syntax.SglQuoted:
			if p.Dollar {
				return false
			}
		case *syntax.DblQuoted:
			if p.Dollar {
				return false
			}
			for _, q := range p.Parts {
				if _, ok := q.(*syntax.Lit); !ok {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

type splitError struct{}

func (splitError) Error() string { return "bench: not a simple command of literal words" }

var errNotSimple error = splitError{}
