// Package fuzz holds safeshell's native Go fuzz targets. It has no API: the
// targets are in its test files, and each one checks results, not just
// the absence of panics.
//
//	FuzzQuote        every dialect: mvdan.cc/sh parses and expands POSIX and
//	                 Bash output back to the input; a model reader does the
//	                 same for every dialect (Fish included, invalid UTF-8
//	                 included); structural rules (no raw control byte in
//	                 Bash output, no escaping backslash after a byte ≥ 0x80,
//	                 no backslash at all in POSIX output); Split(Quote(s))
//	FuzzSplit        Split never panics; what it accepts, bash and mvdan.cc/sh
//	                 read as the same words, and Join/Split round-trips them
//	FuzzJoinSplit    Split(Join(args)) == args (args separated by NUL bytes)
//	FuzzBuilder      accepted values make an argv equal to what the line
//	                 expands to
//	FuzzTemplate     parsed templates filled with values do the same
//	FuzzS3Bucket …   one target per validator: no panic, and accepted values
//	                 satisfy the rule's invariants
//
// The FuzzXxxRapid targets run the same properties as the rapid tests
// (TestXxxProperty) from the fuzzer's input, through rapid.MakeFuzz.
//
// Run one target at a time (the machine has two cores):
//
//	go test -run='^$' -fuzz='^FuzzQuote$' -fuzztime=10m -timeout=0 -parallel=1 ./fuzz
//
// (-timeout=0: the default 10m test timeout would stop a 10m run), or the
// run script beside the targets for every one of them. With
// SHQ_FUZZ_SHELLS=1 the targets also run each case through the real shells
// of internal/shelltest (slow: tens of shell processes per case);
// SHQ_REQUIRE_TOOLS=1 then makes a missing shell or locale a failure.
//
// Seed corpora are in testdata/fuzz/FuzzXxx: one file per hazard of the
// design notes (hazard-*), generated from the seed tables of the tests (go
// test ./fuzz -run Corpus -update-corpus), and every failing input the
// fuzzer found (found-*), kept as a regression seed. The validator targets
// keep their own seeds (rule-*) as files and get the quoting hazards
// through f.Add.
package fuzz
