# Databricks notebook source
# MAGIC %md
# MAGIC # bayestune on Databricks, in Python: tune a Spark ML pipeline, a Python objective, and a lab experiment
# MAGIC
# MAGIC 1. Tune a gradient-boosted tree classifier with `BayesianTuner`, a stage of an ordinary Spark ML `Pipeline`.
# MAGIC 2. Tune a single-node scikit-learn model with `bayestune.tune`: every trial a Spark task on an executor,
# MAGIC    the optimizer on the driver (what Hyperopt's `SparkTrials` was used for).
# MAGIC 3. Use the three calls (create, suggest, observe) on a lab-style problem: the strongest concrete mix.
# MAGIC
# MAGIC **Setup:** install the bayestune wheel on the cluster (it carries its jar; or attach the jar and
# MAGIC `%pip install` the wheel) and upload `examples/data/credit_data.csv` and `examples/data/concrete.csv` to
# MAGIC `dbfs:/FileStore/bayestune` (or set `BAYESTUNE_DATA` elsewhere).

# COMMAND ----------

# MAGIC %pip install bayestune

# COMMAND ----------

import os

# Where data is read from and models are written to; a test run sets these in the environment.
data_dir = os.environ.get("BAYESTUNE_DATA", "dbfs:/FileStore/bayestune")            # for Spark
local_data_dir = os.environ.get("BAYESTUNE_LOCAL_DATA", "/dbfs/FileStore/bayestune")  # the same, for pandas
work_dir = os.environ.get("BAYESTUNE_WORK", "dbfs:/FileStore/bayestune/work")
# Trials of each tuning, and lab runs of the concrete experiment: small here, raise them for real work.
max_trials = int(os.environ.get("BAYESTUNE_MAX_TRIALS", "12"))
lab_runs = int(os.environ.get("BAYESTUNE_LAB_RUNS", "20"))

# COMMAND ----------

# MAGIC %md
# MAGIC ## 1. Tune a GBT inside a Pipeline
# MAGIC
# MAGIC The credit data: 4454 applicants, `Status` is `good` or `bad` (the class to catch), a few missing incomes.
# MAGIC The feature stages come first; the tuner is the last stage and searches the GBT's own `Param`s by name.

# COMMAND ----------

from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.classification import GBTClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import Imputer, OneHotEncoder, StringIndexer, VectorAssembler
from pyspark.sql.functions import col

from bayestune import SearchSpace
from bayestune.ml import BayesianTuner

credit = spark.read.option("header", "true").option("inferSchema", "true").csv(f"{data_dir}/credit_data.csv")
train, test = credit.randomSplit([0.8, 0.2], seed=7)

categorical = ["Home", "Marital", "Records", "Job"]
with_gaps = ["Income", "Assets", "Debt"]
complete = ["Seniority", "Time", "Age", "Expenses", "Amount", "Price"]

# StringIndexer orders labels by frequency, so the rarer "bad" becomes 1.0: the positive class.
label = StringIndexer(inputCol="Status", outputCol="label")
indexer = StringIndexer(inputCols=categorical, outputCols=[c + "_index" for c in categorical], handleInvalid="keep")
encoder = OneHotEncoder(inputCols=[c + "_index" for c in categorical], outputCols=[c + "_vec" for c in categorical])
imputer = Imputer(inputCols=with_gaps, outputCols=[c + "_filled" for c in with_gaps], strategy="median")
assembler = VectorAssembler(inputCols=[c + "_vec" for c in categorical] + [c + "_filled" for c in with_gaps] + complete,
                            outputCol="features")

# COMMAND ----------

tuner = (BayesianTuner()
         .setEstimator(GBTClassifier(maxIter=10, seed=1))
         .setEvaluator(BinaryClassificationEvaluator())        # areaUnderROC, larger is better
         .setSearchSpace(SearchSpace.builder()
                         .addInt("maxDepth", 2, 5)
                         .addDouble("stepSize", 0.05, 0.5, log=True)
                         .addDouble("subsamplingRate", 0.5, 1.0)
                         .build())
         .setMaxTrials(max_trials)
         .setParallelism(2)          # two trials in flight; each one's Spark jobs run in its own job group
         .setTrainRatio(0.75)        # one validation split per trial; setNumFolds(3) cross-validates instead
         .setSeed(42))

pipeline_model = Pipeline(stages=[label, indexer, encoder, imputer, assembler, tuner]).fit(train)
tuned = pipeline_model.stages[-1]
print(f"best {tuned.metricName} {tuned.bestValue:.4f} with {tuned.bestParams}")

# COMMAND ----------

# MAGIC %md
# MAGIC ## 2. Every trial, and the held-out score
# MAGIC
# MAGIC `trials` has one row per trial: its id, one column per searched Param, the metric, its spread
# MAGIC (with folds), the status (a failed fit is kept as `failed`, with its error), and the seconds it took.

# COMMAND ----------

display(tuned.trials.orderBy(col("metric").desc()))

# COMMAND ----------

test_auc = BinaryClassificationEvaluator().evaluate(pipeline_model.transform(test))
print(f"held-out areaUnderROC of the refitted best model: {test_auc:.4f}")

# The fitted pipeline saves and loads like any other (Scala and Java load it too); the tuner stage keeps its
# trials and the best model.
pipeline_model.write().overwrite().save(f"{work_dir}/credit-gbt")
reloaded = PipelineModel.load(f"{work_dir}/credit-gbt")
print(f"reloaded: {len(reloaded.stages)} stages, {reloaded.stages[-1].trials.count()} trials")

# COMMAND ----------

# MAGIC %md
# MAGIC ## 3. A Python objective on the executors: `bayestune.tune`
# MAGIC
# MAGIC Any Python function of the assignments can be tuned: each trial runs as one Spark task (a Python worker on
# MAGIC an executor), the optimizer stays on the driver and starts the next trial as soon as a slot frees. The
# MAGIC function is pickled once, so it reads its data itself rather than closing over a DataFrame.

# COMMAND ----------

import bayestune


def cross_validated_auc(assignments):
    import pandas as pd
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import cross_val_score

    frame = pd.read_csv(f"{local_data_dir}/credit_data.csv")
    y = (frame.pop("Status") == "bad").astype(int)
    for c in categorical:
        frame[c] = frame[c].astype("category")
    model = HistGradientBoostingClassifier(categorical_features="from_dtype", random_state=0,
                                           learning_rate=assignments["learning_rate"],
                                           max_leaf_nodes=assignments["max_leaf_nodes"],
                                           l2_regularization=assignments["l2_regularization"])
    return float(cross_val_score(model, frame, y, cv=3, scoring="roc_auc").mean())


result = bayestune.tune(
    cross_validated_auc,
    SearchSpace.builder()
    .addDouble("learning_rate", 0.01, 0.3, log=True)
    .addInt("max_leaf_nodes", 4, 64)
    .addDouble("l2_regularization", 1e-4, 10.0, log=True)
    .build(),
    budget=max_trials, parallelism=2, output=f"{work_dir}/credit-hgb", seed=42)
print(f"best 3-fold AUC {result.best_value:.4f} with {result.best_assignments}")
display(result.trials)

# COMMAND ----------

# MAGIC %md
# MAGIC ## 4. The three calls: a lab experiment
# MAGIC
# MAGIC The concrete data (Yeh 2006): 1030 mixtures and their compressive strength. A random forest fitted to it
# MAGIC plays the lab. The experiment proposes mixtures for the 28-day test; the lab measures two at a time; every
# MAGIC measurement is observed. The state lives at `at` (a directory or `s3a://`), the same state the
# MAGIC `bayestune` command line reads, so a lab notebook, a script and a colleague's shell share one experiment.

# COMMAND ----------

import pandas as pd
from sklearn.ensemble import RandomForestRegressor

concrete = pd.read_csv(f"{local_data_dir}/concrete.csv")
components = ["cement", "blast_furnace_slag", "fly_ash", "water", "superplasticizer", "coarse_aggregate",
              "fine_aggregate"]
lab = RandomForestRegressor(n_estimators=50, max_depth=8, random_state=1).fit(
    concrete[components + ["age"]], concrete["compressive_strength"])


def measure(batch):
    """The lab: measures a batch of mixtures at 28 days (here, the forest predicts their strength)."""
    mixes = pd.DataFrame([{**{c: s.assignments[c] for c in components}, "age": 28} for s in batch])
    return dict(zip((s.id for s in batch), lab.predict(mixes[components + ["age"]])))

# COMMAND ----------

# Bounds: the range each component takes in the data (kg per m3 of concrete).
experiment = bayestune.Experiment.create(
    name="Strongest concrete at 28 days",
    parameters=[{"name": c, "type": "double",
                 "bounds": {"min": float(concrete[c].min()), "max": float(concrete[c].max())}} for c in components],
    metric="compressive_strength", budget=lab_runs, at=os.environ.get("BAYESTUNE_LAB", "/dbfs/FileStore/bayestune/lab"),
    seed=7)

while experiment.progress["observation_count"] < lab_runs:
    batch = experiment.suggest(count=2)            # two mixtures go to the lab at once
    for suggestion_id, strength in measure(batch).items():
        experiment.observe(suggestion_id, value=float(strength))

best = experiment.best()
print(f"best mix after {experiment.progress['observation_count']} lab runs: {best.assignments} -> {best.value:.1f} MPa"
      f" (strongest in the data, at any age: {concrete['compressive_strength'].max():.1f} MPa)")
