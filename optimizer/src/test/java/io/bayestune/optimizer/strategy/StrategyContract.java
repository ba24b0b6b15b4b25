package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every strategy promises, run against each of them: valid, distinct, deterministic suggestions
 * that do not depend on the order observations arrived in.
 */
interface StrategyContract {

  /** The experiment {@code type} under test. */
  String type();

  default Experiment experiment(long seed) {
    return Experiment.create(SpecJson.parse("""
        {"type": "%s", "metrics": [{"name": "f", "objective": "minimize"}],
         "conditionals": [{"name": "kind", "values": ["smooth", "bumpy"]}],
         "parameters": [
           {"name": "x", "type": "double", "bounds": {"min": -2, "max": 2}, "grid": [-2, -1, 0, 1, 2]},
           {"name": "k", "type": "int", "bounds": {"min": 1, "max": 4}},
           {"name": "bump", "type": "double", "bounds": {"min": 0.1, "max": 10}, "transformation": "log",
            "grid": [0.1, 1, 10], "conditions": {"kind": ["bumpy"]}},
           {"name": "c", "type": "categorical", "categorical_values": ["a", "b"]}]}
        """.formatted(type())), seed);
  }

  static double objective(Assignments a) {
    double v = Math.pow(a.getDouble("x") - 0.5, 2) + 0.1 * a.getLong("k") + (a.getString("c").equals("a") ? 0 : 1);
    if (a.getString("kind").equals("bumpy")) {
      v += Math.abs(Math.log10(a.getDouble("bump")));
    }
    return v;
  }

  @Test
  default void suggestionsAreValidDistinctAndCarryOnlyActiveParameters() {
    Experiment e = experiment(3);
    Set<Assignments> seen = new HashSet<>();
    for (int round = 0; round < 8; round++) {
      List<Suggestion> batch = e.suggest(3);
      for (Suggestion s : batch) {
        assertTrue(seen.add(s.assignments()), "suggestion " + s.id() + " repeats " + s.assignments());
        Assignments a = s.assignments();
        assertEquals(a, e.spec().space().validate(a.asMap()), "suggestion " + s.id() + " is not valid");
        assertEquals(a.getString("kind").equals("bumpy"), a.contains("bump"), "active parameters of " + a);
      }
      e.observe(batch.get(0).id(), objective(batch.get(0).assignments()), null);
      e.observeFailed(batch.get(1).id());
      e.observe(batch.get(2).id(), objective(batch.get(2).assignments()), 0.05);
    }
  }

  @Test
  default void sameSeedAndHistoryGiveTheSameSuggestions() {
    Experiment a = experiment(17);
    Experiment b = experiment(17);
    for (int i = 0; i < 6; i++) {
      Suggestion sa = a.suggest();
      Suggestion sb = b.suggest();
      assertEquals(sa, sb, "suggestion " + i);
      a.observe(sa.id(), objective(sa.assignments()), null);
      b.observe(sb.id(), objective(sb.assignments()), null);
    }
  }

  @Test
  default void arrivalOrderOfObservationsDoesNotChangeTheNextSuggestion() {
    Experiment a = experiment(23);
    Experiment b = experiment(23);
    List<Suggestion> sa = a.suggest(7);
    List<Suggestion> sb = b.suggest(7);
    assertEquals(sa, sb);
    List<Suggestion> reversed = new ArrayList<>(sb);
    java.util.Collections.reverse(reversed);
    for (Suggestion s : sa) {
      a.observe(s.id(), objective(s.assignments()), null);
    }
    for (Suggestion s : reversed) {
      b.observe(s.id(), objective(s.assignments()), null);
    }
    assertEquals(a.suggest(), b.suggest());
  }

  @Test
  default void anExperimentReloadedFromItsStateContinuesExactly() {
    Experiment a = experiment(5);
    for (Suggestion s : a.suggest(6)) {
      a.observe(s.id(), objective(s.assignments()), null);
    }
    a.suggest(2);
    Experiment b = Experiment.fromJson(a.toJson());
    assertEquals(a.suggest(2), b.suggest(2));
  }

  @Test
  default void allFailedHistoryStillSuggests() {
    Experiment e = experiment(8);
    for (Suggestion s : e.suggest(6)) {
      e.observeFailed(s.id());
    }
    Suggestion next = e.suggest();
    assertFalse(next.assignments().asMap().isEmpty());
  }
}
