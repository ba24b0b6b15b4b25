#!/usr/bin/env bash
# Runs `bayestune bench ARGS...` on this checkout's own build, e.g.
#   nice -n 10 bench/run.sh optimizer --seeds 20 --budget 50
#   nice -n 10 bench/run.sh latency
#
# Why not bin/bayestune: it runs from the checkout's target/ folders, which a rebuild of this checkout (an edit
# followed by any bin/bayestune call) replaces, possibly mid-run for a benchmark that takes an hour, and then the
# numbers belong to another optimizer. This script builds the reactor here, copies this checkout's jars (the
# benchmarks module's and everything it depends on) to a private folder and runs from those.
# Set BAYESTUNE_OFFLINE=1 to build with -o.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MVN_OFFLINE=()
[ "${BAYESTUNE_OFFLINE:-}" = "1" ] && MVN_OFFLINE=(-o)
echo "bench/run.sh: building $ROOT ..." >&2
mvn -B -q "${MVN_OFFLINE[@]}" -pl benchmarks -am -DskipTests package dependency:build-classpath -DincludeScope=compile \
  -Dmdep.outputFile=target/bench.classpath >&2

SNAP="$(mktemp -d "${TMPDIR:-/tmp}/bayestune-bench.XXXXXX")"
trap 'rm -rf "$SNAP"' EXIT
CP=""
add() { CP="${CP:+$CP:}$1"; }
# The benchmarks module (not in the cluster jar) and its classpath, which holds the jobs jar and its dependencies.
BENCH_JAR="$(ls benchmarks/target/bayestune-benchmarks-*.jar | grep -v -e sources -e tests | head -1)"
cp "$BENCH_JAR" "$SNAP/" && add "$SNAP/$(basename "$BENCH_JAR")"
IFS=":" read -r -a ENTRIES < benchmarks/target/bench.classpath || true  # no trailing newline
for entry in "${ENTRIES[@]}"; do
  case "$entry" in
    "$ROOT"/*) cp "$entry" "$SNAP/" && add "$SNAP/$(basename "$entry")" ;;
    *) add "$entry" ;;
  esac
done
set +e
java ${BAYESTUNE_JAVA_OPTS:-} -cp "$CP" io.bayestune.cli.Main bench "$@"
status=$?
exit $status
