package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.AssignmentsJson;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.space.Assignments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Changes the {@link Experiment} API has no call for (SigOpt's deletes and updates, and adopting suggestions
 * prepared on a copy), made on its state document and read back through {@link Experiment#fromJson}, which
 * validates the result whole: an edit either yields a valid experiment or throws with nothing changed.
 */
final class StateEdits {
  private StateEdits() {
  }

  /** A copy the background worker can compute on without holding the experiment. */
  static Experiment copy(Experiment e) {
    return Experiment.fromJson(e.toJson());
  }

  /**
   * Drops the open suggestions {@code withdrawn} (prepared ones that went stale, or ones a client deleted) and
   * adds {@code added} as new open suggestions with the next ids, skipping any equal to an open one; records the
   * edits of the state document in {@code edits} unless it is null.
   *
   * @return the experiment after the change
   */
  static Experiment replaceSuggestions(Experiment e, Set<String> withdrawn, List<Assignments> added,
      ExperimentSession.State edits) {
    Set<String> observed = new HashSet<>();
    e.observations().forEach(o -> {
      if (o.suggestionId() != null) {
        observed.add(o.suggestionId());
      }
    });
    ObjectNode root = document(e);
    ArrayNode kept = Json.MAPPER.createArrayNode();
    Set<Assignments> open = new HashSet<>();
    List<Integer> dropped = new ArrayList<>();
    for (JsonNode s : root.path("suggestions")) {
      String id = s.path("id").asText();
      if (withdrawn.contains(id) && !observed.contains(id)) {
        dropped.add(0, kept.size() + dropped.size());
        continue;
      }
      kept.add(s);
    }
    e.openSuggestions().forEach(s -> {
      if (!withdrawn.contains(s.id())) {
        open.add(s.assignments());
      }
    });
    long next = root.path("next_id").asLong();
    List<JsonNode> made = new ArrayList<>();
    for (Assignments a : added) {
      if (open.add(a)) {
        made.add(kept.addObject().put("id", Long.toString(next++)).set("assignments", AssignmentsJson.write(a)));
      }
    }
    root.set("suggestions", kept);
    root.put("next_id", next);
    if (edits != null) {
      // Highest index first, so that each removal leaves the indexes of the ones still to remove as they were.
      dropped.forEach(i -> edits.remove("/suggestions/" + i));
      made.forEach(m -> edits.add("/suggestions/-", m));
      edits.add("/next_id", next);
    }
    return read(root);
  }

  /** The experiment without its observation at {@code index} (SigOpt's observation delete). */
  static Experiment removeObservation(Experiment e, int index) {
    ObjectNode root = document(e);
    ((ArrayNode) root.get("observations")).remove(index);
    return read(root);
  }

  /** A failed evaluation reported with assignments instead of a suggestion. */
  static Experiment addFailedObservation(Experiment e, Assignments assignments) {
    ObjectNode root = document(e);
    ((ArrayNode) root.get("observations")).addObject().put("failed", true)
        .set("assignments", AssignmentsJson.write(assignments));
    return read(root);
  }

  /** The experiment with spec fields replaced (name, observation_budget, parallel_bandwidth), validated. */
  static Experiment updateSpec(Experiment e, ObjectNode fields) {
    ObjectNode root = document(e);
    ObjectNode spec = (ObjectNode) root.get("experiment");
    fields.fields().forEachRemaining(f -> {
      if (f.getValue().isNull()) {
        spec.remove(f.getKey());
      } else {
        spec.set(f.getKey(), f.getValue());
      }
    });
    return read(root);
  }

  /** Ids of the open suggestions. */
  static List<String> openIds(Experiment e) {
    List<String> ids = new ArrayList<>();
    e.openSuggestions().forEach(s -> ids.add(s.id()));
    return ids;
  }

  private static ObjectNode document(Experiment e) {
    return (ObjectNode) Json.parse(e.toJson());
  }

  private static Experiment read(ObjectNode root) {
    return Experiment.fromJson(Json.write(root));
  }
}
