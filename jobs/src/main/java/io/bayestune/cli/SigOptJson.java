package io.bayestune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.AssignmentsJson;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.MetricEvaluation;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;

/** The command line's output objects, in the shapes SigOpt's API returned. */
final class SigOptJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private SigOptJson() {
  }

  static ObjectNode experiment(Experiment e, String location) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("object", "experiment");
    out.setAll(SpecJson.toJson(e.spec()));
    out.put("location", location);
    out.put("seed", e.seed());
    ObjectNode progress = out.putObject("progress");
    progress.put("object", "progress");
    progress.put("observation_count", e.observations().size());
    progress.put("open_suggestion_count", e.openSuggestions().size());
    e.best().ifPresent(b -> progress.set("best_observation", best(b)));
    return out;
  }

  static ObjectNode suggestion(Suggestion s) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("object", "suggestion");
    out.put("id", s.id());
    out.put("state", "open");
    out.set("assignments", AssignmentsJson.write(s.assignments()));
    return out;
  }

  static ObjectNode observation(Observation o, String metricName) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("object", "observation");
    if (o.suggestionId() != null) {
      out.put("suggestion", o.suggestionId());
    }
    out.set("assignments", AssignmentsJson.write(o.assignments()));
    out.put("failed", o.failed());
    if (!o.failed() && !o.values().isEmpty()) {
      ArrayNode values = out.putArray("values");
      for (MetricEvaluation m : o.values()) {
        ObjectNode v = values.addObject().put("object", "metric_evaluation").put("name", m.name()).put("value",
            m.value());
        if (m.valueStddev() != null) {
          v.put("value_stddev", m.valueStddev());
        }
      }
    } else if (!o.failed()) {
      ObjectNode v = out.putArray("values").addObject();
      v.put("object", "metric_evaluation");
      v.put("name", metricName);
      v.put("value", o.value());
      if (o.valueStddev() != null) {
        v.put("value_stddev", o.valueStddev());
      }
    }
    return out;
  }

  static ObjectNode best(Best b) {
    return io.bayestune.driver.output.BestJson.node(b);
  }

  static String line(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pretty(Object node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
