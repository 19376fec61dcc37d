package shtemplate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/safeshell/safeshell/shq"
)

type fieldData struct {
	V any
	A *fieldData
	s string // text/template refuses {{.s}}
}

type methodData struct{ V string }

func (m methodData) W() string { return m.V + "-method" }

type ptrMethodData struct{ V string }

func (m *ptrMethodData) V2() string { return "ptr-" + m.V }

// fastShapes rewrite a {{.}} template and a value into other data shapes.
var fastShapes = []struct {
	name string
	tpl  func(string) string
	data func(v any) any
}{
	{"dot", func(s string) string { return s }, func(v any) any { return v }},
	{"map-any", field("V"), func(v any) any { return map[string]any{"V": v} }},
	{"map-string", field("V"), func(v any) any {
		if s, ok := v.(string); ok {
			return map[string]string{"V": s}
		}
		return map[string]string{}
	}},
	{"map-missing", field("V"), func(any) any { return map[string]any{"W": "x"} }},
	{"map-nested", field("A.V"), func(v any) any { return map[string]any{"A": map[string]any{"V": v}} }},
	{"map-nested-missing", field("A.V"), func(v any) any { return map[string]any{"B": v} }},
	{"struct", field("V"), func(v any) any { return fieldData{V: v} }},
	{"struct-ptr", field("V"), func(v any) any { return &fieldData{V: v} }},
	{"struct-nested", field("A.V"), func(v any) any { return fieldData{A: &fieldData{V: v}} }},
	{"struct-nil", field("A.V"), func(v any) any { return &fieldData{V: v} }},
	{"struct-unexported", field("s"), func(v any) any { s, _ := v.(string); return fieldData{s: s} }},
	{"struct-no-field", field("X"), func(v any) any { return fieldData{V: v} }},
	{"method", field("W"), func(v any) any { s, _ := v.(string); return methodData{V: s} }},
	{"ptr-method", field("V2"), func(v any) any { s, _ := v.(string); return &ptrMethodData{V: s} }},
	{"struct-in-map", field("A.V"), func(v any) any { return map[string]any{"A": any(fieldData{V: v})} }},
}

func field(name string) func(string) string {
	return func(s string) string { return strings.ReplaceAll(s, "{{.}}", "{{."+name+"}}") }
}

// TestProgram checks that Execute writes and refuses exactly as the
// template run by text/template does, for every template of the real-shell
// matrix, every hazard value and lists, integers, missing values and
// trusted scripts, in several data shapes and with each missingkey
// option; and that the program ran for most of them.
func TestProgram(t *testing.T) {
	values := []any{nil, "", "-x", 42, int8(-3), uint(7), 1.5, true, []string{"a b", "c"}, []string{},
		[]string{"-rf"}, UncheckedScript("echo hi"), UncheckedScript("echo 'a"), fmt.Errorf("x"),
		[]any{"a", 1, "it's"}, []any{"a", nil}, []any{}, map[string]any{"V": "x"}, &fieldData{V: "p"}, (*fieldData)(nil),
		strings.Repeat("'", 1000), strings.Repeat("'", 1400)}
	for i, h := range hazards {
		if !testing.Short() || i%4 == 0 {
			values = append(values, h.s)
		}
	}
	cases := append(append([]tcase{}, posixCases...), bashCases...)
	cases = append(cases,
		tcase{name: "statement", tpl: "{{.}}\n"},
		tcase{name: "script", tpl: "sh -c {{.}}\n"},
		tcase{name: "check", tpl: "printargs {{. | check \"filename\"}}\n"},
		tcase{name: "comment", tpl: "{{/* c */}}printargs {{.}} {{- /* d */}}\n"},
		tcase{name: "printf", tpl: "printargs {{printf \"%v\" .}}\n"},
		tcase{name: "range", tpl: "{{range .}}printargs {{.}}\n{{end}}"},
		tcase{name: "ssh", tpl: "ssh host ls {{.}}\n"},
		tcase{name: "ssh-single", tpl: "ssh host 'ls x{{.}}'\n"},
		tcase{name: "ssh-nested", tpl: "sh -c 'ssh host ls {{.}}'\n"},
		tcase{name: "ssh-dest", tpl: "ssh u@{{.}} ls\n"},
		tcase{name: "ssh-word", tpl: "ssh host ls x{{.}}{{.}}\n"},
		tcase{name: "ssh-script-word", tpl: "ssh host \"sh -c 'ls {{.}} {{.}}'\"\n"},
		tcase{name: "range-else", tpl: "{{range .}}printargs \"{{.}}\" {{$}}\n{{else}}printargs none\n{{end}}"},
		tcase{name: "with", tpl: "{{with .}}printargs {{.}}{{else}}printargs none{{end}}\n"},
		tcase{name: "if-range", tpl: "{{if .}}{{range .}}printargs 'x{{.}}'\n{{end}}{{end}}printargs end\n"},
		tcase{name: "else-if", tpl: "{{if not .}}printargs none{{else if .}}printargs {{.}}{{end}}\n"},
		tcase{name: "call", tpl: "{{define \"x\"}}printargs {{.}}\n{{end}}{{template \"x\" .}}"},
		tcase{name: "call-no-pipe", tpl: "{{define \"x\"}}printargs a{{if .}}{{.}}{{end}}\n{{end}}{{template \"x\"}}"},
		tcase{name: "call-root", tpl: "{{define \"x\"}}printargs {{$}}\n{{end}}{{if .}}{{template \"x\" $}}{{end}}"},
	)
	ran, total := 0, 0
	for _, tc := range cases {
		for _, shape := range fastShapes {
			for _, opt := range []string{"missingkey=default", "missingkey=zero", "missingkey=error"} {
				tpl := shape.tpl(tc.tpl)
				tm := New(tc.name + "/" + shape.name).Option(opt)
				if tc.bash {
					tm.Dialect(shq.Bash)
				}
				if _, err := tm.Parse(tpl); err != nil {
					continue
				}
				for _, v := range values {
					data := shape.data(v)
					var fast, slow strings.Builder
					errFast := tm.run(&fast, tm.text, data, true)
					errSlow := tm.run(&slow, tm.text, data, false)
					if fast.String() != slow.String() || fmt.Sprint(errFast) != fmt.Sprint(errSlow) {
						t.Fatalf("%s %s %s with %#v:\nprogram: %q, %v\ntext/template: %q, %v",
							tc.name, shape.name, opt, data, fast.String(), errFast, slow.String(), errSlow)
					}
					total++
					if p := tm.ns.escaped[tm.Name()]; p != nil {
						if _, ok := p.run(nil, data); ok {
							ran++
						}
					}
				}
			}
		}
	}
	// Templates that read fields, with data of each shape.
	for _, tpl := range []string{
		"{{with .A}}printargs {{.V}}{{else}}printargs none{{end}}\n",
		"{{with .V}}printargs {{.}}{{end}}\n",
		"{{range .L}}printargs {{.}} {{$.V}}\n{{else}}printargs none\n{{end}}",
		"{{define \"x\"}}printargs {{.V}} {{$.V}}\n{{end}}{{template \"x\" .A}}",
		"{{if .V}}printargs {{.V}}{{else if .A}}printargs {{.A.V}}{{else}}printargs none{{end}}\n",
		"{{range .L}}{{with .V}}printargs \"{{.}}\"\n{{end}}{{end}}",
	} {
		tm := Must(New("fields").Parse(tpl))
		for _, v := range values {
			for _, data := range []any{
				map[string]any{"V": v, "A": map[string]any{"V": v}, "L": v},
				map[string]any{"V": v, "A": fieldData{V: v}, "L": []any{v, "x"}},
				map[string]any{"V": "", "A": &fieldData{V: v}, "L": []any{map[string]any{"V": v}, fieldData{V: v}}},
				map[string]any{"V": v, "L": []string{"one"}},
				map[string]any{"V": v, "L": []string{"one", "two"}},
				map[string]any{"V": v, "A": nil, "L": []string{}},
				fieldData{V: v, A: &fieldData{V: "in"}},
				map[string]any{},
			} {
				var fast, slow strings.Builder
				errFast := tm.run(&fast, tm.text, data, true)
				errSlow := tm.run(&slow, tm.text, data, false)
				if fast.String() != slow.String() || fmt.Sprint(errFast) != fmt.Sprint(errSlow) {
					t.Fatalf("%q with %#v:\nprogram: %q, %v\ntext/template: %q, %v",
						tpl, data, fast.String(), errFast, slow.String(), errSlow)
				}
				total++
				if _, ok := tm.ns.escaped["fields"].run(nil, data); ok {
					ran++
				}
			}
		}
	}
	if ran < total/4 {
		t.Errorf("the program ran %d of %d executions", ran, total)
	}
	t.Logf("the program ran %d of %d executions", ran, total)
}

// TestProgramScope checks which templates get a program.
func TestProgramScope(t *testing.T) {
	for _, tc := range []struct {
		tpl  string
		want bool
	}{
		{"printargs {{.}} {{.a.b}}\n", true},
		{"printargs {{.a | check \"filename\"}}\n", true},
		{"{{/* c */}}printargs {{.a}}\n", true},
		{"printargs {{.a | printf \"%s\"}}\n", false},
		{"printargs {{$}} {{$.a}}\n", true},
		{"{{if .a}}printargs {{.a}}{{else if .b}}printargs {{.b}}{{end}}\n", true},
		{"{{with .a}}printargs {{.}}{{end}}\n", true},
		{"{{range .a}}printargs {{.}}\n{{else}}printargs none\n{{end}}", true},
		{"{{define \"x\"}}{{.}}{{end}}printargs {{template \"x\" .a}}\n", true},
		{"{{$x := .a}}printargs {{$x}}\n", false},
		{"{{if not .a}}printargs {{.a}}{{end}}\n", false},
		{"{{range $i, $e := .a}}printargs {{$e}}\n{{end}}", false},
		{"{{define \"x\"}}{{.|printf \"%s\"}}{{end}}printargs {{template \"x\" .a}}\n", false},
		{"{{define \"x\"}}{{.}}{{end}}printargs {{template \"x\" printf \"%s\" .a}}\n", false},
	} {
		tm := Must(New("p").Parse(tc.tpl))
		if _, err := tm.ns.escape(tm.text); err != nil {
			t.Fatalf("%q: %v", tc.tpl, err)
		}
		if got := tm.ns.escaped["p"] != nil; got != tc.want {
			t.Errorf("%q: program %v, want %v", tc.tpl, got, tc.want)
		}
	}
}
