#!/usr/bin/env bash
# Measures shqvet's wall time and peak memory beside go vet's on the same
# packages: the root module (./...) and a large public module from the
# module proxy (github.com/docker/cli, built from its vendor.mod). Each
# target gets a fresh build cache, warmed with go list -export, so no vet result
# is cached and every tool type-checks the same compiled dependencies.
# Not run by CI (several minutes on two cores).
#
#   bash shqvet/bench.sh            # both targets
#   bash shqvet/bench.sh root       # the root module only
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
targets=${1:-"root docker"}
docker_version=v29.9.3+incompatible
# The packages that build from the proxy: swarmkit v2.1.3, which
# ./cli/command/service needs, is not served.
docker_pkgs=${DOCKER_PKGS:-"./cli/connhelper/... ./cli/command/container/... ./cli/command/image/... ./cli/config/... ./opts/..."}

if ! [ -x /usr/bin/time ]; then
  echo "bench.sh needs GNU time (apt-get install time)" >&2
  exit 1
fi

(cd "$here" && go build -o "$work/shqvet" ./cmd/shqvet)

# measure LABEL CMD...: one run, wall time and peak RSS from GNU time.
measure() {
  local label=$1
  shift
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || true
  local wall rss findings
  wall=$(sed -n 's/^\tElapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  rss=$(sed -n 's/^\tMaximum resident set size (kbytes): //p' "$work/time.txt")
  findings=$(grep -c ': shqvet: ' "$work/out.txt" || true)
  printf '| %s | %s | %s | %d MiB | %s |\n' "$target" "$label" "$wall" $((rss / 1024)) "$findings"
}

run_target() {
  local dir=$1 pkgs=$2 list
  read -r -a list <<<"$pkgs" # the patterns, one word each
  export GOCACHE="$work/cache-$target"
  # Compile every package and test variant the tools will load, so each
  # tool type-checks against the same cached export data.
  (cd "$dir" && go list -test -deps -export "${list[@]}" >/dev/null)
  cd "$dir"
  measure "go vet $pkgs" go vet "${list[@]}"
  measure "go vet -vettool=shqvet $pkgs" go vet -vettool="$work/shqvet" "${list[@]}"
  measure "shqvet $pkgs" "$work/shqvet" "${list[@]}"
  cd - >/dev/null
}

echo "| target | command | wall | max RSS | shqvet findings |"
echo "|---|---|---|---|---|"
for target in $targets; do
  case $target in
  root)
    run_target "$root" ./...
    ;;
  docker)
    # docker/cli has no go.mod (it uses CalVer): build it from vendor.mod,
    # fetching its dependencies through the module proxy.
    export GOFLAGS=-mod=mod
    (cd "$work" && go mod download -json "github.com/docker/cli@$docker_version" >"$work/dl.json")
    src=$(sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' "$work/dl.json")
    cp -r "$src" "$work/docker-cli"
    chmod -R u+w "$work/docker-cli"
    rm -rf "$work/docker-cli/vendor"
    cp "$work/docker-cli/vendor.mod" "$work/docker-cli/go.mod"
    cp "$work/docker-cli/vendor.sum" "$work/docker-cli/go.sum"
    run_target "$work/docker-cli" "$docker_pkgs"
    unset GOFLAGS
    ;;
  *)
    echo "unknown target $target" >&2
    exit 2
    ;;
  esac
done
echo
echo "machine: $(nproc) cores, $(go version), load average at the end: $(cut -d" " -f1-3 /proc/loadavg)"
