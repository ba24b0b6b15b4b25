package io.bayestune.optimizer.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class WarmStartTest {
  private static final String SPEC = """
      {"metrics": [{"name": "strength", "objective": "maximize"}],
       "parameters": [
         {"name": "cement", "type": "double", "bounds": {"min": 100, "max": 550}},
         {"name": "age", "type": "int", "bounds": {"min": 1, "max": 365}},
         {"name": "mixer", "type": "categorical", "categorical_values": ["drum", "pan"]}]}
      """;

  private static Experiment fresh() {
    return Experiment.create(SpecJson.parse(SPEC), 1);
  }

  @Test
  void importsALabNotebookWithTypedValuesAndSkipsRowsWithoutAResult() throws IOException {
    Experiment e = fresh();
    WarmStart.Report r = WarmStart.fromCsv(e, new StringReader("""
        cement,age,mixer,strength,value_stddev
        300,28,drum,41.5,1.2
        450.5,7,pan,38.0,
        200,90,pan,,
        """));
    assertEquals(2, r.imported());
    assertEquals(1, r.skipped());
    assertTrue(r.reasons().get(0).contains("row 4"), r.reasons().toString());
    Observation first = e.observations().get(0);
    assertEquals(28L, first.assignments().getLong("age"));
    assertEquals("drum", first.assignments().getString("mixer"));
    assertEquals(1.2, first.valueStddev());
    assertEquals(41.5, e.best().orElseThrow().value());
  }

  @Test
  void aBadCellNamesRowAndColumnAndImportsNothing() {
    for (String bad : new String[] {"300,28,drum,41.5\n300,lots,pan,30",
        "300,28,drum,41.5\n300,28,pan,Infinity", "300,28,drum,41.5\n300,28,wok,30",
        "300,28,drum,41.5\n900,28,pan,30"}) {
      Experiment e = fresh();
      IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
          () -> WarmStart.fromCsv(e, new StringReader("cement,age,mixer,strength\n" + bad)));
      assertTrue(ex.getMessage().contains("row 3"), ex.getMessage());
      assertEquals(0, e.observations().size(), "nothing imported when row 3 is bad: " + ex.getMessage());
    }
  }

  @Test
  void aCsvWithoutTheMetricColumnIsRefusedWithTheFix() {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> WarmStart.fromCsv(fresh(), new StringReader("cement,age,mixer,mpa\n300,28,drum,41.5")));
    assertTrue(ex.getMessage().contains("'strength'") && ex.getMessage().contains("add it"), ex.getMessage());
  }

  @Test
  void importsAnotherExperimentsObservationsButNotItsFailures() {
    Experiment earlier = fresh();
    for (Suggestion s : earlier.suggest(5)) {
      earlier.observe(s.id(), s.assignments().getDouble("cement") / 10, null);
    }
    earlier.observeFailed(earlier.suggest().id());
    Experiment e = fresh();
    WarmStart.Report r = WarmStart.fromExperiment(e, earlier);
    assertEquals(5, r.imported());
    assertEquals(1, r.skipped());
    assertEquals(earlier.best().orElseThrow().assignments(), e.best().orElseThrow().assignments());
  }
}
