package shtemplate

import (
	"strings"
	"testing"
)

// TestWrappers checks that the nested script of a wrapped shell is
// escaped exactly as the same script of a plain sh -c (which the real
// shell matrix runs): the rendering with the wrapper is the wrapper's words
// followed by the plain rendering.
func TestWrappers(t *testing.T) {
	scripts := []string{"'printargs {{.}}'", "\"printargs -- {{.}}\"", "'printargs \"x{{.}}y\"'"}
	wrappers := []struct{ prefix, shell string }{
		{"sudo ", "sh -c "},
		{"sudo -u app -E ", "sh -c "},
		{"env -i PATH=/bin ", "sh -c "},
		{"docker exec -i -u 0 box ", "sh -c "},
		{"podman exec box ", "bash -c "},
		{"kubectl exec -n ns pod -c ctr -- ", "sh -c "},
		{"xargs -0 -n 1 ", "sh -c "},
		{"nohup nice -n 5 timeout 10 ", "sh -c "},
		{"su -l app -c ", ""},
		{"busybox ", "sh -c "},
		{"exec ", "dash -ec "},
	}
	for _, w := range wrappers {
		for _, sc := range scripts {
			plainTpl := "sh -c " + sc + "\n"
			if strings.HasPrefix(w.shell, "bash") {
				plainTpl = "bash -c " + sc + "\n"
			}
			tpl := w.prefix + w.shell + sc + "\n"
			compared := 0
			for _, h := range hazards {
				want, errP := exec1(plainTpl, h.s)
				got, errW := exec1(tpl, h.s)
				if (errP == nil) != (errW == nil) {
					t.Errorf("%q × %q: plain err %v, wrapped err %v", tpl, h.s, errP, errW)
					continue
				}
				if errP != nil {
					continue
				}
				compared++
				plainHead := strings.SplitN(plainTpl, " ", 3)[:2]
				body := strings.TrimPrefix(want, strings.Join(plainHead, " ")+" ")
				if got != w.prefix+w.shell+body && !(w.shell == "" && got == w.prefix+body) {
					t.Errorf("%q × %q:\n got %q\nwant %q", tpl, h.s, got, w.prefix+w.shell+body)
				}
			}
			if compared < len(hazards)/2 {
				t.Errorf("%q: only %d values rendered", tpl, compared)
			}
		}
	}
}

func exec1(tpl, v string) (string, error) {
	tm, err := New("w").Parse(tpl)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = tm.Execute(&b, v)
	return b.String(), err
}
