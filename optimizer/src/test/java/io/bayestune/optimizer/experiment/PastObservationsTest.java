package io.bayestune.optimizer.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Observations that carry their own assignments instead of a suggestion id (SigOpt's API allowed both). */
class PastObservationsTest {
  private static final String SPEC = """
      {"type": "%s", "metrics": [{"name": "strength", "objective": "maximize"}],
       "parameters": [
         {"name": "cement", "type": "double", "bounds": {"min": 100, "max": 550}},
         {"name": "age", "type": "int", "bounds": {"min": 1, "max": 365}},
         {"name": "mixer", "type": "categorical", "categorical_values": ["drum", "pan"]}]}
      """;

  private static Experiment fresh(String type) {
    return Experiment.create(SpecJson.parse(SPEC.formatted(type)), 3);
  }

  private static Map<String, Object> mix(double cement, long age, String mixer) {
    return Map.of("cement", cement, "age", age, "mixer", mixer);
  }

  @Test
  void pastTrialsSucceededOrFailedAreKeptInTheStateAndSurviveAResume() {
    Experiment e = fresh("offline");
    e.observe(mix(300, 28, "drum"), 41.5, 1.2);
    e.observeFailed(mix(500, 3, "pan"), "the mould cracked", Map.of("lab", "north"));
    e.observeAll(List.of(PastObservation.of(mix(250, 90, "pan"), 44.0, null),
        PastObservation.failed(mix(120, 1, "drum"), null)));
    Suggestion s = e.suggest();
    e.observe(s.id(), 40.0, null);

    Experiment resumed = Experiment.fromJson(e.toJson());
    assertEquals(e.observations(), resumed.observations());
    Observation failed = resumed.observations().get(1);
    assertNull(failed.suggestionId());
    assertTrue(failed.failed());
    assertEquals("the mould cracked", failed.failureReason());
    assertEquals("north", failed.metadata().get("lab"));
    assertEquals(44.0, resumed.best().orElseThrow().value());
    assertEquals(e.suggest().assignments(), resumed.suggest().assignments(), "a resume continues exactly");
  }

  @Test
  void thousandsLoadInOneCallAndABadOneLoadsNoneNamingIndexParameterValueAndFix() {
    SplittableRandom r = new SplittableRandom(1);
    List<PastObservation> history = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      history.add(PastObservation.of(mix(100 + 450 * r.nextDouble(), 1 + r.nextInt(365), r.nextBoolean() ? "drum"
          : "pan"), r.nextDouble() * 80, null));
    }
    Experiment e = fresh("random");
    assertEquals(5000, e.observeAll(history).size());
    assertEquals(5000, Experiment.fromJson(e.toJson()).observations().size());

    List<PastObservation> withBad = new ArrayList<>(history.subList(0, 10));
    withBad.add(PastObservation.of(mix(900, 28, "drum"), 30, null));
    Experiment other = fresh("random");
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> other.observeAll(withBad));
    assertTrue(ex.getMessage().startsWith("observations[10]: assignments.cement"), ex.getMessage());
    assertTrue(ex.getMessage().contains("900") && ex.getMessage().contains("[100.0, 550.0]"), ex.getMessage());
    assertTrue(ex.getMessage().contains("leave this trial out"), ex.getMessage());
    assertEquals(0, other.observations().size(), "all or nothing");

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> other.observe(Map.of("cement", 300.0, "age", 28L, "mixer", "drum", "water", 180.0), 30, null));
    assertTrue(unknown.getMessage().contains("assignments.water") && unknown.getMessage().contains("remove it"),
        unknown.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> other.observeAll(List.of(PastObservation.of(mix(300, 28, "drum"), Double.NaN, null))));
    assertTrue(nan.getMessage().contains("observations[0]: value must be finite"), nan.getMessage());
  }

  @Test
  void theModelUsesPastTrialsFromItsFirstSuggestion() {
    Experiment e = Experiment.create(SpecJson.parse("""
        {"type": "offline", "metrics": [{"name": "f", "objective": "maximize"}],
         "parameters": [{"name": "x", "type": "double", "bounds": {"min": 0, "max": 1}}]}
        """), 5);
    List<PastObservation> history = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      double x = i / 20.0;
      history.add(PastObservation.of(Map.of("x", x), -(x - 0.63) * (x - 0.63), null));
    }
    e.observeAll(history);
    double x = e.suggest().assignments().getDouble("x");
    assertTrue(Math.abs(x - 0.63) < 0.05, "the first suggestion should refine the known optimum near 0.63, got " + x);
  }

  @Test
  void aStateFileWrittenBeforeThisChangeStillLoads() {
    String old = """
        {"format": "bayestune-experiment/1", "seed": 7, "next_id": 2,
         "experiment": {"metrics": [{"name": "f", "objective": "minimize"}],
                        "parameters": [{"name": "x", "type": "double", "bounds": {"min": 0, "max": 1}}]},
         "suggestions": [{"id": "1", "assignments": {"x": 0.25}}],
         "observations": [{"suggestion": "1", "assignments": {"x": 0.25}, "value": 3.5},
                          {"assignments": {"x": 0.75}, "value": 1.5, "value_stddev": 0.1}]}
        """;
    Experiment e = Experiment.fromJson(old);
    assertEquals(2, e.observations().size());
    assertNull(e.observations().get(1).suggestionId());
    assertEquals(1.5, e.best().orElseThrow().value());
  }
}
