package shtemplate

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/safeshell/safeshell/shq"
	"github.com/safeshell/safeshell/shq/validate"
)

// A Template is a text/template whose actions are escaped for the shell
// context each one is in. Its methods mirror those of text/template; the
// differences are in the package documentation.
//
// A Template is safe for concurrent Execute calls once parsed. Parse and
// Funcs must not run concurrently with each other or with Execute.
type Template struct {
	text *template.Template
	ns   *nameSpace
}

// nameSpace is what the templates of one set share.
type nameSpace struct {
	mu      sync.Mutex
	set     map[string]*Template
	dialect shq.Dialect
	// executed is set by the first Execute: from then on the trees are
	// rewritten and fixed.
	executed bool
	// escaped holds the names of the templates analysed and rewritten,
	// with their programs (nil for a template a program does not run).
	escaped map[string]*program
	// actions holds the context of every action analysed so far.
	actions map[*parse.ActionNode]*action
	nextID  int
	// claims holds the signature of each tree whose actions are
	// rewritten (see place); copies, the copy of a called template made
	// for a signature, by name and signature.
	claims map[*parse.Tree]string
	copies map[string]string
}

// builtins are the functions every template has.
var builtins = template.FuncMap{"check": checkFunc}

// New allocates a new, undefined template with the given name. Its script
// is read as POSIX sh; see [Template.Dialect] for bash.
func New(name string) *Template {
	ns := &nameSpace{set: map[string]*Template{}, escaped: map[string]*program{},
		actions: map[*parse.ActionNode]*action{}}
	t := &Template{text: template.New(name).Funcs(builtins), ns: ns}
	ns.set[name] = t
	return t
}

// Must is a helper that wraps a call returning (*Template, error) and
// panics if the error is non-nil. It is intended for variable
// initializations such as
//
//	var t = shtemplate.Must(shtemplate.New("name").Parse("echo {{.x}}"))
func Must(t *Template, err error) *Template {
	if err != nil {
		panic(err)
	}
	return t
}

// Name returns the name of the template.
func (t *Template) Name() string { return t.text.Name() }

// Dialect sets the shell language the script is parsed in: shq.POSIX (the
// default) or shq.Bash, which allows bash syntax such as [[ … ]]. It
// applies to every template of the set and must be called before Parse.
// Values are quoted with POSIX quoting in both, which bash reads the same
// way. Any other dialect makes the next Parse fail.
func (t *Template) Dialect(d shq.Dialect) *Template {
	t.ns.mu.Lock()
	t.ns.dialect = d
	t.ns.mu.Unlock()
	return t
}

// Option sets options for the template, as text/template's Option does
// ("missingkey=zero", "missingkey=error"). A missing value is refused when
// the template is executed, whatever the option.
func (t *Template) Option(opt ...string) *Template {
	t.text.Option(opt...)
	return t
}

// Funcs adds the elements of the argument map to the template's function
// map, as text/template's Funcs does. It must be called before Parse for
// the functions to be usable there. A function's result is escaped like
// any other value. The name check is reserved. Funcs panics, as
// text/template's does, if a value in the map is not a function of a
// suitable kind, and after the template was executed.
func (t *Template) Funcs(funcMap template.FuncMap) *Template {
	t.ns.mu.Lock()
	defer t.ns.mu.Unlock()
	if t.ns.executed {
		panic(ErrExecuted)
	}
	m := make(template.FuncMap, len(funcMap))
	for k, v := range funcMap {
		if k == "check" || strings.HasPrefix(k, escPrefix) {
			panic("shtemplate: function name " + k + " is reserved")
		}
		m[k] = v
	}
	t.text.Funcs(m)
	return t
}

// Parse parses text as the body of t, as text/template's Parse does, and
// analyses the script: each action gets the context the shell parser puts
// it in, and a template is refused if an action is in a context where no
// value may go, if the script does not parse, or if branches would leave
// the script in different contexts. Templates called with {{template}}
// that are not defined yet are analysed when t is executed.
func (t *Template) Parse(text string) (*Template, error) {
	t.ns.mu.Lock()
	defer t.ns.mu.Unlock()
	if t.ns.executed {
		return nil, &Error{Name: t.Name(), Err: ErrExecuted}
	}
	if d := t.ns.dialect; d != shq.POSIX && d != shq.Bash {
		return nil, &Error{Name: t.Name(), Err: because(ErrContext, "the dialect must be shq.POSIX or shq.Bash")}
	}
	if _, err := t.text.Parse(text); err != nil {
		return nil, err
	}
	for _, tt := range t.text.Templates() {
		if t.ns.set[tt.Name()] == nil {
			t.ns.set[tt.Name()] = &Template{text: tt, ns: t.ns}
		}
	}
	if t.text.Tree == nil || t.text.Tree.Root == nil {
		return t, nil
	}
	a := newAnalysis(t.ns, t.text)
	if _, err := a.run(t.text.Tree); err != nil {
		var e *Error
		if errors.As(err, &e) && errors.Is(e.Err, errUndefined) {
			return t, nil // may be defined by a later Parse
		}
		return nil, err
	}
	return t, nil
}

// Lookup returns the template with the given name that is associated with
// t, or nil if there is no such template.
func (t *Template) Lookup(name string) *Template {
	t.ns.mu.Lock()
	defer t.ns.mu.Unlock()
	if t.text.Lookup(name) == nil {
		return nil
	}
	return t.ns.set[name]
}

// Clone returns a duplicate of the template, including all associated
// templates, as text/template's Clone does. It fails after the template
// was executed.
func (t *Template) Clone() (*Template, error) {
	t.ns.mu.Lock()
	defer t.ns.mu.Unlock()
	if t.ns.executed {
		return nil, &Error{Name: t.Name(), Err: ErrExecuted}
	}
	tc, err := t.text.Clone()
	if err != nil {
		return nil, err
	}
	ns := &nameSpace{set: map[string]*Template{}, escaped: map[string]*program{},
		actions: map[*parse.ActionNode]*action{}, dialect: t.ns.dialect}
	for _, x := range tc.Templates() {
		ns.set[x.Name()] = &Template{text: x, ns: ns}
	}
	ret := ns.set[tc.Name()]
	if ret == nil {
		ret = &Template{text: tc, ns: ns}
		ns.set[tc.Name()] = ret
	}
	return ret, nil
}

// Execute applies the template to data and writes the script to w. Every
// value is checked and escaped for its context; on any error nothing is
// written, so a script cut short by a refused value never reaches w. The
// first Execute fixes the template set (Parse then fails).
func (t *Template) Execute(w io.Writer, data any) error {
	return t.execute(w, t.text, data)
}

// ExecuteTemplate applies the template associated with t that has the
// given name to data and writes the script to w, as Execute does.
func (t *Template) ExecuteTemplate(w io.Writer, name string, data any) error {
	tt := t.text.Lookup(name)
	if tt == nil {
		return &Error{Name: name, Err: because(ErrTemplate, "no such template")}
	}
	return t.execute(w, tt, data)
}

var (
	bufPool  = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	progPool = sync.Pool{New: func() any { return new([]byte) }}
)

// maxPooled is the largest buffer kept for the next Execute.
const maxPooled = 64 << 10

func (t *Template) execute(w io.Writer, tt *template.Template, data any) error {
	return t.run(w, tt, data, true)
}

// run executes tt, with its program if fast and tt has one.
func (t *Template) run(w io.Writer, tt *template.Template, data any, fast bool) error {
	p, err := t.ns.escape(tt)
	if err != nil {
		return err
	}
	if p != nil && fast {
		bp := progPool.Get().(*[]byte)
		b, ok := p.run((*bp)[:0], data)
		if ok {
			_, err = w.Write(b)
		}
		if cap(b) <= maxPooled {
			*bp = b[:0]
			progPool.Put(bp)
		}
		if ok {
			return err
		}
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := tt.Execute(buf, data); err != nil {
		var e *Error
		if errors.As(err, &e) {
			return e
		}
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// escape analyses tt, if not done yet, and rewrites the actions it reaches
// to call their escapers.
func (ns *nameSpace) escape(tt *template.Template) (*program, error) {
	ns.mu.Lock()
	defer ns.mu.Unlock()
	ns.executed = true
	if p, ok := ns.escaped[tt.Name()]; ok {
		return p, nil
	}
	if tt.Tree == nil || tt.Tree.Root == nil {
		return nil, &Error{Name: tt.Name(), Err: because(ErrTemplate, "template is empty or undefined")}
	}
	a := newAnalysis(ns, tt)
	found, err := a.run(tt.Tree)
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{}
	if err := ns.place(tt, found, a.calls, funcs); err != nil {
		return nil, err
	}
	tt.Funcs(funcs)
	p := ns.compile(tt)
	ns.escaped[tt.Name()] = p
	return p, nil
}

// escPrefix starts the names of the escaper functions added to the
// function map.
const escPrefix = "_shq_esc"

// checkFunc is check used anywhere but at the end of an action's
// pipeline: it runs the rules and returns the value unchanged.
func checkFunc(args ...any) (any, error) {
	if len(args) < 2 {
		return nil, &Error{Name: "check", Err: because(ErrTemplate, "check needs a rule name and a value")}
	}
	v := args[len(args)-1]
	var rules []func(string) error
	for _, r := range args[:len(args)-1] {
		name, ok := r.(string)
		if !ok {
			return nil, &Error{Name: "check", Err: because(ErrTemplate, "check takes rule names as strings")}
		}
		f, ok := validate.Lookup(name)
		if !ok {
			return nil, &Error{Name: "check", Err: because(ErrTemplate, "unknown rule name")}
		}
		rules = append(rules, f)
	}
	vals, _, err := toStrings(v)
	if err != nil {
		return nil, &Error{Name: "check", Err: err}
	}
	for _, s := range vals {
		for _, f := range rules {
			if err := f(s); err != nil {
				return nil, &Error{Name: "check", Err: err}
			}
		}
	}
	return v, nil
}
