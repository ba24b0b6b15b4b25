package io.bayestune.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.AssignmentsJson;
import io.bayestune.optimizer.experiment.Best;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import java.util.List;

/**
 * The API's objects in the shapes of SigOpt's REST API v1 (the fields its clients read: {@code sigopt.objects}
 * in the official Python client): experiment, progress, suggestion, observation with {@code values} of
 * {@code metric_evaluation}, best_assignments.
 */
final class SigOptObjects {
  private SigOptObjects() {
  }

  static ObjectNode experiment(String id, Experiment e, ServiceFacts f) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "experiment");
    out.put("id", id);
    ObjectNode spec = SpecJson.toJson(e.spec());
    if (!spec.has("name")) {
      spec.put("name", "");
    }
    if (!spec.has("observation_budget")) {
      spec.putNull("observation_budget");
    }
    if (!spec.has("conditionals")) {
      spec.putArray("conditionals");
    }
    // SigOpt numbers categorical values from 1 in the order given.
    for (var p : spec.path("parameters")) {
      int index = 1;
      for (var c : p.path("categorical_values")) {
        ((ObjectNode) c).put("enum_index", index++);
      }
    }
    out.setAll(spec);
    out.set("metadata", f.metadata);
    out.put("created", f.created);
    out.put("updated", f.updated);
    out.put("state", f.deleted ? "deleted" : "active");
    out.put("development", false);
    out.set("progress", progress(e, f));
    return out;
  }

  static ObjectNode progress(Experiment e, ServiceFacts f) {
    ObjectNode p = Json.MAPPER.createObjectNode();
    p.put("object", "progress");
    List<Observation> all = e.observations();
    p.put("observation_count", all.size());
    p.put("observation_budget_consumed", all.size());
    if (all.isEmpty()) {
      p.putNull("first_observation");
      p.putNull("last_observation");
    } else {
      p.set("first_observation", observation(all.get(0), f.observations.get(0), e));
      p.set("last_observation", observation(all.get(all.size() - 1), f.observations.get(all.size() - 1), e));
    }
    Observation top = e.bestObserved().orElse(null);
    p.set("best_observation", top == null ? null : observation(top, f.observations.get(indexOf(all, top)), e));
    return p;
  }

  private static int indexOf(List<Observation> all, Observation o) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == o) {
        return i;
      }
    }
    return all.indexOf(o);
  }

  static ObjectNode suggestion(String experimentId, Suggestion s, ServiceFacts.Handed handed, boolean open) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "suggestion");
    out.put("id", s.id());
    out.put("experiment", experimentId);
    out.set("assignments", AssignmentsJson.write(s.assignments()));
    out.put("state", open ? "open" : "closed");
    out.put("created", handed.created());
    out.set("metadata", handed.metadata());
    out.put("deleted", false);
    return out;
  }

  static ObjectNode observation(Observation o, ServiceFacts.Recorded r, Experiment e) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "observation");
    out.put("id", r.id());
    out.put("suggestion", o.suggestionId());
    out.set("assignments", AssignmentsJson.write(o.assignments()));
    out.put("failed", o.failed());
    ArrayNode values = out.putArray("values");
    if (o.failed()) {
      out.putNull("value");
      out.putNull("value_stddev");
    } else {
      ObjectNode v = values.addObject().put("object", "metric_evaluation").put("name", e.spec().metric().name())
          .put("value", o.value());
      out.put("value", o.value());
      if (o.valueStddev() == null) {
        v.putNull("value_stddev");
        out.putNull("value_stddev");
      } else {
        v.put("value_stddev", o.valueStddev());
        out.put("value_stddev", o.valueStddev());
      }
    }
    out.put("created", r.created());
    out.set("metadata", r.metadata());
    return out;
  }

  static ObjectNode bestAssignments(Best b, Experiment e) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("object", "best_assignments");
    out.put("id", b.suggestionId());
    out.set("assignments", AssignmentsJson.write(b.assignments()));
    out.put("value", b.value());
    if (b.valueStddev() == null) {
      out.putNull("value_stddev");
    } else {
      out.put("value_stddev", b.valueStddev());
    }
    ObjectNode v = out.putArray("values").addObject().put("object", "metric_evaluation")
        .put("name", e.spec().metric().name()).put("value", b.value());
    if (b.valueStddev() != null) {
      v.put("value_stddev", b.valueStddev());
    }
    if (b.estimatedValue() != null) {
      out.put("value_estimate", b.estimatedValue());
    }
    return out;
  }
}
