#!/usr/bin/env bash
# Runs gosec v2.30.0's G204 (subprocess launched with a variable) over the
# labelled corpus and records its findings in testdata/corpus/gosec.json,
# which TestCorpus scores beside shqvet. Not run by CI: it builds gosec
# from the module proxy. The corpus is put in a throwaway module, as the
# tests do, requiring the root module through a replace.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp -r "$here/testdata/fixtures/." "$tmp/"
cp -r "$here/testdata/corpus" "$tmp/corpus"
find "$tmp" -name go.mod.fixture -exec sh -c 'mv "$1" "${1%.fixture}"' sh {} \;
{
  printf 'module fixtures\n\ngo 1.26.0\n\nrequire (\n'
  printf '\tgithub.com/safeshell/safeshell v0.0.0\n\tgolang.org/x/crypto v0.0.0\n\tgithub.com/alessio/shellescape v0.0.0\n'
  awk '/^require \(/ {f=1; next} f && /^\)/ {f=0} f {print $0 " // indirect"}' "$root/go.mod"
  printf ')\n\nreplace github.com/safeshell/safeshell => %s\n\n' "$root"
  printf 'replace golang.org/x/crypto => ./xcrypto\n\nreplace github.com/alessio/shellescape => ./thirdparty/shellescape\n'
} >"$tmp/go.mod"
cp "$root/go.sum" "$tmp/go.sum"

cd "$tmp"
GOFLAGS=-mod=mod go run github.com/securego/gosec/v2/cmd/gosec@v2.30.0 \
  -include=G204 -fmt=json -out="$tmp/gosec.json" -no-fail -quiet ./corpus/... || true
# Keep what the score needs: snippet directory, line, rule.
jq '[.Issues[] | {file: (.file | split("/") | .[-2:] | join("/")), line: (.line | tonumber? // .line), rule_id}] | sort_by(.file, .line)' \
  "$tmp/gosec.json" >"$here/testdata/corpus/gosec.json"
jq -r '"gosec G204: \(.Stats.found) findings in \(.Stats.files) files; load errors: \(."Golang errors" | length)"' "$tmp/gosec.json"
