"""Prints, as a JSON array, the spark-submit argv that the nightly DAG runs for one date.

    python3 airflow/print_command.py --master local[2] --jar jobs/target/bayestune-0.1.0-SNAPSHOT.jar \\
        --job examples/credit-gbt.yaml --output-base /tmp/tuning --ds 2026-12-01 [--budget 3]

The Java test AirflowNightlyIT (jobs/src/test/java/io/bayestune/cluster) runs what this prints; --databricks prints the Databricks run JSON instead.
"""
import argparse
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bayestune_commands as commands  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--master", default="local[2]")
    p.add_argument("--jar", required=True)
    p.add_argument("--job", required=True)
    p.add_argument("--output-base", required=True)
    p.add_argument("--ds", required=True, help="the run's logical date, YYYY-MM-DD")
    p.add_argument("--budget", type=int)
    p.add_argument("--conf", action="append", default=[], help="KEY=VALUE, repeatable")
    p.add_argument("--jars", help="comma-separated extra jars (e.g. a per-task objective's)")
    p.add_argument("--no-warm-start", action="store_true", help="without --warm-start-from (a first night)")
    p.add_argument("--databricks", metavar="CLUSTER_ID", help="print the DatabricksSubmitRunOperator json")
    a = p.parse_args(argv)
    previous = (datetime.date.fromisoformat(a.ds) - datetime.timedelta(days=1)).isoformat()
    dates = {"ds": a.ds, "previous_ds": previous, "budget": a.budget, "warm_start": not a.no_warm_start}
    if a.databricks:
        out = commands.databricks_submit_run_json(a.jar, a.job, a.output_base, a.databricks, **dates)
    else:
        conf = dict(kv.split("=", 1) for kv in a.conf)
        out = commands.spark_submit_argv(a.master, a.jar, a.job, a.output_base, conf=conf, jars=a.jars, **dates)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
