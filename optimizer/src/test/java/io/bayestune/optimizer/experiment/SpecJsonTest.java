package io.bayestune.optimizer.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecJsonTest {
  static final String FULL = """
      {"name": "gbt", "type": "offline", "observation_budget": 30, "parallel_bandwidth": 4,
       "metrics": [{"name": "auc", "objective": "maximize"}],
       "conditionals": [{"name": "booster", "values": ["tree", "linear"]}],
       "parameters": [
         {"name": "eta", "type": "double", "bounds": {"min": 0.001, "max": 1}, "transformation": "log"},
         {"name": "depth", "type": "int", "bounds": {"min": 2, "max": 10}, "conditions": {"booster": ["tree"]}},
         {"name": "alpha", "type": "double", "bounds": {"min": 0, "max": 1}, "grid": [0, 0.5, 1]},
         {"name": "loss", "type": "categorical", "categorical_values": ["log", {"name": "hinge"}]}]}
      """;

  @Test
  void parsesEveryFieldOfSigOptsShape() {
    ExperimentSpec spec = SpecJson.parse(FULL);
    assertEquals("gbt", spec.name());
    assertEquals(StrategyType.OFFLINE, spec.type());
    assertEquals(30, spec.observationBudget());
    assertEquals(4, spec.parallelBandwidth());
    assertEquals(new Metric("auc", Metric.Goal.MAXIMIZE), spec.metric());
    DoubleParameter eta = (DoubleParameter) spec.space().parameter("eta");
    assertTrue(eta.log());
    assertEquals(0.001, eta.min());
    IntParameter depth = (IntParameter) spec.space().parameter("depth");
    assertEquals(java.util.Map.of("booster", java.util.List.of("tree")), depth.conditions());
    assertEquals(java.util.List.of(0.0, 0.5, 1.0), ((DoubleParameter) spec.space().parameter("alpha")).grid());
    assertEquals(java.util.List.of("log", "hinge"), ((CategoricalParameter) spec.space().parameter("loss")).values());
  }

  @Test
  void writtenSpecReadsBackEqual() {
    ExperimentSpec spec = SpecJson.parse(FULL);
    ExperimentSpec again = SpecJson.parse(SpecJson.toJson(spec));
    assertEquals(SpecJson.toJson(spec), SpecJson.toJson(again));
    assertEquals(spec.space().parameters(), again.space().parameters());
  }

  @Test
  void metricsDefaultToMaximizingValue() {
    ExperimentSpec spec = SpecJson.parse("{\"parameters\":[{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}]}");
    assertEquals(new Metric("value", Metric.Goal.MAXIMIZE), spec.metric());
  }

  /** Each bad field: the message names the field, the value found and what to do. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bounds reversed|{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":5,\"max\":1}}|parameters[0] 'x'|min=5.0|swap",
      "log with min 0|{\"name\":\"lr\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1},\"transformation\":\"log\"}|parameters[0] 'lr'|min=0.0|raise min",
      "int log min 0|{\"name\":\"n\",\"type\":\"int\",\"bounds\":{\"min\":0,\"max\":9},\"transformation\":\"log\"}|parameters[0] 'n'|min=0|raise min",
      "empty categorical|{\"name\":\"c\",\"type\":\"categorical\",\"categorical_values\":[]}|parameters[0] 'c'|got none|add the values",
      "repeated categorical|{\"name\":\"c\",\"type\":\"categorical\",\"categorical_values\":[\"a\",\"a\"]}|parameters[0] 'c'|[a, a]|remove",
      "unknown type|{\"name\":\"x\",\"type\":\"float\",\"bounds\":{\"min\":0,\"max\":1}}|parameters[0] 'x'.type|\"float\"|\"double\"",
      "missing bounds|{\"name\":\"x\",\"type\":\"double\"}|parameters[0] 'x'.bounds|nothing|add the bounds",
      "int bounds fractional|{\"name\":\"k\",\"type\":\"int\",\"bounds\":{\"min\":1.5,\"max\":3}}|parameters[0] 'k'.bounds.min|1.5|integer",
      "grid outside bounds|{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1},\"grid\":[0.5,2]}|parameters[0] 'x'.grid|2.0|[0.0, 1.0]",
      "unknown transformation|{\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":1,\"max\":2},\"transformation\":\"sqrt\"}|parameters[0] 'x'.transformation|\"sqrt\"|\"log\"",
      "misspelled field|{\"name\":\"x\",\"type\":\"double\",\"bound\":{\"min\":0,\"max\":1}}|parameters[0].bound|unknown field|spelling",
      "nameless|{\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}|parameters[0].name|nothing|non-empty",
  })
  void badParameterFieldIsNamedWithValueAndFix(String caseName, String parameter, String field, String value,
      String fix) {
    String spec = "{\"parameters\":[" + parameter + "]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(spec));
    assertMentions(e.getMessage(), field, value, fix);
  }

  @Test
  void duplicateNamesAreRefused() {
    String spec = "{\"parameters\":[" + x("a") + "," + x("a") + "]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(spec));
    assertMentions(e.getMessage(), "parameters[1] 'a'", "appears twice", "rename");
  }

  @Test
  void conditionNamingUnknownConditionalIsRefused() {
    String spec = "{\"conditionals\":[{\"name\":\"booster\",\"values\":[\"tree\"]}],\"parameters\":["
        + "{\"name\":\"d\",\"type\":\"int\",\"bounds\":{\"min\":1,\"max\":3},\"conditions\":{\"boster\":[\"tree\"]}}]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(spec));
    assertMentions(e.getMessage(), "parameters[0] 'd'", "'boster'", "declare it");
  }

  @Test
  void conditionNamingUnknownValueIsRefused() {
    String spec = "{\"conditionals\":[{\"name\":\"booster\",\"values\":[\"tree\"]}],\"parameters\":["
        + "{\"name\":\"d\",\"type\":\"int\",\"bounds\":{\"min\":1,\"max\":3},\"conditions\":{\"booster\":[\"forest\"]}}]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(spec));
    assertMentions(e.getMessage(), "parameters[0] 'd'", "\"forest\"", "[tree]");
  }

  @Test
  void twoOptimizedMetricsAreAcceptedAndAThirdIsRefused() {
    String two = "{\"parameters\":[" + x("a") + "],\"metrics\":[{\"name\":\"f\"},{\"name\":\"g\"}]}";
    assertEquals(2, SpecJson.parse(two).optimized().size());
    String three = two.replace("]}", ",{\"name\":\"h\"}]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(three));
    assertMentions(e.getMessage(), "metrics", "got 3", "\"constraint\"");
  }

  @Test
  void badObjectiveTypeAndBudgetAreNamed() {
    assertMentions(assertThrows(IllegalArgumentException.class, () -> SpecJson.parse("{\"parameters\":[" + x("a")
        + "],\"metrics\":[{\"name\":\"f\",\"objective\":\"maximise\"}]}")).getMessage(),
        "metrics[0].objective", "\"maximise\"", "\"maximize\"");
    assertMentions(assertThrows(IllegalArgumentException.class, () -> SpecJson.parse("{\"parameters\":[" + x("a")
        + "],\"type\":\"bayes\"}")).getMessage(), "type", "\"bayes\"", "\"offline\"");
    assertMentions(assertThrows(IllegalArgumentException.class, () -> SpecJson.parse("{\"parameters\":[" + x("a")
        + "],\"observation_budget\":-3}")).getMessage(), "observation_budget", "-3", "positive integer");
  }

  @Test
  void gridTypeNeedsGridValuesForDoubles() {
    String spec = "{\"type\":\"grid\",\"parameters\":[" + x("a") + "]}";
    assertMentions(assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(spec)).getMessage(),
        "parameters[0] 'a'.grid", "none were given", "add e.g.");
  }

  @Test
  void emptyParameterListIsRefused() {
    assertMentions(assertThrows(IllegalArgumentException.class, () -> SpecJson.parse("{\"parameters\":[]}"))
        .getMessage(), "parameters", "got none", "add");
  }

  static String x(String name) {
    return "{\"name\":\"" + name + "\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}";
  }

  static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "message should mention <" + part + "> but was: " + message);
    }
  }
}
