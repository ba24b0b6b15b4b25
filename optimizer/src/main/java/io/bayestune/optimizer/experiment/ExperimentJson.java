package io.bayestune.optimizer.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The whole state of an experiment as one JSON document:
 * <pre>{@code
 * {"format": "bayestune-experiment/1", "seed": 7, "next_id": 4, "experiment": {<spec>},
 *  "options": {"pending_policy": "kriging-believer", "warp_outcomes": true, ...},   (absent in older states: defaults)
 *  "suggestions": [{"id": "1", "assignments": {...}}, ...],
 *  "observations": [{"suggestion": "1", "assignments": {...}, "value": 3.2, "value_stddev": 0.1},
 *                   {"suggestion": "3", ..., "value": 3.2, "values": [{"name": "auc", "value": 3.2}, ...]},
 *                   {"suggestion": "2", "assignments": {...}, "failed": true, "failure_reason": "..."}]}
 * }</pre>
 */
final class ExperimentJson {
  static final String FORMAT = "bayestune-experiment/1";

  private ExperimentJson() {
  }

  static String write(Experiment e, long nextId) {
    ObjectNode root = SpecJson.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("seed", e.seed());
    root.put("next_id", nextId);
    root.set("experiment", SpecJson.toJson(e.spec()));
    root.set("options", e.options().toJson());
    ArrayNode suggestions = root.putArray("suggestions");
    for (Suggestion s : e.suggestions()) {
      suggestions.addObject().put("id", s.id()).set("assignments", AssignmentsJson.write(s.assignments()));
    }
    ArrayNode observations = root.putArray("observations");
    for (Observation o : e.observations()) {
      observations.add(write(o));
    }
    try {
      return SpecJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("could not write experiment state", ex);
    }
  }

  static ObjectNode write(Observation o) {
    ObjectNode n = SpecJson.MAPPER.createObjectNode();
    if (o.suggestionId() != null) {
      n.put("suggestion", o.suggestionId());
    }
    n.set("assignments", AssignmentsJson.write(o.assignments()));
    if (o.failed()) {
      n.put("failed", true);
      if (o.failureReason() != null) {
        n.put("failure_reason", o.failureReason());
      }
    } else {
      n.put("value", o.value());
      if (o.valueStddev() != null) {
        n.put("value_stddev", o.valueStddev());
      }
      if (!o.values().isEmpty()) {
        n.set("values", writeValues(o.values()));
      }
    }
    if (!o.metadata().isEmpty()) {
      ObjectNode m = n.putObject("metadata");
      o.metadata().forEach(m::put);
    }
    return n;
  }

  /** SigOpt's {@code values}: [{"name": ..., "value": ..., "value_stddev": ...}]. */
  static ArrayNode writeValues(List<MetricEvaluation> values) {
    ArrayNode out = SpecJson.MAPPER.createArrayNode();
    for (MetricEvaluation v : values) {
      ObjectNode vn = out.addObject().put("name", v.name()).put("value", v.value());
      if (v.valueStddev() != null) {
        vn.put("value_stddev", v.valueStddev());
      }
    }
    return out;
  }

  private static List<MetricEvaluation> readValues(JsonNode values) {
    List<MetricEvaluation> out = new ArrayList<>();
    for (JsonNode v : values) {
      out.add(new MetricEvaluation(v.path("name").asText(), v.path("value").asDouble(),
          v.hasNonNull("value_stddev") ? v.get("value_stddev").asDouble() : null));
    }
    return out;
  }

  static Experiment read(String json) {
    JsonNode root;
    try {
      root = SpecJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("experiment state: not valid JSON (" + e.getOriginalMessage()
          + "); the file may have been edited by hand", e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException("experiment state: format must be \"" + FORMAT + "\", but got "
          + (root == null ? "an empty document" : root.path("format")) + "; is this a bayestune experiment?");
    }
    Experiment e = new Experiment(SpecJson.parse(root.path("experiment")), root.path("seed").asLong(),
        ExperimentOptions.fromJson(root.path("options")));
    for (JsonNode s : root.path("suggestions")) {
      e.restoreSuggestion(new Suggestion(s.path("id").asText(),
          AssignmentsJson.read("suggestions[" + s.path("id").asText() + "].assignments", s.path("assignments"),
              e.spec().space())));
    }
    for (JsonNode o : root.path("observations")) {
      Assignments a = AssignmentsJson.read("observations.assignments", o.path("assignments"), e.spec().space());
      Map<String, String> metadata = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.path("metadata").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> m = it.next();
        metadata.put(m.getKey(), m.getValue().asText());
      }
      boolean failed = o.path("failed").asBoolean(false);
      e.restoreObservation(new Observation(o.hasNonNull("suggestion") ? o.get("suggestion").asText() : null, a,
          failed ? Double.NaN : o.path("value").asDouble(),
          o.hasNonNull("value_stddev") ? o.get("value_stddev").asDouble() : null, failed,
          o.hasNonNull("failure_reason") ? o.get("failure_reason").asText() : null, metadata,
          readValues(o.path("values"))));
    }
    e.restoreNextId(root.path("next_id").asLong(e.suggestions().size() + 1));
    return e;
  }
}
