// Command goals reads the output of the bench module's benchmarks and
// prints each performance goal the bench module's README sets with its
// ratio and whether it is met: Quote, Join, Split and validate against
// their peers, Login Quote against POSIX Quote, and shtemplate's Execute
// against text/template's. Ratios use the median of each benchmark's runs,
// as benchstat does.
//
//	go test -run='^$' -bench=. -count=6 .. > bench.txt
//	go run ./goals -correctness ../testdata/correctness.md bench.txt
//
// Peers that refuse an input have no result for it; peers that produce a
// wrong word for it (a cell other than "ok" in the correctness table that
// TestPeerCorrectness writes) are left out of the comparison for that input.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

type stat struct{ ns, allocs []float64 }

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

var line = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:.*?\s([\d.]+) allocs/op)?`)

func main() {
	correctness := flag.String("correctness", "testdata/correctness.md", "the table TestPeerCorrectness writes")
	flag.Parse()
	stats := map[string]*stat{}
	for _, name := range flag.Args() {
		f, err := os.Open(name)
		if err != nil {
			fail(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			m := line.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			s := stats[m[1]]
			if s == nil {
				s = &stat{}
				stats[m[1]] = s
			}
			ns, _ := strconv.ParseFloat(m[2], 64)
			s.ns = append(s.ns, ns)
			if m[3] != "" {
				a, _ := strconv.ParseFloat(m[3], 64)
				s.allocs = append(s.allocs, a)
			}
		}
		f.Close()
	}
	wrong := readWrong(*correctness)
	ns := func(name string) float64 {
		if s := stats[name]; s != nil {
			return median(s.ns)
		}
		return math.NaN()
	}
	allocs := func(name string) float64 {
		if s := stats[name]; s != nil {
			return median(s.allocs)
		}
		return math.NaN()
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}

	// Inputs and libraries, in the order they appear.
	var inputs, libs []string
	for name := range stats {
		if in, lib, ok := split3(name, "BenchmarkQuote/"); ok {
			if !slices.Contains(inputs, in) {
				inputs = append(inputs, in)
			}
			if !slices.Contains(libs, lib) {
				libs = append(libs, lib)
			}
		}
	}
	order := []string{"safe14", "space", "quote", "path64", "text4k", "safe64k", "unicode", "ctrl", "empty", "quotes1k"}
	sort.Slice(inputs, func(i, j int) bool { return slices.Index(order, inputs[i]) < slices.Index(order, inputs[j]) })
	sort.Strings(libs)

	fmt.Println("## Quote: shq against the fastest correct peer, and against the reference")
	fmt.Println()
	fmt.Println("| input | shq | ref | shq ÷ ref (≤ 1.3) | fastest correct peer | peer ÷ shq (> 1) |")
	fmt.Println("|---|---|---|---|---|---|")
	logSum, n := 0.0, 0
	allFaster, allNearRef := true, true
	for _, in := range inputs {
		shq := ns("BenchmarkQuote/in=" + in + "/lib=shq")
		ref := ns("BenchmarkQuote/in=" + in + "/lib=ref")
		best, bestLib := math.Inf(1), ""
		for _, lib := range libs {
			if lib == "shq" || lib == "ref" || lib == "shq-login" || wrong[in+"/"+lib] {
				continue
			}
			if v := ns("BenchmarkQuote/in=" + in + "/lib=" + lib); v < best {
				best, bestLib = v, lib
			}
		}
		ratio := best / shq
		allNearRef = allNearRef && shq/ref <= 1.3
		if in != "empty" {
			logSum += math.Log(ratio)
			n++
			allFaster = allFaster && ratio > 1
		}
		note := ""
		if in == "empty" {
			note = " (no peer goal)"
		}
		fmt.Printf("| %s%s | %s | %s | %.2f | %s %s | %.2f× |\n", in, note, fmtNS(shq), fmtNS(ref), shq/ref, bestLib, fmtNS(best), ratio)
	}
	geo := math.Exp(logSum / float64(n))
	fmt.Println()
	fmt.Printf("- faster than every correct peer on every input but the empty string: %s\n", verdict(allFaster))
	fmt.Printf("- geometric mean of (fastest correct peer ÷ shq): %.2f× (goal ≥ 3×): %s\n", geo, verdict(geo >= 3))
	fmt.Printf("- within 1.3× of the reference on every input, the empty string included: %s\n", verdict(allNearRef))
	if shq, ref := ns("BenchmarkQuote/in=safe64k/lib=shq"), ns("BenchmarkQuote/in=safe64k/lib=ref"); !math.IsNaN(shq) {
		fmt.Printf("- 64 KiB safe: shq throughput is %.2f× the reference's (goal ≥ 0.8): %s\n", ref/shq, verdict(ref/shq >= 0.8))
	}

	fmt.Println()
	fmt.Println("## Login Quote against POSIX Quote")
	fmt.Println()
	fmt.Println("| input | shq (POSIX) | shq-login | login ÷ POSIX (≤ 1.3) |")
	fmt.Println("|---|---|---|---|")
	loginOK, loginSeen := true, 0
	for _, in := range inputs {
		posix := ns("BenchmarkQuote/in=" + in + "/lib=shq")
		login := ns("BenchmarkQuote/in=" + in + "/lib=shq-login")
		if math.IsNaN(login) {
			// The benchmark skips an input Login refuses (a newline).
			fmt.Printf("| %s | %s | refused | — |\n", in, fmtNS(posix))
			continue
		}
		loginSeen++
		loginOK = loginOK && login/posix <= 1.3
		fmt.Printf("| %s | %s | %s | %.2f |\n", in, fmtNS(posix), fmtNS(login), login/posix)
	}
	fmt.Println()
	fmt.Printf("- Login within 1.3× of POSIX on every input it accepts, the empty string included: %s\n", verdict(loginOK && loginSeen > 0))

	fmt.Println()
	fmt.Println("## Join of 8 arguments")
	fmt.Println()
	shqJoin := ns("BenchmarkJoin/in=args8/lib=shq")
	best, bestLib := math.Inf(1), ""
	for name := range stats {
		if lib, ok := strings.CutPrefix(name, "BenchmarkJoin/in=args8/lib="); ok && lib != "shq" {
			if v := ns(name); v < best {
				best, bestLib = v, lib
			}
		}
	}
	a := allocs("BenchmarkJoin/in=args8/lib=shq")
	fmt.Printf("- shq %s, %v allocation(s) (goal 1): %s\n", fmtNS(shqJoin), a, verdict(a == 1))
	fmt.Printf("- fastest peer %s %s: %.2f× slower than shq (goal ≥ 5×): %s\n", bestLib, fmtNS(best), best/shqJoin, verdict(best/shqJoin >= 5))

	fmt.Println()
	fmt.Println("## Split against go-shellquote (goal: shq ≤ 5× its time)")
	fmt.Println()
	fmt.Println("| line | shq | shellquote | shq ÷ shellquote |")
	fmt.Println("|---|---|---|---|")
	var lines []string
	for name := range stats {
		if in, _, ok := split3(name, "BenchmarkSplit/"); ok && !slices.Contains(lines, in) {
			lines = append(lines, in)
		}
	}
	sort.Strings(lines)
	splitOK := true
	for _, in := range lines {
		s, q := ns("BenchmarkSplit/in="+in+"/lib=shq"), ns("BenchmarkSplit/in="+in+"/lib=shellquote")
		splitOK = splitOK && s/q <= 5
		fmt.Printf("| %s | %s | %s | %.2f |\n", in, fmtNS(s), fmtNS(q), s/q)
	}
	fmt.Printf("\n- within 5×: %s\n", verdict(splitOK))

	if v := ns("BenchmarkExecute/in=script/lib=shtemplate"); !math.IsNaN(v) {
		fmt.Println()
		fmt.Println("## shtemplate Execute against text/template's Execute (goal: within 2×)")
		fmt.Println()
		fmt.Println("| template | shtemplate | allocs | text/template | allocs | shtemplate ÷ text/template |")
		fmt.Println("|---|---|---|---|---|---|")
		execOK := true
		for _, in := range []string{"script", "branches"} {
			s, x := ns("BenchmarkExecute/in="+in+"/lib=shtemplate"), ns("BenchmarkExecute/in="+in+"/lib=texttemplate")
			if math.IsNaN(s) {
				continue
			}
			execOK = execOK && s/x <= 2
			fmt.Printf("| %s | %s | %v | %s | %v | %.2f |\n", in, fmtNS(s), allocs("BenchmarkExecute/in="+in+"/lib=shtemplate"),
				fmtNS(x), allocs("BenchmarkExecute/in="+in+"/lib=texttemplate"), s/x)
		}
		fmt.Printf("\n- shtemplate Execute within 2× of text/template: %s\n", verdict(execOK))
	}

	if v := ns("BenchmarkValidate/rule=s3-bucket/in=valid/lib=shq"); !math.IsNaN(v) {
		fmt.Println()
		fmt.Println("## Validators against a regexp of the same rule")
		fmt.Println()
		fmt.Println("| rule/input | shq | regexp | regexp ÷ shq | shq allocs |")
		fmt.Println("|---|---|---|---|---|")
		var names []string
		for name := range stats {
			if rest, ok := strings.CutPrefix(name, "BenchmarkValidate/"); ok && strings.HasSuffix(rest, "/lib=shq") {
				names = append(names, strings.TrimSuffix(rest, "/lib=shq"))
			}
		}
		sort.Strings(names)
		for _, nm := range names {
			s, r := ns("BenchmarkValidate/"+nm+"/lib=shq"), ns("BenchmarkValidate/"+nm+"/lib=regexp")
			fmt.Printf("| %s | %s | %s | %.1f× | %v |\n", nm, fmtNS(s), fmtNS(r), r/s, allocs("BenchmarkValidate/"+nm+"/lib=shq"))
		}
		s3 := ns("BenchmarkValidate/rule=s3-bucket/in=valid/lib=shq")
		r3 := ns("BenchmarkValidate/rule=s3-bucket/in=valid/lib=regexp")
		a3 := allocs("BenchmarkValidate/rule=s3-bucket/in=valid/lib=shq")
		fmt.Printf("\n- S3Bucket: %v allocations, %.1f× faster than the regexp (goal 0 and ≥ 5×): %s\n", a3, r3/s3, verdict(a3 == 0 && r3/s3 >= 5))
	}
}

// split3 splits "Prefix/in=X/lib=Y" into X and Y.
func split3(name, prefix string) (in, lib string, ok bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return "", "", false
	}
	a, b, ok := strings.Cut(rest, "/")
	if !ok {
		return "", "", false
	}
	in, ok1 := strings.CutPrefix(a, "in=")
	lib, ok2 := strings.CutPrefix(b, "lib=")
	return in, lib, ok1 && ok2
}

// readWrong returns "input/lib" for every cell of the correctness table that
// is not "ok".
func readWrong(path string) map[string]bool {
	data, err := os.ReadFile(path)
	if err != nil {
		fail(err)
	}
	wrong := map[string]bool{}
	var libs []string
	for _, l := range strings.Split(string(data), "\n") {
		cells := strings.Split(strings.Trim(l, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		switch {
		case len(cells) < 2 || strings.HasPrefix(cells[0], "---"):
		case cells[0] == "input":
			libs = cells[1:]
		default:
			in, _, _ := strings.Cut(cells[0], " ")
			for i, c := range cells[1:] {
				if i < len(libs) && c != "ok" {
					wrong[in+"/"+libs[i]] = true
				}
			}
		}
	}
	return wrong
}

func fmtNS(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "—"
	case v >= 1e6:
		return fmt.Sprintf("%.2fms", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.2fµs", v/1e3)
	}
	return fmt.Sprintf("%.1fns", v)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "goals:", err)
	os.Exit(1)
}
