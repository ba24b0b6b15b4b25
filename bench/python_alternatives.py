"""Side by side with what Python users would pick instead of bayestune (issue 11's benchmark).

Same machine, same data (the bundled credit data), same budget and parallelism, several seeds, in one run:

* task ``sklearn``: a single-node objective (scikit-learn HistGradientBoostingClassifier, 3-fold AUC on fixed folds)
  tuned by ``bayestune.tune``, by Hyperopt's ``SparkTrials`` (TPE) and by Optuna's MLflow Spark study
  (``mlflow.pyspark.optuna.study.MlflowSparkStudy``, TPE, against a real MLflow server on 127.0.0.1);
* task ``spark``: the Spark ML GBT model (as examples/credit-gbt.yaml: maxDepth, stepSize, maxIter 20) tuned by
  ``bayestune.ml.BayesianTuner`` from Python, and by Optuna (``GPSampler`` and TPE) in a driver loop with
  ``n_jobs`` = parallelism, each trial fitting the same Spark ML stages on the tuner's own 3 folds (the same
  ``randomSplit`` with the same seed), and each run timed over the same work: the feature stages, the search and
  the refit of the best model on all the data.

The figure compared is the best 3-fold mean AUC a method observed (the same measure for all) and the wall-clock of
its run. Usage (from a checkout, after ``bash bench/python-env``)::

    nice .venv-bench/bin/python bench/python_alternatives.py --seeds 5 --budget 40 --parallelism 4 \
        --out docs/benchmarks.md
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
CREDIT = os.path.join(ROOT, "examples", "data", "credit_data.csv")
CATEGORICAL = ["Home", "Marital", "Records", "Job"]
NUMERIC = ["Seniority", "Time", "Age", "Expenses", "Income", "Assets", "Debt", "Amount", "Price"]

from python_bench_report import Row, write_section  # noqa: E402  (bench/ is on the path above)


@dataclass
class Outcome:
    best_auc: float
    seconds: float


# ---------------------------------------------------------------- the single-node objective (scikit-learn)

SKLEARN_SPACE = [
    {"name": "learning_rate", "type": "double", "bounds": {"min": 0.01, "max": 0.3}, "transformation": "log"},
    {"name": "max_leaf_nodes", "type": "int", "bounds": {"min": 4, "max": 64}},
    {"name": "min_samples_leaf", "type": "int", "bounds": {"min": 5, "max": 200}},
    {"name": "l2_regularization", "type": "double", "bounds": {"min": 1e-4, "max": 10.0}, "transformation": "log"},
    {"name": "max_features", "type": "double", "bounds": {"min": 0.3, "max": 1.0}},
]


def sklearn_objective(csv_path: str):
    """A picklable objective: reads the data once per Python worker, 3 fixed stratified folds, mean AUC."""
    cache: dict = {}

    def objective(assignments: dict) -> float:
        import numpy as np
        import pandas as pd
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.metrics import roc_auc_score
        from sklearn.model_selection import StratifiedKFold

        if "data" not in cache:
            frame = pd.read_csv(csv_path)
            y = (frame["Status"] == "bad").to_numpy(dtype=int)
            x = frame.drop(columns=["Status"])
            for c in CATEGORICAL:
                x[c] = x[c].astype("category")
            folds = list(StratifiedKFold(n_splits=3, shuffle=True, random_state=0).split(x, y))
            cache["data"] = (x, y, folds)
        x, y, folds = cache["data"]
        model_params = dict(learning_rate=float(assignments["learning_rate"]),
                            max_leaf_nodes=int(assignments["max_leaf_nodes"]),
                            min_samples_leaf=int(assignments["min_samples_leaf"]),
                            l2_regularization=float(assignments["l2_regularization"]),
                            max_features=float(assignments["max_features"]),
                            categorical_features="from_dtype", random_state=0)
        aucs = []
        for train, valid in folds:
            model = HistGradientBoostingClassifier(**model_params).fit(x.iloc[train], y[train])
            aucs.append(roc_auc_score(y[valid], model.predict_proba(x.iloc[valid])[:, 1]))
        return float(np.mean(aucs))

    return objective


def sklearn_bayestune(spark, seed: int, budget: int, parallelism: int, workdir: str) -> Outcome:
    import bayestune

    start = time.perf_counter()
    result = bayestune.tune(sklearn_objective(CREDIT), SKLEARN_SPACE, budget=budget, parallelism=parallelism,
                            spark=spark, output=os.path.join(workdir, f"tune-{seed}"), seed=seed)
    seconds = time.perf_counter() - start
    values = [r["value"] for r in result.trials.where("status = 'completed'").select("value").collect()]
    return Outcome(max(values), seconds)


def sklearn_hyperopt(spark, seed: int, budget: int, parallelism: int, workdir: str) -> Outcome:
    import numpy as np
    from hyperopt import SparkTrials, STATUS_OK, fmin, hp, tpe
    from hyperopt.pyll import scope

    space = {
        "learning_rate": hp.loguniform("learning_rate", np.log(0.01), np.log(0.3)),
        "max_leaf_nodes": scope.int(hp.quniform("max_leaf_nodes", 4, 64, 1)),
        "min_samples_leaf": scope.int(hp.quniform("min_samples_leaf", 5, 200, 1)),
        "l2_regularization": hp.loguniform("l2_regularization", np.log(1e-4), np.log(10.0)),
        "max_features": hp.uniform("max_features", 0.3, 1.0),
    }
    objective = sklearn_objective(CREDIT)

    def loss(assignments):
        return {"loss": -objective(assignments), "status": STATUS_OK}

    trials = SparkTrials(parallelism=parallelism, spark_session=spark)
    start = time.perf_counter()
    fmin(loss, space, algo=tpe.suggest, max_evals=budget, trials=trials, rstate=np.random.default_rng(seed),
         show_progressbar=False)
    seconds = time.perf_counter() - start
    return Outcome(-min(trials.losses()[i] for i in range(len(trials.losses())) if trials.losses()[i] is not None),
                   seconds)


def sklearn_optuna_mlflow_spark(spark, seed: int, budget: int, parallelism: int, workdir: str,
                                tracking_uri: str) -> Outcome:
    import mlflow
    import optuna
    from mlflow.optuna.storage import MlflowStorage
    from mlflow.pyspark.optuna.study import MlflowSparkStudy

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    mlflow.set_tracking_uri(tracking_uri)
    experiment_id = mlflow.create_experiment(f"optuna-spark-{seed}-{time.time_ns()}")
    objective = sklearn_objective(CREDIT)

    def optuna_objective(trial):
        return objective({
            "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
            "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 4, 64),
            "min_samples_leaf": trial.suggest_int("min_samples_leaf", 5, 200),
            "l2_regularization": trial.suggest_float("l2_regularization", 1e-4, 10.0, log=True),
            "max_features": trial.suggest_float("max_features", 0.3, 1.0),
        })

    study = MlflowSparkStudy(f"credit-hgb-{seed}", MlflowStorage(experiment_id=experiment_id),
                             sampler=optuna.samplers.TPESampler(seed=seed), mlflow_tracking_uri=tracking_uri,
                             direction="maximize")
    start = time.perf_counter()
    study.optimize(optuna_objective, n_trials=budget, n_jobs=parallelism)
    seconds = time.perf_counter() - start
    completed = [t.value for t in study.trials if t.value is not None]
    return Outcome(max(completed), seconds)


# ---------------------------------------------------------------- the Spark ML GBT model

def credit_frame(spark):
    from pyspark.sql import functions as F

    frame = spark.read.option("header", "true").option("inferSchema", "true").csv(CREDIT)
    return frame.withColumn("label", (F.col("Status") == "bad").cast("double")).drop("Status").cache()


def feature_stages():
    """As the Databricks tour's: categorical columns indexed (a missing value is a category of its own), the
    numeric columns with gaps (Income, Assets, Debt) imputed with their median, then one vector."""
    from pyspark.ml.feature import Imputer, StringIndexer, VectorAssembler

    with_gaps = ["Income", "Assets", "Debt"]
    indexers = [StringIndexer(inputCol=c, outputCol=c + "_index", handleInvalid="keep") for c in CATEGORICAL]
    imputer = Imputer(inputCols=with_gaps, outputCols=[c + "_filled" for c in with_gaps], strategy="median")
    complete = [c for c in NUMERIC if c not in with_gaps]
    assembler = VectorAssembler(inputCols=complete + [c + "_filled" for c in with_gaps]
                                + [c + "_index" for c in CATEGORICAL], outputCol="features")
    return indexers + [imputer, assembler]


def gbt(max_depth: int = 5, step_size: float = 0.1):
    from pyspark.ml.classification import GBTClassifier

    return GBTClassifier(maxIter=20, maxDepth=max_depth, stepSize=step_size, maxBins=64, seed=0)


def spark_bayestune(spark, seed: int, budget: int, parallelism: int, workdir: str) -> Outcome:
    from pyspark.ml import Pipeline
    from pyspark.ml.evaluation import BinaryClassificationEvaluator

    from bayestune import SearchSpace
    from bayestune.ml import BayesianTuner

    space = SearchSpace.builder().addInt("maxDepth", 2, 8).addDouble("stepSize", 0.01, 0.5, log=True).build()
    tuner = (BayesianTuner().setEstimator(gbt()).setEvaluator(BinaryClassificationEvaluator())
             .setSearchSpace(space).setMaxTrials(budget).setParallelism(parallelism).setNumFolds(3).setSeed(seed))
    frame = credit_frame(spark)
    start = time.perf_counter()
    model = Pipeline(stages=feature_stages() + [tuner]).fit(frame)
    seconds = time.perf_counter() - start
    # The tuner's best is the highest mean metric over its folds, as CrossValidator's (docs/mllib.md).
    return Outcome(model.stages[-1].bestValue, seconds)


def spark_optuna(spark, seed: int, budget: int, parallelism: int, workdir: str, sampler_name: str) -> Outcome:
    import optuna
    from pyspark.ml import Pipeline
    from pyspark.ml.evaluation import BinaryClassificationEvaluator
    from pyspark import StorageLevel

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    start = time.perf_counter()  # the same work as the tuner's Pipeline.fit: features, the search, the refit
    frame = credit_frame(spark)
    prepared = Pipeline(stages=feature_stages()).fit(frame).transform(frame)
    # The very folds BayesianTuner scores on (its ValidationSplits: randomSplit of equal weights with the tuner's
    # seed, each training set the union of the other folds, all cached), so both report one measure on one split.
    parts = [p.persist(StorageLevel.MEMORY_AND_DISK) for p in prepared.randomSplit([1.0, 1.0, 1.0], seed)]
    folds = []
    for k, valid in enumerate(parts):
        others = [p for j, p in enumerate(parts) if j != k]
        train = others[0].union(others[1]).persist(StorageLevel.MEMORY_AND_DISK)
        train.count()
        folds.append((train, valid))
    evaluator = BinaryClassificationEvaluator()

    def objective(trial):
        estimator = gbt(trial.suggest_int("maxDepth", 2, 8), trial.suggest_float("stepSize", 0.01, 0.5, log=True))
        return statistics.fmean(evaluator.evaluate(estimator.fit(train).transform(valid)) for train, valid in folds)

    sampler = (optuna.samplers.GPSampler(seed=seed) if sampler_name == "gp"
               else optuna.samplers.TPESampler(seed=seed, multivariate=True))
    study = optuna.create_study(direction="maximize", sampler=sampler)
    study.optimize(objective, n_trials=budget, n_jobs=parallelism)
    gbt(study.best_params["maxDepth"], study.best_params["stepSize"]).fit(prepared)  # the model a user keeps
    seconds = time.perf_counter() - start
    for train, _ in folds:
        train.unpersist()
    for p in parts:
        p.unpersist()
    return Outcome(study.best_value, seconds)


# ---------------------------------------------------------------- the run

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MlflowServer:
    """A real MLflow tracking server on 127.0.0.1 (SQLite backend), for Optuna's MLflow Spark study."""

    def __init__(self, workdir: str):
        self.port = free_port()
        self.uri = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [os.path.join(os.path.dirname(sys.executable), "mlflow"), "server", "--host", "127.0.0.1", "--port",
             str(self.port), "--backend-store-uri", f"sqlite:///{workdir}/mlflow.db",
             "--default-artifact-root", f"{workdir}/mlflow-artifacts", "--workers", "1"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(workdir, "mlflow.log"), "w"))
        deadline = time.time() + 600  # a loaded machine starts it slowly
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()  # not left behind (with its uvicorn and job-runner children) when it never answered
        raise RuntimeError(f"the MLflow server did not start on port {self.port}; see {workdir}/mlflow.log")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def rows_from_results(path: str) -> list[Row]:
    """One row per (task, method) from a JSON-lines results file, in the order first seen."""
    grouped: dict[tuple[str, str], Row] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            row = grouped.setdefault((r["task"], r["method"]), Row(r["task"], r["method"], [], []))
            row.aucs.append(r["auc"])
            row.seconds.append(r["seconds"])
    return list(grouped.values())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--budget", type=int, default=40)
    parser.add_argument("--parallelism", type=int, default=4)
    parser.add_argument("--tasks", default="sklearn,spark")
    parser.add_argument("--methods", default="all", help="comma-separated method names, or all")
    parser.add_argument("--first-seed", type=int, default=1, help="seeds first-seed .. first-seed + seeds - 1")
    parser.add_argument("--results", default=None,
                        help="a JSON-lines file each finished run is appended to; the table is made from all its lines "
                             "(so seeds run in several sittings make one table)")
    parser.add_argument("--table-only", action="store_true", help="write the table from --results and run nothing")
    parser.add_argument("--out", default=None, help="a Markdown file whose section this run (re)writes")
    args = parser.parse_args(argv)

    if args.table_only:
        rows = rows_from_results(args.results)
        print(write_section(rows, args, "nice .venv-bench/bin/python bench/python_alternatives.py "
                            + " ".join(argv or sys.argv[1:]), 0.0, args.out))
        return 0
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # One thread per trial for every method: scikit-learn's OpenMP would otherwise start a thread per core in each
    # of the parallel trials, and the methods would be measured on an oversubscribed machine.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from pyspark.sql import SparkSession

    import bayestune

    workdir = tempfile.mkdtemp(prefix="bayestune-pybench-")
    spark = (SparkSession.builder.master(f"local[{args.parallelism}]").config("spark.ui.showConsoleProgress", "false").appName("bayestune-python-bench")
             .config("spark.jars", bayestune.jar_path()).config("spark.driver.host", "127.0.0.1")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
             .config("spark.driver.memory", "3g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    tasks = args.tasks.split(",")
    mlflow_server = MlflowServer(workdir) if "sklearn" in tasks else None
    methods = {
        "sklearn": {
            "bayestune.tune": sklearn_bayestune,
            "Hyperopt SparkTrials (TPE)": sklearn_hyperopt,
            "Optuna MlflowSparkStudy (TPE)": lambda *a: sklearn_optuna_mlflow_spark(*a, tracking_uri=mlflow_server.uri),
        },
        "spark": {
            "bayestune BayesianTuner": spark_bayestune,
            "Optuna GPSampler (n_jobs)": lambda *a: spark_optuna(*a, sampler_name="gp"),
            "Optuna TPE multivariate (n_jobs)": lambda *a: spark_optuna(*a, sampler_name="tpe"),
        },
    }
    wanted = None if args.methods == "all" else set(args.methods.split(","))
    rows: list[Row] = []
    started = time.time()
    try:
        for task in tasks:
            chosen = {name: run for name, run in methods[task].items() if wanted is None or name in wanted}
            outcomes: dict[str, list[Outcome]] = {name: [] for name in chosen}
            # Seed-major: each seed runs every method back to back, so a machine whose load drifts during the run
            # slows all methods alike instead of whichever method's seeds happened to run in the busy stretch.
            for seed in range(args.first_seed, args.first_seed + args.seeds):
                for name, run in chosen.items():
                    outcome = run(spark, seed, args.budget, args.parallelism, workdir)
                    print(f"{task:8s} {name:36s} seed {seed}: best AUC {outcome.best_auc:.4f} "
                          f"in {outcome.seconds:.0f} s", flush=True)
                    outcomes[name].append(outcome)
                    if args.results:
                        with open(args.results, "a", encoding="utf-8") as f:
                            f.write(json.dumps({"task": task, "method": name, "seed": seed, "budget": args.budget,
                                                "auc": outcome.best_auc, "seconds": outcome.seconds,
                                                "load": os.getloadavg()[0]}) + "\n")
            rows += [Row(task, name, [o.best_auc for o in runs], [o.seconds for o in runs])
                     for name, runs in outcomes.items()]
    finally:
        if mlflow_server is not None:
            mlflow_server.stop()
        spark.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    command = "nice .venv-bench/bin/python bench/python_alternatives.py " + " ".join(argv or sys.argv[1:])
    if args.results:
        rows = rows_from_results(args.results)
    text = write_section(rows, args, command, time.time() - started, args.out)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
