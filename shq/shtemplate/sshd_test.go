package shtemplate

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/safeshell/safeshell/internal/shelltest"
	"github.com/safeshell/safeshell/shq"
)

// An sshCase is a template of the sshd test. @SSH@ stands for ssh, its
// options for the test server, "--" and the destination action {{$.D}};
// @OPTS@ for those options alone; @P@ for the path of the argv printer on
// the server. The values of one
// run are the list .V, each written by one action of a {{range}}: one
// ssh connection carries a chunk of values.
type sshCase struct {
	name   string
	tpl    string
	want   func(vs []string) [][]string
	refuse func(v string) error
	// group, if set, is the number of values each run takes: .V holds
	// exactly that many.
	group int
}

// sshRefusal is the refusal of a value in the remote command: that of a
// word (empty, blank, option-shaped where whole is set), else a newline,
// which no Login word carries.
func sshRefusal(whole, option bool) func(string) error {
	return func(v string) error {
		if whole {
			if err := wordRefusal(option)(v); err != nil {
				return err
			}
		}
		if strings.IndexByte(v, '\n') >= 0 {
			return shq.ErrNewline
		}
		return nil
	}
}

func callOf(prefix []string, vs []string, f func(string) string) [][]string {
	call := append([]string{}, prefix...)
	for _, v := range vs {
		call = append(call, f(v))
	}
	return [][]string{call}
}

func same(v string) string { return v }

var sshCases = []sshCase{
	{name: "word", tpl: "@SSH@ @P@ --{{range .V}} {{.}}{{end}}\n",
		want: func(vs []string) [][]string { return callOf([]string{"--"}, vs, same) }, refuse: sshRefusal(true, false)},
	{name: "word-option", tpl: "@SSH@ @P@{{range .V}} {{.}}{{end}}\n",
		want: func(vs []string) [][]string { return callOf(nil, vs, same) }, refuse: sshRefusal(true, true)},
	{name: "part-in-local-single", tpl: "@SSH@ '@P@{{range .V}} x{{.}}y{{end}}'\n",
		want:   func(vs []string) [][]string { return callOf(nil, vs, func(v string) string { return "x" + v + "y" }) },
		refuse: sshRefusal(false, false)},
	{name: "word-in-local-double", tpl: "@SSH@ \"@P@ --{{range .V}} {{.}}{{end}}\"\n",
		want: func(vs []string) [][]string { return callOf([]string{"--"}, vs, same) }, refuse: sshRefusal(true, false)},
	{name: "remote-single", tpl: "@SSH@ \"@P@ 'x\\\\y%'{{range .V}} 'a {{.}} b'{{end}}\"\n",
		want: func(vs []string) [][]string {
			return callOf([]string{"x\\y%"}, vs, func(v string) string { return "a " + v + " b" })
		},
		refuse: sshRefusal(false, false)},
	{name: "pipe-and-semicolon", tpl: "@SSH@ '@P@ --{{range .V}} {{.}}{{end}} | cat && @P@ done; @P@ a=b x,y:z@w+v_1 a%b'\n",
		want: func(vs []string) [][]string {
			return append(callOf([]string{"--"}, vs, same), []string{"done"}, []string{"a=b", "x,y:z@w+v_1", "a%b"})
		},
		refuse: sshRefusal(true, false)},
	// = after the template's text: x=a whatever the value, the empty
	// one too.
	{name: "part-before-equals", tpl: "@SSH@ @P@{{range .V}} x{{.}}=a{{end}}\n",
		want:   func(vs []string) [][]string { return callOf(nil, vs, func(v string) string { return "x" + v + "=a" }) },
		refuse: sshRefusal(false, false)},
	// ssh's own parsing: "$H" is the destination; options after the
	// destination; a "--" after the destination that ssh takes, not the
	// remote command.
	{name: "destination-variable", tpl: "H={{$.D}}; ssh @OPTS@ \"$H\" @P@ --{{range .V}} {{.}}{{end}}\n",
		want: func(vs []string) [][]string { return callOf([]string{"--"}, vs, same) }, refuse: sshRefusal(true, false)},
	{name: "option-after-destination", tpl: "ssh @OPTS@ {{$.D}} -o BatchMode=yes -T @P@{{range .V}} a%{{.}}{{end}}\n",
		want:   func(vs []string) [][]string { return callOf(nil, vs, func(v string) string { return "a%" + v }) },
		refuse: sshRefusal(false, false)},
	{name: "dashdash-after-destination", tpl: "ssh @OPTS@ {{$.D}} -- @P@{{range .V}} {{.}}{{end}}\n",
		want: func(vs []string) [][]string { return callOf(nil, vs, same) }, refuse: sshRefusal(true, true)},
	// Wrappers in the remote command.
	{name: "remote-wrappers", tpl: "@SSH@ env A=b timeout 60 xargs @P@ --{{range .V}} {{.}}{{end}} </dev/null\n",
		want: func(vs []string) [][]string { return callOf([]string{"--"}, vs, same) }, refuse: sshRefusal(true, false)},
	{name: "list", tpl: "@SSH@ @P@ -- {{.V}}\n",
		want: func(vs []string) [][]string { return callOf([]string{"--"}, vs, same) }, refuse: sshRefusal(true, false)},
	// Two layers: ssh, then sh -c.
	{name: "sh-c", tpl: "@SSH@ \"sh -c '@P@ -- {{.V}}'\"\n",
		want: func(vs []string) [][]string { return callOf([]string{"--"}, vs, same) }, refuse: sshRefusal(true, false)},
	{name: "env-sh-c-positional", tpl: "@SSH@ env A=b sh -c \"'@P@ \\\"\\$@\\\"'\" sh{{range .V}} {{.}}{{end}}\n",
		want: func(vs []string) [][]string { return callOf(nil, vs, same) }, refuse: sshRefusal(true, false)},
	// Three layers: ssh, sh -c, sh -c.
	{name: "sh-c-sh-c", tpl: "@SSH@ \"sh -c 'sh -c \\\"@P@ -- {{.V}}\\\"'\"\n",
		want: func(vs []string) [][]string { return callOf([]string{"--"}, vs, same) }, refuse: sshRefusal(true, false)},
	// One word of the remote line with several actions: a fixed number,
	// since a {{range}} there would make its length unknown.
	{name: "sh-c-sh-c-part", group: 4,
		tpl:    "@SSH@ sh -c \"'sh -c \\\"@P@ x{{index .V 0}}y x{{index .V 1}}y x{{index .V 2}}y x{{index .V 3}}y\\\"'\"\n",
		want:   func(vs []string) [][]string { return callOf(nil, vs, func(v string) string { return "x" + v + "y" }) },
		refuse: sshRefusal(false, false)},
}

// sshRuns counts the (value, login shell) pairs checked, and sshConns the
// ssh connections made.
var sshRuns, sshConns atomic.Int64

// TestSSHD renders the templates of sshCases with the hazard values and
// runs each script with the local sh, whose ssh reaches a real OpenSSH
// server on 127.0.0.1 and the login shell of each of six local users
// (dash, bash, zsh, fish, tcsh, csh). The printer there must print every
// value byte for byte in its place and nothing else; no canary file may
// appear, locally or in the user's home directory.
func TestSSHD(t *testing.T) {
	if testing.Short() {
		t.Skip("starts sshd")
	}
	opts, printer := startSSHD(t)
	r := strings.NewReplacer("@SSH@", "ssh "+opts+" -- {{$.D}}", "@OPTS@", opts, "@P@", printer)
	type prepared struct {
		tc     *sshCase
		tm     *Template
		chunks [][]string
	}
	var cases []prepared
	values := 0
	for i := range sshCases {
		tc := &sshCases[i]
		tm, err := New(tc.name).Parse(r.Replace(tc.tpl))
		if err != nil {
			t.Fatalf("%s: Parse: %v", tc.name, err)
		}
		p := prepared{tc: tc, tm: tm}
		var cur []string
		for _, h := range hazards {
			one := []string{h.s}
			for len(one) < tc.group {
				one = append(one, h.s)
			}
			data := map[string]any{"D": "shq-dash@127.0.0.1", "V": one}
			err := tm.Execute(new(strings.Builder), data)
			want := tc.refuse(h.s)
			switch {
			case want != nil && !errors.Is(err, want):
				t.Errorf("%s × %s: want refusal %v, got %v", tc.name, h.name, want, err)
				continue
			case want == nil && err != nil:
				t.Errorf("%s × %s: unexpected refusal: %v", tc.name, h.name, err)
				continue
			case err != nil:
				continue
			}
			if tc.group > 0 {
				if cur = append(cur, h.s); len(cur) == tc.group {
					p.chunks, cur = append(p.chunks, cur), nil
				}
				continue
			}
			// Chunks whose script renders: the quoted remote word of the
			// nested cases must stay within shq.LoginMaxWord.
			data["V"] = append(cur, h.s)
			var b strings.Builder
			if err := tm.Execute(&b, data); err == nil && b.Len() < 16<<10 {
				cur = append(cur, h.s)
				continue
			} else if err != nil && !errors.Is(err, shq.ErrLoginLength) {
				t.Fatalf("%s: chunk: %v", tc.name, err)
			}
			p.chunks = append(p.chunks, cur)
			cur = []string{h.s}
		}
		if len(cur) > 0 {
			for len(cur) < tc.group {
				cur = append(cur, cur[0])
			}
			p.chunks = append(p.chunks, cur)
		}
		for _, c := range p.chunks {
			values += len(c)
		}
		cases = append(cases, p)
	}
	sshRuns.Store(0)
	sshConns.Store(0)
	t.Run("users", func(t *testing.T) {
		for _, user := range shelltest.LoginUsers {
			t.Run(user, func(t *testing.T) {
				t.Parallel()
				home := homeOf(t, user)
				canary := filepath.Join(home, "CANARY")
				if err := os.Remove(canary); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				dir := t.TempDir()
				for _, p := range cases {
					for _, chunk := range p.chunks {
						var b strings.Builder
						data := map[string]any{"D": user + "@127.0.0.1", "V": chunk}
						if err := p.tm.Execute(&b, data); err != nil {
							t.Fatalf("%s: %v", p.tc.name, err)
						}
						calls, fail := runLocalSSH(t, dir, b.String())
						sshConns.Add(1)
						if want := p.tc.want(chunk); fail != "" || !equalCalls(calls, want) {
							t.Errorf("%s as %s (login shell %s): %s\ngot  %s\nwant %s\nscript %q", p.tc.name, user,
								shelltest.LoginShellOf(user), fail, shelltest.FormatCalls(calls), shelltest.FormatCalls(want), b.String())
						}
						sshRuns.Add(int64(len(chunk)))
					}
				}
				for _, f := range []string{canary, filepath.Join(dir, "CANARY")} {
					if _, err := os.Stat(f); err == nil {
						t.Errorf("a value ran a command: %s exists", f)
					}
				}
			})
		}
	})
	t.Logf("%d templates, %d values rendered in all (of %d hazards each), × %d login shells: %d (value, shell) runs checked in %d ssh connections",
		len(sshCases), values, len(hazards), len(shelltest.LoginUsers), sshRuns.Load(), sshConns.Load())
}

// homeOf returns the home directory of a local user.
func homeOf(t *testing.T, user string) string {
	data, err := os.ReadFile("/etc/passwd")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Split(line, ":"); len(f) == 7 && f[0] == user {
			return f[5]
		}
	}
	t.Fatalf("no user %s", user)
	return ""
}

// runLocalSSH runs script with the local sh in dir and returns the calls
// of the printer that came back, or why the run failed (an exit status or
// anything on standard error).
func runLocalSSH(t *testing.T, dir, script string) ([][]string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", script)
	cmd.Dir = dir
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		msg := "sh: " + stderr.String()
		if err != nil {
			msg += err.Error()
		}
		return nil, msg
	}
	calls, err := shelltest.ParseRecords(stdout.Bytes())
	if err != nil {
		return nil, "printer output: " + err.Error()
	}
	return calls, ""
}

// startSSHD starts sshd on 127.0.0.1 for the login users and returns the
// options of ssh that reach it, quoted as one line, and the path of the
// argv printer there.
func startSSHD(t *testing.T) (opts, printer string) {
	t.Helper()
	if _, err := exec.LookPath("ssh"); err != nil {
		shelltest.Missing(t, "ssh: %v (Debian package openssh-client)", err)
	}
	srv := shelltest.StartSSHD(t, shelltest.LoginUsers...)
	opts, err := shq.Join(srv.SSHArgs()...)
	if err != nil {
		t.Fatal(err)
	}
	return opts, shelltest.RemotePrinter(t)
}

// TestSSHDTrusted runs a TrustedScript as the whole script of sh -c in
// the remote command, bare and inside the author's quotes, through the
// real sshd and the six login shells: the printer calls there must be the
// ones the same script makes run locally by sh -c, and a template that
// puts the script where the remote shell would split it must be refused.
func TestSSHDTrusted(t *testing.T) {
	if testing.Short() {
		t.Skip("starts sshd")
	}
	opts, printer := startSSHD(t)
	script := printer + ` 'a b' "$0" '!x' \\ "it's"; ` + printer + " `echo c` $((1+1)) '*' %s"
	local, fail := runLocalSSH(t, t.TempDir(), "sh -c "+mustQuote(t, script)+"\n")
	if fail != "" {
		t.Fatalf("local run: %s", fail)
	}
	for _, user := range shelltest.LoginUsers {
		for _, tpl := range []string{
			"ssh " + opts + " -- {{.D}} sh -c {{.S}}\n",
			"ssh " + opts + " -- {{.D}} 'sh -c '{{.S}}\n",
		} {
			tm := Must(New("trusted").Parse(tpl))
			var b strings.Builder
			if err := tm.Execute(&b, map[string]any{"D": user + "@127.0.0.1", "S": UncheckedScript(script)}); err != nil {
				t.Fatalf("%q: %v", tpl, err)
			}
			calls, fail := runLocalSSH(t, t.TempDir(), b.String())
			if fail != "" || !equalCalls(calls, local) {
				t.Errorf("%s (%s): %s\ngot  %s\nwant %s\nscript %q", user, shelltest.LoginShellOf(user), fail,
					shelltest.FormatCalls(calls), shelltest.FormatCalls(local), b.String())
			}
		}
	}
	if _, err := New("split").Parse("ssh host sh -c 'ls; '{{.S}} x\n"); !errors.Is(err, ErrContext) {
		t.Errorf("a script the remote shell splits: %v", err)
	}
}

func mustQuote(t *testing.T, s string) string {
	q, err := shq.Quote(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}
