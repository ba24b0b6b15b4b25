#!/usr/bin/env bash
# Runs `bayestune bench ARGS...` on this checkout's own build, e.g.
#   nice -n 10 bench/run.sh optimizer --seeds 20 --budget 50
#   nice -n 10 bench/run.sh latency
#
# Why not bin/bayestune: the launcher `mvn install`s into ~/.m2 and runs the snapshot jars there, which
# any other checkout's `mvn install` overwrites, possibly mid-run for a benchmark that takes an hour,
# and then the numbers belong to someone else's optimizer. This script builds the reactor here, copies
# this checkout's jars to a private folder and runs from those. Set BAYESTUNE_OFFLINE=1 to build with -o.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MVN_OFFLINE=()
[ "${BAYESTUNE_OFFLINE:-}" = "1" ] && MVN_OFFLINE=(-o)
echo "bench/run.sh: building $ROOT ..." >&2
mvn -B -q "${MVN_OFFLINE[@]}" -DskipTests package dependency:build-classpath -DincludeScope=compile \
  -Dmdep.outputFile=target/bench.classpath >&2

SNAP="$(mktemp -d "${TMPDIR:-/tmp}/bayestune-bench.XXXXXX")"
trap 'rm -rf "$SNAP"' EXIT
CP=""
add() { CP="${CP:+$CP:}$1"; }
JOBS_JAR="$(ls jobs/target/bayestune-jobs-*.jar | grep -v -e sources -e tests | head -1)"
cp "$JOBS_JAR" "$SNAP/" && add "$SNAP/$(basename "$JOBS_JAR")"
IFS=":" read -r -a ENTRIES < jobs/target/bench.classpath || true  # no trailing newline
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
