package io.bayestune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;

/**
 * The tuner's Params as Spark sees them (by reflection on public methods): the names, defaults and owner that saved
 * tuners and the Python wrapper (python/bayestune/ml/_params.py) rely on. No Spark session needed.
 */
class BayesianTunerParamsTest {

  @Test
  void namesAndDefaultsAreThoseSavedTunersAndPythonUse() {
    BayesianTuner tuner = new BayesianTuner("bayesianTuner_fixed");
    List<String> names = Arrays.stream(tuner.params()).map(Param::name).toList();
    assertEquals(List.of("estimator", "estimatorJson", "evaluator", "evaluatorJson", "extraMetrics", "maxTrials",
        "mlflowExperiment", "mlflowRunName", "mlflowTrackingUri", "numFolds", "parallelism", "searchSpace", "seed",
        "trainRatio"), names);
    for (Param<?> p : tuner.params()) {
      assertEquals("bayesianTuner_fixed", p.parent(), p.name() + " must belong to the tuner's uid");
    }
    assertEquals(20, tuner.getMaxTrials());
    assertEquals(1, tuner.getParallelism());
    assertEquals(3, tuner.getNumFolds());
    assertEquals(0.75, tuner.getTrainRatio());
    assertEquals((long) "io.bayestune.ml.BayesianTuner".hashCode(), tuner.getSeed());
    assertEquals(5, Arrays.stream(tuner.params()).filter(tuner::hasDefault).count(), "only the five defaults");
  }

  @Test
  void setterChainsReturnTheTunerAndCopiesKeepTheValues() {
    BayesianTuner tuner = new BayesianTuner().setMaxTrials(7).setParallelism(2).setSeed(11);
    BayesianTuner copied = tuner.copy(new org.apache.spark.ml.param.ParamMap());
    assertEquals(tuner.uid(), copied.uid());
    assertEquals(7, copied.getMaxTrials());
    assertEquals(2, copied.getParallelism());
    assertEquals(11L, copied.getSeed());
    assertTrue(copied.isSet(copied.maxTrials()) && !copied.isSet(copied.numFolds()));
  }
}
