package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service keeps about an experiment beside the optimizer's state, in the same document (its
 * {@code "service"} field, which the optimizer's codec ignores, so {@code bayestune show --at} still reads it):
 * the owning team, times, metadata, which suggestions were handed to clients (the others are prepared ahead and
 * not yet given out), and the ids, times and metadata of observations, in the experiment's observation order.
 * Mutable, and only touched under its {@link ExperimentSession}'s lock.
 */
final class ServiceFacts {
  String team;
  long created;
  long updated;
  boolean deleted;
  JsonNode metadata;
  /** Suggestions given to clients, by id: when, and their metadata (null when none). */
  final LinkedHashMap<String, Handed> handed = new LinkedHashMap<>();
  /** One entry per observation of the experiment, in the same order. */
  final List<Recorded> observations = new ArrayList<>();
  long nextObservationId = 1;
  /**
   * True when these facts hold more than the stored document's {@code service} field (a document without one, or
   * observations reported around the service that got ids here): the next save must then be whole, since
   * logged edits assume the document's field is {@link #toJson} of these facts.
   */
  boolean inferred;

  record Handed(long created, JsonNode metadata) {
    ObjectNode toJson() {
      ObjectNode n = Json.MAPPER.createObjectNode().put("created", created);
      if (metadata != null) {
        n.set("metadata", metadata);
      }
      return n;
    }
  }

  record Recorded(String id, long created, JsonNode metadata) {
    ObjectNode toJson() {
      ObjectNode n = Json.MAPPER.createObjectNode().put("id", id).put("created", created);
      if (metadata != null) {
        n.set("metadata", metadata);
      }
      return n;
    }
  }

  static ServiceFacts newFor(String team, JsonNode metadata, long now) {
    ServiceFacts f = new ServiceFacts();
    f.team = team;
    f.created = now;
    f.updated = now;
    f.metadata = metadata;
    return f;
  }

  Recorded record(long now, JsonNode metadata) {
    Recorded r = new Recorded(Long.toString(nextObservationId++), now, metadata);
    observations.add(r);
    return r;
  }

  ObjectNode toJson() {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("team", team).put("created", created).put("updated", updated).put("deleted", deleted);
    if (metadata != null) {
      out.set("metadata", metadata);
    }
    ObjectNode h = out.putObject("handed");
    handed.forEach((id, s) -> h.set(id, s.toJson()));
    ArrayNode os = out.putArray("observations");
    for (Recorded r : observations) {
      os.add(r.toJson());
    }
    out.put("next_observation_id", nextObservationId);
    return out;
  }

  /**
   * Reads the facts of a stored document. {@code observationCount} is the experiment's: observations reported
   * around the service (the CLI on the same directory) get ids here, so every observation has one.
   */
  static ServiceFacts fromJson(JsonNode n, int observationCount) {
    ServiceFacts f = new ServiceFacts();
    f.team = n.path("team").asText(null);
    f.created = n.path("created").asLong();
    f.updated = n.path("updated").asLong(f.created);
    f.deleted = n.path("deleted").asBoolean(false);
    f.metadata = n.hasNonNull("metadata") ? n.get("metadata") : null;
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("handed").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      f.handed.put(e.getKey(), new Handed(e.getValue().path("created").asLong(),
          e.getValue().hasNonNull("metadata") ? e.getValue().get("metadata") : null));
    }
    for (JsonNode o : n.path("observations")) {
      f.observations.add(new Recorded(o.path("id").asText(), o.path("created").asLong(),
          o.hasNonNull("metadata") ? o.get("metadata") : null));
    }
    f.nextObservationId = n.path("next_observation_id").asLong(f.observations.size() + 1);
    f.inferred = !(n.has("handed") && n.has("observations") && n.has("next_observation_id") && n.has("updated"));
    while (f.observations.size() < observationCount) {
      f.record(f.updated, null);
      f.inferred = true;
    }
    return f;
  }
}
