package io.bayestune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

  @Test
  void builderWritesSigOptJsonThatReadsBackEqual() {
    SearchSpace space = SearchSpace.builder().addInt("maxDepth", 2, 8).addDouble("stepSize", 0.01, 0.5, Scale.LOG)
        .addCategorical("impurity", "gini", "entropy").build();
    assertEquals("{\"parameters\":[{\"name\":\"maxDepth\",\"type\":\"int\",\"bounds\":{\"min\":2,\"max\":8}},"
        + "{\"name\":\"stepSize\",\"type\":\"double\",\"bounds\":{\"min\":0.01,\"max\":0.5},\"transformation\":\"log\"},"
        + "{\"name\":\"impurity\",\"type\":\"categorical\",\"categorical_values\":[{\"name\":\"gini\"},"
        + "{\"name\":\"entropy\"}]}]}", space.toJson());
    assertEquals(space, SearchSpace.fromJson(space.toJson()));
    assertEquals(List.of("maxDepth", "stepSize", "impurity"), space.names());
    assertTrue(((DoubleParameter) space.space().parameter("stepSize")).log());
  }

  @Test
  void countsTheConfigurationsOfADiscreteSpaceOnly() {
    assertEquals(java.util.OptionalLong.of(7L * 3), SearchSpace.builder().addInt("maxDepth", 2, 8)
        .addCategorical("impurity", "gini", "entropy", "variance").build().configurationCount());
    assertTrue(SearchSpace.builder().addInt("maxDepth", 2, 8).addDouble("stepSize", 0.1, 0.5).build()
        .configurationCount().isEmpty());
  }

  @Test
  void readsAWholeExperimentOrABareParameterArray() {
    String array = "[{\"name\": \"maxIter\", \"type\": \"int\", \"bounds\": {\"min\": 5, \"max\": 50}}]";
    String experiment = "{\"name\": \"x\", \"metrics\": [{\"name\": \"auc\"}], \"parameters\": " + array + "}";
    assertEquals(SearchSpace.fromJson(array), SearchSpace.fromJson(experiment));
    assertEquals(50, ((IntParameter) SearchSpace.fromJson(array).space().parameter("maxIter")).max());
  }

  @Test
  void badJsonNamesTheFieldAndTheFix() {
    IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class,
        () -> SearchSpace.fromJson("{\"parameters\": ["));
    assertTrue(notJson.getMessage().startsWith("searchSpace: not valid JSON"), notJson.getMessage());
    IllegalArgumentException bounds = assertThrows(IllegalArgumentException.class, () -> SearchSpace.fromJson(
        "[{\"name\": \"regParam\", \"type\": \"double\", \"bounds\": {\"min\": 0, \"max\": 1}, \"transformation\": \"log\"}]"));
    assertTrue(bounds.getMessage().contains("regParam") && bounds.getMessage().contains("min > 0"), bounds.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> SearchSpace.fromJson("42"));
    assertTrue(shape.getMessage().contains("\"parameters\""), shape.getMessage());
  }
}
