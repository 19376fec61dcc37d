package shtemplate

import (
	"errors"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// ssh [options] [--] destination [options] [--] word...: ssh joins the
// words after the destination with spaces, and the remote user's login
// shell, which may be dash, bash, zsh, fish, tcsh or csh, parses that line.
// So the line is parsed again, in a grammar all those shells read alike
// (remoteGrammar), and each value in it is written with shq.Login, then for
// the word of the local script it is in.

// The kinds of the remote command of ssh: above all others (outer writes
// every kind from kLoginWord up with shq.Login), with room below for more.
const (
	kLoginWord   kind = 0x40 + iota // a word of the remote command of ssh (shq.Login)
	kLoginSingle                    // inside the author's '…' in the remote command of ssh
)

// loginKind is the kind of the remote command of ssh for a word kind.
func loginKind(k kind) kind {
	switch k {
	case kWord:
		return kLoginWord
	case kSingle:
		return kLoginSingle
	}
	return k
}

// kindHere is k, or its Login kind in the remote command of ssh.
func (c *classifier) kindHere(k kind) kind {
	if c.login {
		return loginKind(k)
	}
	return k
}

// sshArgLetters are the options of OpenSSH's ssh that take an argument
// (ssh.c, the getopt string of main).
const sshArgLetters = "BbcDEeFIiJLlmOoPpQRSWw"

// sshOption reports, for an option word s of ssh (s starts with '-'),
// whether the next word is the argument of its last letter, and that
// letter.
func sshOption(s string) (next bool, letter byte) {
	for j := 1; j < len(s); j++ {
		if strings.IndexByte(sshArgLetters, s[j]) >= 0 {
			return j == len(s)-1, s[j]
		}
	}
	return false, 0
}

// ssh classifies the arguments of ssh. Like OpenSSH, it reads options
// before the destination and again after it, up to the first other word,
// unless a "--" came before the destination.
func (c *classifier) ssh(src string, ws []*syntax.Word, outer []layer, depth int) {
	dest, ended, lost := -1, false, false
	i := 0
loop:
	for i < len(ws) {
		s, ok := literal(ws[i])
		if !ok && dest >= 0 {
			break // the remote command, which remote refuses
		}
		if mayMakeWords(ws[i]) || !ok && strings.HasPrefix(s, "-") {
			// $OPTS may be no word, an option or several; -l"$U" is
			// an option whose letters are unknown: the destination,
			// and so the remote command, cannot be found.
			c.refuseWords(src, ws[i:], "argument of ssh after "+unknownWord)
			lost = true
			break
		}
		if !ok {
			dest = i // "$host": one word, taken for the destination
			i++
			continue
		}
		if !ended && s == "--" {
			ended = true
			i++
			if dest >= 0 {
				break
			}
			continue
		}
		if !ended && len(s) > 1 && s[0] == '-' {
			c.refuseNode(src, ws[i], "option of ssh")
			next, letter := sshOption(s)
			i++
			if next && i < len(ws) {
				switch letter {
				case 'o':
					c.refuseNode(src, ws[i], "argument of ssh -o (a configuration line: ProxyCommand and LocalCommand run commands)")
				case 'J':
					c.refuseNode(src, ws[i], "argument of ssh -J (ssh runs a command line built from it)")
				case 'I':
					c.refuseNode(src, ws[i], "argument of ssh -I (a PKCS#11 library: ssh loads it and runs its code)")
				case 'F', 'E', 'S', 'i':
					// A file that ssh reads its configuration or key
					// from, or writes its log or control socket to.
					c.word(src, ws[i], role{name: "argument of ssh -" + string(letter), validator: true, assign: true}, outer)
				default:
					c.word(src, ws[i], argRole, outer)
				}
				if mayMakeWords(ws[i]) {
					// -p $PORT: an empty or split $PORT moves the
					// destination and the remote command.
					c.refuseWords(src, ws[i+1:], "argument of ssh after "+unknownWord)
					lost = true
					break loop
				}
				i++
			}
			continue
		}
		if dest >= 0 {
			break // the remote command
		}
		dest = i
		i++
	}
	if dest < 0 {
		return
	}
	w := ws[dest]
	dec, lit := decode(w)
	switch occ, _ := markersIn(dec); {
	case len(occ) == 0:
	case !lit:
		c.refuseNode(src, w, "destination of ssh with an expansion in it")
	case len(occ) > 1:
		c.refuseNode(src, w, "destination of ssh with more than one action")
	default:
		c.word(src, w, role{name: "destination of ssh", option: true, dest: true}, outer)
	}
	if lost {
		return // the words after the destination are refused already
	}
	c.remote(src, ws[i:], outer, depth)
}

// unknownWord names a word of the local script whose number of words, or
// whose being an option, is not known before it runs.
const unknownWord = "a word that may be no word, several or an option ($x unquoted, a glob, \"$@\", -l\"$u\")"

// mayMakeWords reports whether the local shell may make w into no word or
// into several: an expansion outside double quotes (field splitting, an
// empty value), "$@" and "${a[@]}" (any number of words), or a glob
// character outside quotes (pathname expansion).
func mayMakeWords(w *syntax.Word) bool {
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			for i := 0; i < len(x.Value); i++ {
				switch x.Value[i] {
				case '\\':
					i++
				case '*', '?', '[':
					return true
				}
			}
		case *syntax.SglQuoted:
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				if pe, ok := q.(*syntax.ParamExp); ok && (pe.Param == nil || pe.Param.Value == "@" || pe.Index != nil || pe.Names != 0 || pe.Excl) {
					return true
				}
			}
		default:
			return true
		}
	}
	return false
}

// remote classifies the remote command of ssh: the words ws, joined with
// spaces, are the line the remote login shell parses.
func (c *classifier) remote(src string, ws []*syntax.Word, outer []layer, depth int) {
	const what = "remote command of ssh"
	decs := make([]string, len(ws))
	lit, any := true, false
	for i, w := range ws {
		d, ok := decode(w)
		decs[i], lit = d, lit && ok
		if occ, _ := markersIn(d); len(occ) > 0 {
			any = true
		}
	}
	switch {
	case !any:
		return
	case !lit:
		c.refuseWords(src, ws, what+" with an expansion in it")
		return
	case depth+1 > maxDepth:
		c.refuseWords(src, ws, "script nested too deep")
		return
	}
	emb := map[int]layer{}
	for _, w := range ws {
		c.embeddings(src, w, what, emb)
	}
	line := strings.Join(decs, " ")
	occ, _ := markersIn(line)
	f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX), syntax.KeepComments(true)).Parse(strings.NewReader(line), "")
	reason := ""
	if err == nil {
		reason = remoteGrammar(line, f)
	}
	if err != nil || reason != "" {
		for _, o := range occ {
			if err != nil {
				c.set(o, &result{refused: what, err: ErrSyntax, reason: "the remote command does not parse"})
			} else {
				c.set(o, &result{refused: what, reason: reason})
			}
		}
		return
	}
	inner := &classifier{a: c.a, v: c.v, ctx: make([]*result, len(c.ctx)), login: true}
	for i, at := 0, 0; i < len(decs); i++ {
		inner.words = append(inner.words, span{at, at + len(decs[i])})
		at += len(decs[i]) + 1
	}
	inner.file(line, f, nil, depth+1)
	words := wordsOf(line, f)
	for _, o := range occ {
		e, ok := emb[o]
		r := inner.ctx[o]
		switch {
		case !ok:
			// refused by checkBefore already
		case r == nil:
			c.set(o, &result{refused: "unknown context in the " + what})
		case r.refused != "":
			name := r.refused
			if !strings.Contains(name, " in the "+what) {
				name += " in the " + what
			}
			c.set(o, &result{refused: name, err: r.err, reason: r.reason})
		case words[o].actions > 0 && words[o].share() < 1:
			c.set(o, &result{refused: what, err: shq.ErrLoginLength, reason: "the text of the action's word is longer than csh reads"})
		default:
			ls := append(append(append([]layer{}, r.layers...), e), outer...)
			// The layer of the word of this remote line: the outermost
			// of the login shell's (an ssh in it has its own inside).
			for i := len(r.layers) - 1; i >= 0; i-- {
				if ls[i].kind >= kLoginWord {
					ls[i].word = words[o]
					break
				}
			}
			c.set(o, &result{layers: ls})
		}
	}
}

// remoteGrammar returns why the remote command of ssh f is not one that
// every login shell reads alike, or "" if it is: simple commands of plain
// words, joined by ;, && and |. A plain word is made of the bytes that
// need no quoting for any login shell (letters, digits and _-./:@+,, with
// = and % too after a byte of the template's text) and of single-quoted
// text of printable ASCII but ! (csh's history expansion there) and a \
// before another, an action or the closing quote (fish reads \\ and \' as
// escapes there).
// Refused: double quotes (csh, fish and the POSIX shells each read them
// their own way), expansions, redirections, assignments, comments, ||, &
// and compound commands.
func remoteGrammar(line string, f *syntax.File) string {
	if len(f.Last) > 0 {
		return "a comment (the remote login shell is unknown)"
	}
	if reason := remoteBytes(line); reason != "" {
		return reason
	}
	for _, s := range f.Stmts {
		if r := remoteStmt(s); r != "" {
			return r + " (the remote login shell is unknown)"
		}
	}
	return ""
}

// remoteBytes refuses a remote line with a byte other than printable
// ASCII: a newline ends a command (and csh refuses one inside quotes), and
// a control or multi-byte character in the author's text is read
// differently by some login shell or locale.
func remoteBytes(line string) string {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < 0x20 || c > 0x7e {
			return "a byte other than printable ASCII, such as a newline (the remote login shell is unknown)"
		}
	}
	return ""
}

func remoteStmt(s *syntax.Stmt) string {
	switch {
	case len(s.Comments) > 0:
		return "a comment"
	case len(s.Redirs) > 0:
		return "a redirection"
	case s.Negated || s.Background || s.Coprocess:
		return "! or &"
	}
	switch x := s.Cmd.(type) {
	case *syntax.CallExpr:
		if len(x.Assigns) > 0 {
			return "an assignment"
		}
		for _, w := range x.Args {
			if r := remoteWord(w); r != "" {
				return r
			}
		}
		return ""
	case *syntax.BinaryCmd:
		if x.Op != syntax.Pipe && x.Op != syntax.AndStmt {
			return "an operator other than ;, && and | (csh reads a || b && c otherwise)"
		}
		if r := remoteStmt(x.X); r != "" {
			return r
		}
		return remoteStmt(x.Y)
	}
	return "a compound command"
}

// remoteSafe are the bytes of a word of the remote command that need no
// quoting for any login shell (shq.Login's safe set).
var remoteSafe = func() (t [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@+,") {
		t[c] = true
	}
	return t
}()

func remoteWord(w *syntax.Word) string {
	// text is set once the word has a byte of the author's own before
	// the current one: zsh and tcsh read = at the start of the word's
	// value, so ''=ls and {{.x}}=ls with an empty value are =ls to them
	// (zsh's path of ls, tcsh's directory stack), not a = after a byte.
	text := false
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			for i := 0; i < len(x.Value); i++ {
				if _, ok := markerAt(x.Value, i); ok {
					i += markerLen - 1
					continue
				}
				b := x.Value[i]
				if !remoteSafe[b] && !((b == '=' || b == '%') && text) {
					return "a byte that some login shell reads as syntax, unquoted (= and % only after a byte of the template's text in the word)"
				}
				text = true
			}
		case *syntax.SglQuoted:
			if x.Dollar {
				return "$'…'"
			}
			for i := 0; i < len(x.Value); i++ {
				b := x.Value[i]
				if b == '\\' && (i+1 == len(x.Value) || x.Value[i+1] == '\\' || strings.HasPrefix(x.Value[i+1:], markerPrefix)) {
					return "\\ before \\, an action or the closing quote inside single quotes (fish reads \\\\ and \\' as escapes there)"
				}
				if b < 0x20 || b > 0x7e || b == '!' {
					return "a byte other than printable ASCII, or !, inside single quotes (csh expands ! there)"
				}
			}
			if stripMarkers(x.Value) != "" {
				text = true
			}
		case *syntax.DblQuoted:
			return "double quotes (login shells read them differently: use single quotes)"
		default:
			return "an expansion"
		}
	}
	return ""
}

// stripMarkers returns s without the action markers in it.
func stripMarkers(s string) string {
	_, offs := markersIn(s)
	if len(offs) == 0 {
		return s
	}
	var b strings.Builder
	at := 0
	for _, o := range offs {
		b.WriteString(s[at:o])
		at = o + markerLen
	}
	b.WriteString(s[at:])
	return b.String()
}

// loginRunners are the words after which some login shell runs a command
// given in the next words: fish's and, or, not, begin, command, builtin,
// exec, eval, source, function; csh's and tcsh's repeat, sched, onintr,
// nice, nohup, time, exec, hup, @ (an expression); zsh's noglob, nocorrect,
// repeat, and the keywords of each.
var loginRunners = set("and", "or", "not", "begin", "end", "function", "functions", "command", "builtin",
	"exec", "eval", "source", ".", "time", "if", "else", "while", "for", "foreach", "switch", "case",
	"emit", "alias", "abbr", "bind", "bindkey", "complete", "trap", "repeat", "sched", "onintr",
	"nice", "nohup", "hup", "@", "noglob", "nocorrect", "-", "coproc")

// loginNamers are the words whose arguments are variable names to some
// login shell: fish's set and read, csh's and tcsh's set, setenv,
// unset and unsetenv (ssh host 'set {{.x}} /opt/bin; ls' with PATH sets
// fish's PATH and runs another ls).
var loginNamers = set("set", "setenv", "unset", "unsetenv", "read", "vared", "unalias")

// contextChecks are the checks a context adds to those the action names:
// the destination of ssh must pass validate.SSHDestination, with the
// literal text of its word around the value, and a file operand of scp
// must have no colon.
func contextChecks(in layer) []func(string) error {
	if strings.Contains(in.name, scpOperand) {
		return []func(string) error{func(s string) error {
			if strings.IndexByte(s, ':') >= 0 {
				return fmt.Errorf("%w: a colon makes scp read the operand as a remote path", validate.ErrInvalid)
			}
			return nil
		}}
	}
	if !in.sshDest {
		return nil
	}
	before, after := in.before, in.after
	return []func(string) error{func(s string) error { return validate.SSHDestination(before + s + after) }}
}

// login writes s for a layer of the remote command of ssh: as a Login word
// (kLoginWord), or closing and reopening the author's single quotes around
// it (kLoginSingle; plain ASCII that needs no quoting there is written as
// it is). A newline, and a word whose quoting is longer than csh reads,
// are refused: the quoting alone, or with the text and the other actions
// of its word of the remote line (ly.word).
func (a *action) login(s string, ly *layer) (string, error) {
	w, err := a.loginWord(s, ly.kind)
	if err == nil && ly.word.actions > 0 && len(w) > ly.word.share() {
		return "", a.errorf(shq.ErrLoginLength, wordTooLong)
	}
	return w, err
}

// A loginWordLen is a word of the remote line of ssh with actions in it:
// the length of its text (the bytes between unquoted spaces, as the remote
// shell reads them, less the actions) and the number of its actions.
type loginWordLen struct{ text, actions int }

// share is the most bytes each action of w may write: an equal part of
// what its text leaves below shq.LoginMaxWord, which csh counts as the
// bytes stand in the line, quotes and backslashes included.
func (w loginWordLen) share() int { return (shq.LoginMaxWord - w.text) / w.actions }

// wordTooLong is the reason of a value refused for the length of its word
// of the remote command.
const wordTooLong = "with the text and the other actions of its word, the word of the remote command of ssh would be longer than csh reads (each action of a word gets an equal share)"

// loginWord is login without the bound of the word: s written for a layer
// of kind k, refused only by shq.Login.
func (a *action) loginWord(s string, k kind) (string, error) {
	if k == kLoginSingle && loginRawOK(s) {
		return s, nil
	}
	q, err := shq.Login.Quote(s)
	if err != nil {
		for _, e := range []error{shq.ErrNewline, shq.ErrLoginLength, shq.ErrNUL} {
			if errors.Is(err, e) {
				return "", a.errorf(e, "the remote command of ssh is read by a login shell that may be csh or fish")
			}
		}
		return "", a.errorf(err, "")
	}
	if k == kLoginSingle {
		return "'" + q + "'", nil
	}
	return q, nil
}

// remoteWords appends the words of the remote command f to ws: the
// arguments of its simple commands (remoteGrammar lets no other through).
func remoteWords(ws []*syntax.Word, s *syntax.Stmt) []*syntax.Word {
	switch x := s.Cmd.(type) {
	case *syntax.CallExpr:
		return append(ws, x.Args...)
	case *syntax.BinaryCmd:
		return remoteWords(remoteWords(ws, x.X), x.Y)
	}
	return ws
}

// wordsOf returns, for each action occurrence in the remote line, its
// word there. A word whose text or number of actions depends on {{if}},
// {{with}} or {{range}} differs in some rendering, which the analysis
// refuses: its length has no bound.
func wordsOf(line string, f *syntax.File) map[int]loginWordLen {
	m := map[int]loginWordLen{}
	var ws []*syntax.Word
	for _, s := range f.Stmts {
		ws = remoteWords(ws, s)
	}
	for _, w := range ws {
		lo, hi := int(w.Pos().Offset()), int(w.End().Offset())
		if lo < 0 || hi > len(line) || lo > hi {
			continue
		}
		occ, _ := markersIn(line[lo:hi])
		rw := loginWordLen{text: hi - lo - len(occ)*markerLen, actions: len(occ)}
		for _, o := range occ {
			m[o] = rw
		}
	}
	return m
}

// loginRawOK reports whether s may be written as it is inside the author's
// single quotes in the remote command: printable ASCII but ', \ and !.
func loginRawOK(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '\'' || c == '\\' || c == '!' {
			return false
		}
	}
	return true
}

// sameLocalWord reports whether the words a and b of the remote command of
// ssh both come from one word of the local script: ssh host sh -c 'ls
// {{.x}}' gives the remote shell sh -c ls X, whose script is ls alone.
func (c *classifier) sameLocalWord(a, b *syntax.Word) bool {
	if !c.login {
		return false
	}
	x, y := int(a.Pos().Offset()), int(b.Pos().Offset())
	for _, w := range c.words {
		if x >= w.start && x < w.end {
			return y >= w.start && y < w.end
		}
	}
	return false
}
