// Package bench compares safeshell's shq package with other Go libraries
// that quote and split shell words. It lives in its own module so that the
// peer libraries never enter the root go.mod.
//
// Every library runs on one shared input table, under the same
// sub-benchmark names (BenchmarkQuote/in=space/lib=shq), so benchstat lines
// the libraries up column by column:
//
//	go test -run='^$' -bench=. -count=6 . > bench.txt
//	go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da -col /lib bench.txt
//
// TestPeerCorrectness runs each library's output through real shells and
// reports which ones produce a wrong word; the module's README holds the results.
package bench
