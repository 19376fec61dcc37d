// Source: SharedCode/joltrin, sop-daemon executeHandler, PR #327
// Label: fixed
// Shape: the command split into program and arguments and run without a shell
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package joltrinafter

import (
	"encoding/json"
	"net/http"
	"os/exec"
	"strings"
)

type execRequest struct{ Command string }

func executeHandler(w http.ResponseWriter, r *http.Request) {
	var req execRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	parts := strings.Fields(req.Command)
	if len(parts) == 0 {
		http.Error(w, "empty command", http.StatusBadRequest)
		return
	}
	out, _ := exec.Command(parts[0], parts[1:]...).CombinedOutput()
	w.Write(out)
}
