#!/usr/bin/env bash
# Runs fuzz targets one at a time and prints, for each, the last progress
# line (elapsed time and exec count) and the result.
#
#   fuzz/run.sh                      # every target, 10s each (what CI does)
#   FUZZTIME=10m fuzz/run.sh FuzzQuote FuzzSplit
#   FUZZTIME=1m fuzz/run.sh validators
#
# Targets: names, or "main" (FuzzQuote FuzzSplit FuzzJoinSplit FuzzBuilder
# FuzzTemplate), "rapid" (the FuzzXxxRapid targets), "validators" (one per
# rule of validate.Rules()), or nothing for all of them. One fuzzing worker
# (-parallel=1): the machines have two cores. SHQ_FUZZ_SHELLS=1 adds the
# real-shell checks. A failure leaves its input in
# fuzz/testdata/fuzz/FuzzXxx/ (commit it with the fix) and makes the script
# exit 1 after the remaining targets have run.
set -u
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
all=$(go test -list '^Fuzz' ./fuzz | grep '^Fuzz')
main="FuzzQuote FuzzSplit FuzzJoinSplit FuzzBuilder FuzzTemplate"
rapid=$(echo "$all" | grep 'Rapid$')
validators=$(echo "$all" | grep -v 'Rapid$' | grep -vxF -e FuzzQuote -e FuzzSplit -e FuzzJoinSplit -e FuzzBuilder -e FuzzTemplate)
targets=()
if [ $# -eq 0 ]; then set -- $all; fi
for a in "$@"; do
	case $a in
	main) targets+=($main) ;;
	rapid) targets+=($rapid) ;;
	validators) targets+=($validators) ;;
	*) targets+=("$a") ;;
	esac
done
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# fuzz runs target $1 once and sets result: ok, FAIL, or deadline. Go 1.26's
# fuzzing coordinator can report a bare "context deadline exceeded" when
# -fuzztime ends while a worker is busy on a loaded machine
# (golang/go#75804, fixed in Go 1.27). A real finding always writes its
# input to testdata/fuzz, so only a bare deadline with no input written is
# told apart.
fuzz() {
	if go test -run='^$' -fuzz="^$1\$" -fuzztime="$fuzztime" -fuzzminimizetime=10s \
		-timeout=0 -parallel=1 ./fuzz >"$log" 2>&1; then
		result=ok
	elif grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log" &&
		[ "$(grep -c -e '--- FAIL' "$log")" = 1 ]; then
		result=deadline
	else
		result=FAIL
	fi
}

for t in "${targets[@]}"; do
	fuzz "$t"
	if [ $result = deadline ]; then
		echo "$t: bare context deadline exceeded (golang/go#75804), no input written; running it again"
		fuzz "$t"
		if [ $result = deadline ]; then
			result="ok (twice a bare deadline with no input written: golang/go#75804)"
		fi
	fi
	[ "$result" = FAIL ] && status=1
	last=$(grep '^fuzz: elapsed' "$log" | tail -1)
	echo "$t: $result: ${last:-no progress line}"
	if [ "$result" = FAIL ]; then
		sed -n '/--- FAIL/,$p' "$log" | head -40
	fi
done
exit $status
