package io.bayestune.driver.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.AssignmentsJson;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.MetricEvaluation;

/**
 * The best configuration in SigOpt's {@code best_assignments} shape:
 * <pre>{@code
 * {"object":"best_assignments","suggestion":"17","assignments":{"maxDepth":6,"stepSize":0.12},
 *  "value":0.881,"value_stddev":0.004,"metric":"areaUnderROC"}
 * }</pre>
 * {@code suggestion} is the trial id (the {@code id} column of the trials table); {@code value_estimate}
 * appears when noisy observations made the model's posterior mean choose the best.
 */
public final class BestJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private BestJson() {
  }

  /** The SigOpt object without the metric name (the CLI's {@code best}). */
  public static ObjectNode node(Best b) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("object", "best_assignments");
    if (b.suggestionId() != null) {
      out.put("suggestion", b.suggestionId());
    }
    out.set("assignments", AssignmentsJson.write(b.assignments()));
    out.put("value", b.value());
    if (b.valueStddev() != null) {
      out.put("value_stddev", b.valueStddev());
    }
    if (b.estimatedValue() != null) {
      out.put("value_estimate", b.estimatedValue());
    }
    if (!b.values().isEmpty()) {
      var values = out.putArray("values");
      for (MetricEvaluation m : b.values()) {
        ObjectNode v = values.addObject().put("name", m.name()).put("value", m.value());
        if (m.valueStddev() != null) {
          v.put("value_stddev", m.valueStddev());
        }
      }
    }
    return out;
  }

  /** best.json's text: the object with its metric's name, pretty-printed. */
  public static String render(Best b, String metricName) {
    ObjectNode out = node(b).put("metric", metricName);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not write best.json", e);
    }
  }
}
