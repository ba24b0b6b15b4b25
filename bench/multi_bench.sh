#!/usr/bin/env bash
# Runs bench/multi_bench.py ARGS... against this checkout's own build, from a private copy of its jars
# (for the reason bench/run.sh gives), with the project's .venv Python (optuna, cmaes; torch and scipy
# from bench/requirements-optuna-gp.txt for Optuna's GPSampler). Example:
#   nice -n 10 bench/multi_bench.sh run --suite two --seeds 1-20 --budget 60 --out bench/two.json
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MVN_OFFLINE=()
[ "${BAYESTUNE_OFFLINE:-}" = "1" ] && MVN_OFFLINE=(-o)
mvn -B -q "${MVN_OFFLINE[@]}" -pl jobs -am -DskipTests package dependency:build-classpath -DincludeScope=compile \
  -Dmdep.outputFile=target/multi-bench.classpath >&2
SNAP="$(mktemp -d "${TMPDIR:-/tmp}/bayestune-multi-bench.XXXXXX")"
trap 'rm -rf "$SNAP"' EXIT
JOBS_JAR="$(ls jobs/target/bayestune-jobs-*.jar | grep -v -e sources -e tests | head -1)"
cp "$JOBS_JAR" "$SNAP/"
CP="$SNAP/$(basename "$JOBS_JAR")"
IFS=":" read -r -a ENTRIES < jobs/target/multi-bench.classpath || true
for entry in "${ENTRIES[@]}"; do
  case "$entry" in
    "$ROOT"/*) cp "$entry" "$SNAP/" && CP="$CP:$SNAP/$(basename "$entry")" ;;
    *) CP="$CP:$entry" ;;
  esac
done
PYTHON="$ROOT/.venv/bin/python"
[ -x "$PYTHON" ] || PYTHON=python3
BAYESTUNE_CLASSPATH="$CP" "$PYTHON" bench/multi_bench.py "$@"
