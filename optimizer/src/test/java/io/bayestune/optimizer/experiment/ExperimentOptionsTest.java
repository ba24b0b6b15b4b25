package io.bayestune.optimizer.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.strategy.BayesianStrategy.PendingPolicy;
import org.junit.jupiter.api.Test;

/** The optimizer's options live in the experiment's state, so that a resume continues exactly. */
class ExperimentOptionsTest {
  private static final ExperimentSpec SPEC = SpecJson.parse("""
      {"type": "offline", "metrics": [{"name": "f", "objective": "maximize"}], "observation_budget": 30,
       "parameters": [{"name": "x", "type": "double", "bounds": {"min": 0, "max": 1}},
                      {"name": "y", "type": "double", "bounds": {"min": 0, "max": 1}}]}
      """);

  /** The default spec grown as {@link #grownWith} does. */
  private static Experiment grown(ExperimentOptions options) {
    return grownWith(SPEC, options);
  }

  @Test
  void optionsAreSavedAndAResumedExperimentSuggestsWhatTheOriginalWould() {
    ExperimentOptions options = ExperimentOptions.defaults().withPendingPolicy("constant-liar").withWarpOutcomes(false);
    Experiment original = grown(options);
    Experiment resumed = Experiment.fromJson(original.toJson());
    assertEquals(options, resumed.options());
    assertEquals(original.suggest().assignments(), resumed.suggest().assignments());
    Experiment withDefaults = grown(ExperimentOptions.defaults());
    assertNotEquals(withDefaults.suggest().assignments(), Experiment.fromJson(original.toJson()).suggest().assignments(),
        "the options must matter, or this test shows nothing");
  }

  @Test
  void aStateWithoutOptionsLoadsWithTheDefaultsAndBadOptionsAreNamed() throws Exception {
    // A state as written before options were saved: today's state without its "options".
    com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode) SpecJson.MAPPER
        .readTree(grown(ExperimentOptions.defaults().withPendingPolicy("fantasies")).toJson());
    state.remove("options");
    String old = state.toString();
    // The local kernel is the one exception: such a state was made with the Matern-5/2 and replays with it.
    assertEquals(ExperimentOptions.defaults().withLocalKernel("matern52"), Experiment.fromJson(old).options());
    assertEquals("auto", ExperimentOptions.defaults().localKernel().jsonName());
    assertEquals(new ExperimentOptions(PendingPolicy.KRIGING_BELIEVER, true), ExperimentOptions.defaults());
    String bad = old.replace("\"suggestions\":", "\"options\": {\"pending_policy\": \"optimism\"}, \"suggestions\":");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiment.fromJson(bad));
    assertTrue(e.getMessage().contains("pending_policy") && e.getMessage().contains("optimism")
        && e.getMessage().contains("fantasies"), e.getMessage());
    String unknown = old.replace("\"suggestions\":", "\"options\": {\"warp\": false}, \"suggestions\":");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.fromJson(unknown)).getMessage()
        .contains("options.warp is not an option"));
    assertEquals("fantasies", ExperimentOptions.defaults().withPendingPolicy("fantasies").pendingPolicyName());
  }

  @Test
  void theLocalModelSwitchIsSavedAndChangesSuggestionsOnlyPastItsThreshold() {
    // Local past 6 completed trials on the 6 nearest: the 9 observations of grown() are beyond it.
    ExperimentOptions local = ExperimentOptions.defaults().withLocalModel(6, 6);
    Experiment original = grown(local);
    Experiment resumed = Experiment.fromJson(original.toJson());
    assertEquals(local, resumed.options());
    assertEquals(original.suggest().assignments(), resumed.suggest().assignments());
    assertNotEquals(grown(ExperimentOptions.defaults()).suggest().assignments(),
        Experiment.fromJson(original.toJson()).suggest().assignments(), "the local model must have been used");
    assertEquals(grown(ExperimentOptions.defaults().withLocalModel(9, 6)).suggest().assignments(),
        grown(ExperimentOptions.defaults()).suggest().assignments(), "at or below the threshold nothing changes");
    String bad = original.toJson().replaceAll("\"local_model_points\"\\s*:\\s*6", "\"local_model_points\": 1");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.fromJson(bad)).getMessage()
        .contains("options.local_model_points must be an integer >= 2"));
  }

  @Test
  void theTrustRegionSwitchIsSavedAndAResumedExperimentReplaysIt() {
    ExperimentOptions on = ExperimentOptions.defaults().withLocalModel(6, 6);
    ExperimentOptions off = on.withTrustRegion(false);
    assertTrue(on.trustRegion(), "on by default");
    Experiment original = grown(off);
    Experiment resumed = Experiment.fromJson(original.toJson());
    assertEquals(off, resumed.options());
    assertEquals(original.suggest().assignments(), resumed.suggest().assignments());
    assertNotEquals(grown(on).suggest().assignments(), Experiment.fromJson(original.toJson()).suggest().assignments(),
        "the trust region must change the search box");
    String bad = original.toJson().replaceAll("\"trust_region\"\\s*:\\s*false", "\"trust_region\": \"no\"");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.fromJson(bad)).getMessage()
        .contains("options.trust_region must be true or false"));
  }

  @Test
  void theLocalKernelIsSavedReplayedAndChangesOnlyTheLocalModel() {
    ExperimentOptions matern = ExperimentOptions.defaults().withLocalModel(6, 6).withLocalKernel("matern52");
    ExperimentOptions twoScale = matern.withLocalKernel("two-scale");
    Experiment original = grown(twoScale);
    Experiment resumed = Experiment.fromJson(original.toJson());
    assertEquals(twoScale, resumed.options());
    assertEquals(original.suggest().assignments(), resumed.suggest().assignments());
    assertNotEquals(grown(matern).suggest().assignments(), Experiment.fromJson(original.toJson()).suggest().assignments(),
        "the local model's kernel must change its suggestions");
    ExperimentOptions global = ExperimentOptions.defaults();
    assertEquals(grown(global.withLocalKernel("matern52")).suggest().assignments(),
        grown(global.withLocalKernel("two-scale")).suggest().assignments(), "the global model keeps the Matern-5/2");
    String bad = original.toJson().replaceAll("\"local_kernel\"\\s*:\\s*\"two-scale\"", "\"local_kernel\": \"rbf\"");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.fromJson(bad)).getMessage()
        .contains("local_kernel: must be auto, matern52 or two-scale, but got \"rbf\""));
  }

  @Test
  void aStateSavedBeforeTheLocalKernelExistedReplaysWithTheMatern() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode) SpecJson.MAPPER
        .readTree(grown(ExperimentOptions.defaults().withLocalModel(6, 6).withLocalKernel("matern52")).toJson());
    ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("options")).remove("local_kernel");
    Experiment old = Experiment.fromJson(state.toString());
    assertEquals("matern52", old.options().localKernel().jsonName());
    assertEquals(grown(ExperimentOptions.defaults().withLocalModel(6, 6).withLocalKernel("matern52")).suggest()
        .assignments(), old.suggest().assignments());
  }

  @Test
  void theDefaultLocalKernelIsTheMaternAboveABandwidthOf64() {
    ExperimentSpec wide = SpecJson.parse(SpecJson.toJson(SPEC).put("parallel_bandwidth", 256));
    assertEquals(256, wide.parallelBandwidth());
    ExperimentOptions auto = ExperimentOptions.defaults().withLocalModel(6, 6);
    assertEquals(grownWith(wide, auto.withLocalKernel("matern52")).suggest().assignments(),
        grownWith(wide, auto).suggest().assignments());
    assertNotEquals(grownWith(SPEC, auto.withLocalKernel("matern52")).suggest().assignments(),
        grownWith(SPEC, auto).suggest().assignments(), "at bandwidth 1 auto is the two-scale kernel");
  }

  /** Nine skewed observations and two open suggestions, so that the options change the next suggestion. */
  private static Experiment grownWith(ExperimentSpec spec, ExperimentOptions options) {
    Experiment e = Experiment.create(spec, 3, options);
    for (Suggestion s : e.suggest(9)) {
      double x = s.assignments().getDouble("x");
      double y = s.assignments().getDouble("y");
      e.observe(s.id(), Math.exp(6 * (-(x - 0.3) * (x - 0.3) - (y - 0.7) * (y - 0.7))), null);
    }
    e.suggest(2);
    return e;
  }
}
