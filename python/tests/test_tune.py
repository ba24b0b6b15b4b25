"""bayestune.tune on real PySpark (local[4]): trials as Spark tasks on Python workers, the job's loop on the driver."""
from __future__ import annotations

import json
import os
import threading
import time

import pytest

import bayestune

SPACE = bayestune.SearchSpace.builder().addDouble("x", 0.0, 1.0).addInt("k", 1, 4).build()


def _rows(result) -> list[dict]:
    return [r.asDict() for r in result.trials.orderBy("id").collect()]


def _credit_data(repo_root: str):
    import pandas as pd

    df = pd.read_csv(os.path.join(repo_root, "examples", "data", "credit_data.csv"))
    y = (df.pop("Status") == "bad").astype(int).to_numpy()
    for column in ("Home", "Marital", "Records", "Job"):
        df[column] = df[column].astype("category").cat.codes
    return df.to_numpy(dtype=float), y


def _max_overlap(intervals: list[tuple[float, float]]) -> int:
    events = sorted([(s, 1) for s, _ in intervals] + [(e, -1) for _, e in intervals], key=lambda p: (p[0], p[1]))
    running = peak = 0
    for _, step in events:
        running += step
        peak = max(peak, running)
    return peak


def test_a_scikit_learn_objective_runs_on_executors_four_trials_at_a_time(spark, repo_root, tmp_path):
    X, y = _credit_data(repo_root)
    marks = str(tmp_path / "marks")
    os.makedirs(marks)

    def cross_validated_auc(a):
        import uuid

        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.model_selection import cross_val_score
        from threadpoolctl import threadpool_limits

        me = uuid.uuid4().hex
        open(os.path.join(marks, "start-" + me), "w").close()
        # The first four trials wait (at most 60 s) until all four have started: they can only all start if tune
        # runs four at a time, and then their intervals overlap however slow this machine is.
        if len(os.listdir(marks)) <= 4:
            deadline = time.time() + 60
            while sum(n.startswith("start-") for n in os.listdir(marks)) < 4 and time.time() < deadline:
                time.sleep(0.05)
        started = time.time()
        with threadpool_limits(1):
            model = HistGradientBoostingClassifier(learning_rate=a["learning_rate"], max_depth=a["max_depth"],
                                                   max_iter=15, random_state=0)
            scores = cross_val_score(model, X, y, cv=3, scoring="roc_auc")
        with open(os.path.join(marks, "interval-" + me), "w") as f:
            json.dump([started, time.time(), os.getpid()], f)
        return {"value": float(scores.mean()), "value_stddev": float(scores.std())}

    space = (bayestune.SearchSpace.builder().addDouble("learning_rate", 0.02, 0.5, log=True)
             .addInt("max_depth", 2, 6).build())
    output = str(tmp_path / "out")
    result = bayestune.tune(cross_validated_auc, space, budget=6, parallelism=4, spark=spark, output=output,
                            seed=5, progress=False)

    intervals = []
    for name in os.listdir(marks):
        if name.startswith("interval-"):
            with open(os.path.join(marks, name)) as f:
                intervals.append(json.load(f))
    assert len(intervals) == 6
    assert _max_overlap([(s, e) for s, e, _ in intervals]) == 4
    assert len({pid for _, _, pid in intervals}) >= 4  # four Python workers at once
    assert result.observations == 6 and result.failed == 0
    assert 0.7 < result.best_value < 1.0 and result.best_value_stddev is not None
    assert set(result.best_assignments) == {"learning_rate", "max_depth"}
    rows = _rows(result)
    assert [r["id"] for r in rows] == list(range(1, 7)) and all(r["status"] == "completed" for r in rows)
    assert [r["value"] for r in rows if str(r["id"]) == result.best_trial] == [result.best_value]
    for name in ("best.json", "report.html", "trials.parquet", "trials.csv", "experiment"):
        assert os.path.exists(os.path.join(output, name)), name
    with open(os.path.join(output, "best.json")) as f:
        assert json.load(f)["value"] == pytest.approx(result.best_value)


def test_a_trial_that_raises_or_returns_nan_is_observed_failed_and_the_search_goes_on(spark, tmp_path):
    marks = str(tmp_path)

    def objective(a):
        # Exactly one trial raises and exactly one returns NaN: the first two to create their marker.
        for mark, outcome in (("raised", "raise"), ("nan", "nan")):
            try:
                os.close(os.open(os.path.join(marks, mark), os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                continue
            if outcome == "raise":
                raise ValueError(f"x={a['x']:.3f} is not allowed\nsecond line of the message")
            return float("nan")
        return -(a["x"] - 0.4) ** 2 + a["k"]

    result = bayestune.tune(objective, SPACE, budget=6, parallelism=2, spark=spark, output=str(tmp_path / "out"),
                            seed=3, progress=False)
    rows = _rows(result)
    failed = sorted((r["error"] for r in rows if r["status"] == "failed"), key=len)
    assert result.observations == 6 and result.failed == 2
    assert failed[0] == "value is NaN, not a finite number"
    assert failed[1].startswith("ValueError: x=") and failed[1].endswith("is not allowed")
    assert sum(r["status"] == "completed" for r in rows) == 4
    assert all(r["value"] is None for r in rows if r["status"] == "failed")

    # A new experiment warm-started from this one imports its 4 completed trials and then makes its own.
    warm = bayestune.tune(lambda a: -(a["x"] - 0.4) ** 2 + a["k"], SPACE, budget=6, parallelism=2, spark=spark,
                          output=str(tmp_path / "warm"), warm_start_from=str(tmp_path / "out"), seed=3,
                          progress=False)
    warm_rows = _rows(warm)
    assert warm.observations == 6 and warm.failed == 0
    assert sorted((r["x"], r["value"]) for r in warm_rows if r["id"] is None) == \
        sorted((r["x"], r["value"]) for r in rows if r["status"] == "completed")
    assert [r["id"] for r in warm_rows if r["id"] is not None] == [1, 2]


def test_a_trial_past_its_timeout_is_cancelled_observed_failed_and_its_slot_reused(spark, tmp_path):
    marks = str(tmp_path)

    def objective(a):
        try:
            os.close(os.open(os.path.join(marks, "hung"), os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return a["x"]
        time.sleep(300)  # the first trial hangs
        open(os.path.join(marks, "woke"), "w").close()
        return 1.0

    started = time.time()
    result = bayestune.tune(objective, SPACE, budget=3, parallelism=1, spark=spark, output=str(tmp_path / "out"),
                            trial_timeout=20, seed=4, name="timeouts", progress=False)
    elapsed = time.time() - started
    rows = _rows(result)
    assert [r["status"] for r in rows] == ["failed", "completed", "completed"], rows
    assert rows[0]["error"] == "timed out after 20s"
    assert elapsed < 250 and not os.path.exists(os.path.join(marks, "woke"))  # nobody waited for the sleep
    # The hung trial's Spark job (its job group) was cancelled, not left running.
    tracker = spark.sparkContext.statusTracker()
    jobs = tracker.getJobIdsForGroup("bayestune-timeouts-trial-1")
    assert jobs and all(tracker.getJobInfo(j).status == "FAILED" for j in jobs)


def test_an_objective_that_cannot_be_pickled_fails_before_any_trial_with_the_culprit_and_the_fix(spark, tmp_path):
    lock = threading.Lock()

    def with_lock(a):
        with lock:
            return a["x"]

    output = tmp_path / "never"
    with pytest.raises(bayestune.ObjectiveNotPicklableError) as caught:
        bayestune.tune(with_lock, SPACE, budget=2, spark=spark, output=str(output))
    message = str(caught.value)
    assert "cannot be pickled" in message and "closure variable 'lock'" in message and "_thread.lock" in message
    assert "inside fn" in message
    assert not output.exists()  # nothing ran, nothing was written

    def with_session(a):
        return spark.range(3).count()

    with pytest.raises(TypeError, match=r"closure variable 'spark' used by .*SparkSession.*df\.toPandas\(\)"):
        bayestune.tune(with_session, SPACE, budget=2, spark=spark, output=str(output))


@pytest.mark.parametrize("kwargs, error, words", [
    ({"budget": 0}, ValueError, "budget=0 must be at least 1"),
    ({"budget": 2.5}, TypeError, "budget=2.5 is not an int"),
    ({"parallelism": 0}, ValueError, "parallelism=0 must be at least 1"),
    ({"space": []}, ValueError, "space names no parameter"),
    ({"fn": "objective"}, TypeError, "fn='objective' is not callable"),
    ({"trial_timeout": -1}, ValueError, "trial_timeout=-1 must be a positive number of seconds"),
    ({"space": [{"name": "x", "type": "double", "bounds": {"min": 1, "max": 0}}]}, ValueError, "parameters[0]"),
])
def test_bad_input_names_the_field_and_the_fix(spark, tmp_path, kwargs, error, words):
    args = {"fn": lambda a: a["x"], "space": SPACE, "budget": 2, "spark": spark, "output": str(tmp_path / "o")}
    args.update(kwargs)
    with pytest.raises(error) as caught:
        bayestune.tune(**args)
    assert words in str(caught.value)
    assert "Py4J" not in str(caught.value) and "\tat " not in str(caught.value)


def test_an_objective_returning_a_string_stops_with_a_type_error_naming_the_fix(spark, tmp_path):
    with pytest.raises(TypeError) as caught:
        bayestune.tune(lambda a: "0.5", SPACE, budget=2, parallelism=2, spark=spark, output=str(tmp_path / "o"),
                       progress=False)
    message = str(caught.value)
    assert "fn returned '0.5' (str)" in message and "return a number, or a dict {'value'" in message


def test_a_spark_connect_session_gets_a_clear_error_saying_what_to_use(tmp_path):
    from pyspark.sql.connect.session import SparkSession as ConnectSession

    # The check needs only the session's type; a connected client would need a Connect server (test_connect*.py).
    remote = object.__new__(ConnectSession)
    with pytest.raises(NotImplementedError, match="Spark Connect.*BayesianTuner.*classic driver"):
        bayestune.tune(lambda a: a["x"], SPACE, budget=2, spark=remote, output=str(tmp_path / "o"))
