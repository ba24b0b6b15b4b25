package io.bayestune.optimizer.experiment;

import static io.bayestune.optimizer.experiment.SpecJsonTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ExperimentTest {
  static final String SPEC = """
      {"name": "mixed", "type": "random", "metrics": [{"name": "f", "objective": "minimize"}],
       "parameters": [
         {"name": "x", "type": "double", "bounds": {"min": -5, "max": 10}},
         {"name": "k", "type": "int", "bounds": {"min": 1, "max": 5}},
         {"name": "c", "type": "categorical", "categorical_values": ["a", "b", "c"]}]}
      """;

  private static Experiment fresh() {
    return Experiment.create(SpecJson.parse(SPEC), 11);
  }

  @Test
  void bestObservedIsTheLowestCompletedValueOfAMinimizedMetricAndEmptyBeforeOne() {
    Experiment e = fresh();
    List<Suggestion> s = e.suggest(4);
    e.observeFailed(s.get(0).id());
    assertTrue(e.bestObserved().isEmpty(), "a failed trial has no value to be best");
    e.observe(s.get(1).id(), 5.0, null);
    e.observe(s.get(2).id(), 2.0, 0.5);
    e.observe(s.get(3).id(), 2.0, null);
    assertEquals(s.get(2).id(), e.bestObserved().orElseThrow().suggestionId(), "the first of equal values");
  }

  @Test
  void suggestObserveBestWithAMinimizedMetric() {
    Experiment e = fresh();
    List<Suggestion> s = e.suggest(3);
    e.observe(s.get(0).id(), 5.0, null);
    e.observe(s.get(1).id(), 2.0, 0.1);
    e.observeFailed(s.get(2).id());
    Best best = e.best().orElseThrow();
    assertEquals(s.get(1).id(), best.suggestionId());
    assertEquals(2.0, best.value());
    assertEquals(0.1, best.valueStddev());
    assertTrue(e.openSuggestions().isEmpty());
  }

  @Test
  void bestIsEmptyUntilASuccessfulObservation() {
    Experiment e = fresh();
    assertTrue(e.best().isEmpty());
    e.observeFailed(e.suggest().id());
    assertTrue(e.best().isEmpty());
  }

  @Test
  void stateRoundTripsAndContinuesExactly() {
    Experiment e = fresh();
    List<Suggestion> s = e.suggest(3);
    e.observe(s.get(0).id(), 1.25, 0.5);
    e.observeFailed(s.get(1).id(), "diverged", Map.of("seconds", "3.5"));
    String state = e.toJson();
    Experiment reloaded = Experiment.fromJson(state);
    assertEquals(state, reloaded.toJson());
    assertEquals(e.openSuggestions(), reloaded.openSuggestions());
    assertEquals(e.suggest(2), reloaded.suggest(2));
    Observation failed = reloaded.observationOf(s.get(1).id()).orElseThrow();
    assertTrue(failed.failed());
    assertEquals("diverged", failed.failureReason());
    assertEquals("3.5", failed.metadata().get("seconds"));
  }

  @Test
  void doublesSurviveTheRoundTripBitForBit() {
    Experiment e = fresh();
    Suggestion s = e.suggest();
    e.observe(s.id(), 0.1 + 0.2, null);
    Experiment reloaded = Experiment.fromJson(e.toJson());
    assertEquals(s.assignments(), reloaded.suggestions().get(0).assignments());
    assertEquals(0.1 + 0.2, reloaded.observations().get(0).value());
  }

  @Test
  void unknownSuggestionIsRefusedAndNothingChanges() {
    assertRefusedUnchanged(e -> e.observe("99", 1.0, null), "suggestion 99", "no such suggestion", "check the id");
  }

  @Test
  void secondObservationIsRefusedAndNothingChanges() {
    assertRefusedUnchanged(e -> e.observe("1", 3.0, null), "suggestion 1", "already observed (value 0.83)",
        "observations are final");
    assertRefusedUnchanged(e -> e.observeFailed("1"), "suggestion 1", "already observed", "final");
  }

  @Test
  void nonFiniteValuesAreRefusedWithTheWayToReportFailure() {
    assertRefusedUnchanged(e -> e.observe("2", Double.NaN, null), "suggestion 2", "NaN", "\"failed\": true");
    assertRefusedUnchanged(e -> e.observe("2", Double.POSITIVE_INFINITY, null), "suggestion 2", "Infinity",
        "\"failed\": true");
    assertRefusedUnchanged(e -> e.observe("2", 1.0, -0.5), "value_stddev", "-0.5", "leave it out");
  }

  @Test
  void observationWithAssignmentsChecksEveryValue() {
    assertRefusedUnchanged(e -> e.observe(Map.of("x", 1.0, "k", 2L, "c", "z"), 1.0, null), "assignments.c",
        "\"z\"", "[a, b, c]");
    assertRefusedUnchanged(e -> e.observe(Map.of("x", 11.0, "k", 2L, "c", "a"), 1.0, null), "assignments.x",
        "11.0", "[-5.0, 10.0]");
    assertRefusedUnchanged(e -> e.observe(Map.of("x", 1.0, "k", 2.5, "c", "a"), 1.0, null), "assignments.k",
        "2.5", "integer");
    assertRefusedUnchanged(e -> e.observe(Map.of("x", 1.0, "c", "a"), 1.0, null), "assignments.k", "no value",
        "add it");
    assertRefusedUnchanged(e -> e.observe(Map.of("x", 1.0, "k", 2L, "c", "a", "y", 3.0), 1.0, null),
        "assignments.y", "not an active parameter", "remove it");
  }

  @Test
  void observationWithAssignmentsIsUsedAndKept() {
    Experiment e = fresh();
    e.observe(Map.of("x", 1.0, "k", 2L, "c", "a"), -3.0, null);
    Best best = e.best().orElseThrow();
    assertNull(best.suggestionId());
    assertEquals(-3.0, best.value());
    assertEquals(1, Experiment.fromJson(e.toJson()).observations().size());
  }

  @Test
  void countBelowOneIsRefused() {
    assertRefusedUnchanged(e -> e.suggest(0), "count", "0", "at least 1");
  }

  /** Sets up suggestions 1 and 2 with 1 observed at 0.83, applies a bad call, and checks the state is unchanged. */
  private static void assertRefusedUnchanged(Consumer<Experiment> badCall, String... mentions) {
    Experiment e = fresh();
    e.suggest(2);
    e.observe("1", 0.83, null);
    String before = e.toJson();
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> badCall.accept(e));
    assertMentions(error.getMessage(), mentions);
    assertEquals(before, e.toJson(), "a refused call must leave the experiment unchanged");
  }

  @Test
  void exhaustedSpaceSaysWhatToDo() {
    Experiment e = Experiment.create(SpecJson.parse("{\"type\":\"grid\",\"parameters\":[{\"name\":\"k\","
        + "\"type\":\"int\",\"bounds\":{\"min\":1,\"max\":2}}]}"), 1);
    e.suggest(2);
    String before = e.toJson();
    IllegalStateException error = assertThrows(IllegalStateException.class, e::suggest);
    assertMentions(error.getMessage(), "0 unused configuration", "widen the space");
    assertEquals(before, e.toJson());
    assertFalse(e.budgetReached());
  }
}
