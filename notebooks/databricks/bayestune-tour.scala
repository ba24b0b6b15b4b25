// Databricks notebook source
// MAGIC %md
// MAGIC # bayestune on Databricks: tune a Spark ML pipeline, then run a lab experiment
// MAGIC
// MAGIC 1. Tune a gradient-boosted tree classifier with `BayesianTuner`, a stage of an ordinary Spark ML `Pipeline`.
// MAGIC 2. Look at every trial as a DataFrame and at the experiment report.
// MAGIC 3. Use the optimizer's three calls (create, suggest, observe) on a lab-style problem: the strongest concrete mix.
// MAGIC
// MAGIC **Setup:** attach the `bayestune-jobs` jar to the cluster (Libraries > Install new > Jar) and upload
// MAGIC `examples/data/credit_data.csv` and `examples/data/concrete.csv` to `dbfs:/FileStore/bayestune`
// MAGIC (or point `bayestune.data` elsewhere).

// COMMAND ----------

// Where the data is read from and models are written to; a test run sets these as system properties.
val dataDir = sys.props.getOrElse("bayestune.data", "dbfs:/FileStore/bayestune")
val modelDir = sys.props.getOrElse("bayestune.models", "dbfs:/FileStore/bayestune/models")
// Trials of the GBT tuning, and lab runs of the concrete experiment: small here, raise them for real work.
val maxTrials = sys.props.getOrElse("bayestune.maxTrials", "12").toInt
val labRuns = sys.props.getOrElse("bayestune.labRuns", "20").toInt

// COMMAND ----------

// MAGIC %md
// MAGIC ## 1. Tune a GBT inside a Pipeline
// MAGIC
// MAGIC The credit data: 4454 applicants, `Status` is `good` or `bad` (the class to catch), a few missing incomes.
// MAGIC The feature stages come first; the tuner is the last stage, and searches the GBT's own `Param`s by name.

// COMMAND ----------

import org.apache.spark.ml.{Pipeline, PipelineModel}
import org.apache.spark.ml.classification.GBTClassifier
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator
import org.apache.spark.ml.feature.{Imputer, OneHotEncoder, StringIndexer, VectorAssembler}
import org.apache.spark.sql.functions.col
import io.bayestune.ml.{BayesianTuner, BayesianTunerModel, Scale, SearchSpace}

val credit = spark.read.option("header", "true").option("inferSchema", "true").csv(s"$dataDir/credit_data.csv")
val Array(train, test) = credit.randomSplit(Array(0.8, 0.2), 7L)

val categorical = Array("Home", "Marital", "Records", "Job")
val withGaps = Array("Income", "Assets", "Debt")
val complete = Array("Seniority", "Time", "Age", "Expenses", "Amount", "Price")

// StringIndexer orders labels by frequency, so the rarer "bad" becomes 1.0: the positive class.
val label = new StringIndexer().setInputCol("Status").setOutputCol("label")
val indexer = new StringIndexer().setInputCols(categorical).setOutputCols(categorical.map(_ + "_index"))
  .setHandleInvalid("keep")
val encoder = new OneHotEncoder().setInputCols(categorical.map(_ + "_index")).setOutputCols(categorical.map(_ + "_vec"))
val imputer = new Imputer().setInputCols(withGaps).setOutputCols(withGaps.map(_ + "_filled")).setStrategy("median")
val assembler = new VectorAssembler()
  .setInputCols(categorical.map(_ + "_vec") ++ withGaps.map(_ + "_filled") ++ complete)
  .setOutputCol("features")

// COMMAND ----------

val tuner = new BayesianTuner()
  .setEstimator(new GBTClassifier().setMaxIter(10).setSeed(1))
  .setEvaluator(new BinaryClassificationEvaluator())        // areaUnderROC, larger is better
  .setSearchSpace(SearchSpace.builder()
    .addInt("maxDepth", 2, 5)
    .addDouble("stepSize", 0.05, 0.5, Scale.LOG)
    .addDouble("subsamplingRate", 0.5, 1.0)
    .build())
  .setMaxTrials(maxTrials)
  .setParallelism(2)          // two trials in flight; each one's Spark jobs run in its own job group
  .setTrainRatio(0.75)        // one validation split per trial; setNumFolds(3) cross-validates instead
  .setSeed(42)

val pipelineModel = new Pipeline().setStages(Array(label, indexer, encoder, imputer, assembler, tuner)).fit(train)
val tuned = pipelineModel.stages.last.asInstanceOf[BayesianTunerModel]
println(f"best ${tuned.metricName} ${tuned.bestValue}%.4f with ${tuned.bestParams}")

// COMMAND ----------

// MAGIC %md
// MAGIC ## 2. Every trial, and the report
// MAGIC
// MAGIC `trials` has one row per trial: its id, one column per searched Param, the metric, its spread
// MAGIC (with folds), the status (a failed fit is kept as `failed`, with its error), and the seconds it took.

// COMMAND ----------

display(tuned.trials.orderBy(col("metric").desc))

// COMMAND ----------

val testAuc = new BinaryClassificationEvaluator().evaluate(pipelineModel.transform(test))
println(f"held-out areaUnderROC of the refitted best model: $testAuc%.4f")

// COMMAND ----------

displayHTML(io.bayestune.report.HtmlReport.renderFragment(tuned.experiment, "GBT on the credit data"))

// COMMAND ----------

// The fitted pipeline saves and loads like any other; the tuner stage keeps its trials and the best model.
pipelineModel.write.overwrite().save(s"$modelDir/credit-gbt")
val reloaded = PipelineModel.load(s"$modelDir/credit-gbt")
val reloadedTrials = reloaded.stages.last.asInstanceOf[BayesianTunerModel].trials.count()
println(s"reloaded: ${reloaded.stages.length} stages, $reloadedTrials trials")

// COMMAND ----------

// MAGIC %md
// MAGIC ## 3. The three calls: a lab experiment
// MAGIC
// MAGIC The concrete data (Yeh 2006): 1030 mixtures and their compressive strength. A random forest fitted to it
// MAGIC plays the lab. The experiment proposes mixtures for the 28-day test; the lab measures two at a time; every
// MAGIC measurement is observed. Create, suggest, observe: the same calls work from any loop, service or notebook.

// COMMAND ----------

import org.apache.spark.ml.regression.RandomForestRegressor
import org.apache.spark.sql.Row
import org.apache.spark.sql.types.{DoubleType, StringType, StructField, StructType}
import scala.jdk.CollectionConverters._

val concrete = spark.read.option("header", "true").option("inferSchema", "true").csv(s"$dataDir/concrete.csv")
val components = Array("cement", "blast_furnace_slag", "fly_ash", "water", "superplasticizer", "coarse_aggregate",
  "fine_aggregate")
val lab = new Pipeline().setStages(Array(
  new VectorAssembler().setInputCols(components :+ "age").setOutputCol("features"),
  new RandomForestRegressor().setLabelCol("compressive_strength").setNumTrees(20).setMaxDepth(7).setSeed(1)
)).fit(concrete)

// COMMAND ----------

import io.bayestune.optimizer.experiment.{Experiment, SpecJson, Suggestion}

// Bounds: the range each component takes in the data (kg per m3 of concrete).
val experiment = Experiment.create(SpecJson.parse(s"""{
  "name": "Strongest concrete at 28 days",
  "metrics": [{"name": "compressive_strength", "objective": "maximize"}],
  "observation_budget": $labRuns,
  "parameters": [
    {"name": "cement",             "type": "double", "bounds": {"min": 102, "max": 540}},
    {"name": "blast_furnace_slag", "type": "double", "bounds": {"min": 0,   "max": 359}},
    {"name": "fly_ash",            "type": "double", "bounds": {"min": 0,   "max": 200}},
    {"name": "water",              "type": "double", "bounds": {"min": 122, "max": 247}},
    {"name": "superplasticizer",   "type": "double", "bounds": {"min": 0,   "max": 32}},
    {"name": "coarse_aggregate",   "type": "double", "bounds": {"min": 801, "max": 1145}},
    {"name": "fine_aggregate",     "type": "double", "bounds": {"min": 594, "max": 992}}
  ]}"""), 7L)

// The lab: measures a batch of mixtures at 28 days (here, the forest predicts their strength).
val mixSchema = StructType(StructField("id", StringType) +: (components :+ "age").map(StructField(_, DoubleType)))
def measure(batch: Seq[Suggestion]): Map[String, Double] = {
  val rows = batch.map(s => Row.fromSeq(s.id +: components.toSeq.map(s.assignments.getDouble(_)) :+ 28.0))
  lab.transform(spark.createDataFrame(rows.asJava, mixSchema)).select("id", "prediction").collect()
    .map(r => r.getString(0) -> r.getDouble(1)).toMap
}

// COMMAND ----------

while (!experiment.budgetReached()) {
  val batch = experiment.suggest(2).asScala.toSeq                 // two mixtures go to the lab at once
  for ((id, strength) <- measure(batch)) experiment.observe(id, strength, null)
}
val best = experiment.best.get
val bestInData = concrete.agg(org.apache.spark.sql.functions.max("compressive_strength")).head.getDouble(0)
println(f"best mix after ${experiment.observations.size} lab runs: ${best.assignments} -> ${best.value}%.1f MPa" +
  f" (strongest in the data, at any age: $bestInData%.1f MPa)")

// COMMAND ----------

displayHTML(io.bayestune.report.HtmlReport.renderFragment(experiment, "Concrete mix"))
