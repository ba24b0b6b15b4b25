package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.AssignmentsJson;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.space.Assignments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /v1/experiments/{id}/observations}: create (for a suggestion, or with {@code assignments}), batch create
 * (all or nothing), list, fetch, delete. Every accepted observation is stored before the reply.
 */
final class ObservationsApi {
  private static final Set<String> FIELDS = Set.of("suggestion", "assignments", "value", "value_stddev", "values",
      "failed", "metadata");
  static final int MAX_BATCH = 10_000;

  private final ExperimentsApi experiments;
  private final SuggestionPreparer preparer;

  ObservationsApi(ExperimentsApi experiments, SuggestionPreparer preparer) {
    this.experiments = experiments;
    this.preparer = preparer;
  }

  Reply create(Call call) throws IOException {
    ObjectNode body = call.object(FIELDS);
    ExperimentSession s = experiments.owned(call);
    ObjectNode shown = s.write(st -> {
      int index = record(st, body, "");
      return SigOptObjects.observation(st.experiment.observations().get(index), st.facts.observations.get(index),
          st.experiment);
    });
    observed(s);
    return Reply.ok(shown);
  }

  Reply createBatch(Call call) throws IOException {
    ObjectNode body = call.object(Set.of("observations"));
    JsonNode list = body.path("observations");
    if (!list.isArray() || list.isEmpty() || list.size() > MAX_BATCH) {
      throw ApiException.badRequest("observations: must be a list of 1 to " + MAX_BATCH + " observation objects, but"
          + " got " + Call.shorten(list.isMissingNode() ? "nothing" : list.toString()));
    }
    ExperimentSession s = experiments.owned(call);
    List<ObjectNode> shown = s.write(st -> {
      List<ObjectNode> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String at = "observations[" + i + "].";
        JsonNode item = list.get(i);
        if (!item.isObject()) {
          throw ApiException.badRequest(at.substring(0, at.length() - 1) + ": must be an observation object, but got "
              + Call.shorten(item.toString()));
        }
        new Call(call.team(), call.path(), call.query(), item).object(FIELDS);
        int index = record(st, (ObjectNode) item, at);
        out.add(SigOptObjects.observation(st.experiment.observations().get(index), st.facts.observations.get(index),
            st.experiment));
      }
      return out;
    });
    observed(s);
    ObjectNode page = Json.MAPPER.createObjectNode().put("object", "pagination").put("count", shown.size());
    shown.forEach(page.putArray("data")::add);
    page.putObject("paging").putNull("before").putNull("after");
    return Reply.ok(page);
  }

  /** New results: prepared suggestions are now stale, and a used-up space may have room again. */
  private void observed(ExperimentSession s) {
    s.lock.lock();
    try {
      s.preparationFailure = null;
    } finally {
      s.lock.unlock();
    }
    preparer.schedule(s);
  }

  /** Applies one observation request to the state; returns its index in the experiment's observations. */
  private static int record(ExperimentSession.State st, ObjectNode b, String at) {
    Experiment e = st.experiment;
    JsonNode metadata = Metadata.read(at + "metadata", b.get("metadata"));
    JsonNode failedNode = b.get("failed");
    if (failedNode != null && !failedNode.isNull() && !failedNode.isBoolean()) {
      throw ApiException.badRequest(at + "failed: must be true or false, but got " + Call.shorten(failedNode.toString()));
    }
    boolean failed = failedNode != null && failedNode.asBoolean();
    boolean bySuggestion = b.hasNonNull("suggestion");
    if (bySuggestion == b.hasNonNull("assignments")) {
      throw ApiException.badRequest(at + "suggestion: give either \"suggestion\" (the id of an open suggestion) or"
          + " \"assignments\" (for an evaluation no suggestion asked for), " + (bySuggestion ? "not both" : "but got"
          + " neither"));
    }
    String suggestion = bySuggestion ? suggestionId(at, b.get("suggestion"), st) : null;
    String subject = at + (bySuggestion ? "suggestion " + suggestion : "observation");
    if (failed) {
      if (b.hasNonNull("values") || b.hasNonNull("value") || b.hasNonNull("value_stddev")) {
        throw ApiException.badRequest(at + "failed: a failed observation carries no value; send either \"failed\":"
            + " true or \"values\"");
      }
      if (bySuggestion) {
        e.observeFailed(suggestion, null, java.util.Map.of());
      } else {
        Assignments a = AssignmentsJson.read(at + "assignments", b.get("assignments"), e.spec().space());
        st.experiment = StateEdits.addFailedObservation(e, a);
      }
    } else {
      MetricValue mv = MetricValue.from(b, e.spec().metric().name(), subject);
      if (bySuggestion) {
        e.observe(suggestion, mv.value(), mv.stddev());
      } else {
        Assignments a = AssignmentsJson.read(at + "assignments", b.get("assignments"), e.spec().space());
        e.observe(a.asMap(), mv.value(), mv.stddev());
      }
    }
    long now = ExperimentsApi.now();
    ServiceFacts.Recorded recorded = st.facts.record(now, metadata);
    st.facts.updated = now;
    int index = st.experiment.observations().size() - 1;
    if (bySuggestion) {
      st.add("/observations/-", Experiment.observationJson(st.experiment.observations().get(index)))
          .add("/service/observations/-", recorded.toJson())
          .add("/service/next_observation_id", st.facts.nextObservationId)
          .add("/service/updated", now);
    } else {
      st.saveWhole();
    }
    return index;
  }

  private static String suggestionId(String at, JsonNode node, ExperimentSession.State st) {
    if (!node.isTextual() && !node.isIntegralNumber()) {
      throw ApiException.badRequest(at + "suggestion: must be the id of an open suggestion, such as \"7\", but got "
          + Call.shorten(node.toString()));
    }
    String id = node.asText();
    if (!st.facts.handed.containsKey(id)) {
      throw ApiException.badRequest(at + "suggestion: " + Call.shorten(id) + " is not a suggestion of this experiment;"
          + " use the id of one that POST .../suggestions returned");
    }
    return id;
  }

  Reply list(Call call) throws IOException {
    call.queryOnly(Set.of("limit", "before", "after"));
    ExperimentSession s = experiments.owned(call);
    return Reply.ok(s.read(st -> {
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < st.facts.observations.size(); i++) {
        indexes.add(i);
      }
      return Paging.page(indexes, i -> st.facts.observations.get(i).id(), i -> SigOptObjects.observation(
          st.experiment.observations().get(i), st.facts.observations.get(i), st.experiment), call.query());
    }));
  }

  Reply fetch(Call call) throws IOException {
    ExperimentSession s = experiments.owned(call);
    return Reply.ok(s.read(st -> {
      int i = indexOf(st, s.id, call.path().get("observation"));
      return SigOptObjects.observation(st.experiment.observations().get(i), st.facts.observations.get(i),
          st.experiment);
    }));
  }

  Reply delete(Call call) throws IOException {
    ExperimentSession s = experiments.owned(call);
    s.write(st -> {
      int i = indexOf(st, s.id, call.path().get("observation"));
      Observation removed = st.experiment.observations().get(i);
      st.experiment = StateEdits.removeObservation(st.experiment, i);
      st.facts.observations.remove(i);
      if (removed.suggestionId() != null) {
        // Its suggestion would be open again; SigOpt closes it with its observation.
        st.experiment = StateEdits.replaceSuggestions(st.experiment, Set.of(removed.suggestionId()), List.of(), null);
        st.facts.handed.remove(removed.suggestionId());
      }
      st.facts.updated = ExperimentsApi.now();
      return null;
    });
    observed(s);
    return Reply.noContent();
  }

  private static int indexOf(ExperimentSession.State st, String experiment, String id) {
    for (int i = 0; i < st.facts.observations.size(); i++) {
      if (st.facts.observations.get(i).id().equals(id)) {
        return i;
      }
    }
    throw ApiException.notFound("observation: " + Call.shorten(String.valueOf(id)) + " is not an observation of"
        + " experiment " + experiment + "; list them with GET /v1/experiments/" + experiment + "/observations");
  }
}
