// Source: SharedCode/joltrin, sop-daemon executeHandler, before PR #327
// Label: vulnerable
// Shape: a request's command string run with sh -c
// A reduced excerpt written for this corpus that keeps the shape of the
// project's code; it is not the project's code.
package joltrinbefore

import (
	"encoding/json"
	"net/http"
	"os/exec"
)

type execRequest struct{ Command string }

func executeHandler(w http.ResponseWriter, r *http.Request) {
	var req execRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	out, _ := exec.Command("sh", "-c", req.Command).CombinedOutput()
	w.Write(out)
}
