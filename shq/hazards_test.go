package shq

import "github.com/safeshell/safeshell/internal/hazard"

// hazards is the shared quoting corpus (internal/hazard.Corpus), the
// inputs that have broken widely used quoting libraries.
var hazards = func() (out []struct{ name, s string }) {
	for _, c := range hazard.Corpus {
		out = append(out, struct{ name, s string }{c.Name, c.S})
	}
	return out
}()
