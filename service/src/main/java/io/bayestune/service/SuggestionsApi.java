package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Suggestion;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/experiments/{id}/suggestions}: create (prepared ones first, see {@link SuggestionPreparer}), list,
 * fetch, delete. Only suggestions handed to a client exist for the API; prepared ones stay invisible.
 */
final class SuggestionsApi {
  /** How long a request waits for the preparer before answering 503 (retry). */
  private static final long WAIT_FOR_PREPARED_MILLIS = 300_000;
  static final int MAX_COUNT = 100;

  private final ExperimentsApi experiments;
  private final SuggestionPreparer preparer;
  private final long serialFreshWaitMillis;

  SuggestionsApi(ExperimentsApi experiments, SuggestionPreparer preparer, Duration serialFreshWait) {
    this.experiments = experiments;
    this.preparer = preparer;
    this.serialFreshWaitMillis = serialFreshWait.toMillis();
  }

  Reply create(Call call) throws IOException {
    ObjectNode body = call.object(Set.of("count", "metadata"));
    JsonNode metadata = Metadata.read("metadata", body.get("metadata"));
    int count = 1;
    if (body.hasNonNull("count")) {
      JsonNode c = body.get("count");
      if (!c.canConvertToInt() || !c.isIntegralNumber() || c.asInt() < 1 || c.asInt() > MAX_COUNT) {
        throw ApiException.badRequest("count: must be an integer from 1 to " + MAX_COUNT + ", but got "
            + Call.shorten(c.toString()));
      }
      count = c.asInt();
    }
    ExperimentSession s = experiments.owned(call);
    preparer.schedule(s);
    List<ObjectNode> given = PreparedTakes.take(s, preparer, count, metadata, WAIT_FOR_PREPARED_MILLIS,
        serialFreshWaitMillis);
    preparer.schedule(s);
    if (!body.hasNonNull("count")) {
      return Reply.ok(given.get(0));
    }
    ObjectNode page = Json.MAPPER.createObjectNode().put("object", "pagination").put("count", given.size());
    given.forEach(page.putArray("data")::add);
    page.putObject("paging").putNull("before").putNull("after");
    return Reply.ok(page);
  }

  Reply list(Call call) throws IOException {
    call.queryOnly(Set.of("limit", "before", "after", "state"));
    String state = call.query().getOrDefault("state", "all");
    if (!Set.of("open", "closed", "all").contains(state)) {
      throw ApiException.badRequest("state: must be \"open\", \"closed\" or \"all\", but got \""
          + Call.shorten(state) + "\"");
    }
    ExperimentSession s = experiments.owned(call);
    return Reply.ok(s.read(st -> {
      List<ObjectNode> shown = new ArrayList<>();
      Set<String> open = openIds(st.experiment);
      for (Suggestion sg : st.experiment.suggestions()) {
        ServiceFacts.Handed h = st.facts.handed.get(sg.id());
        boolean isOpen = open.contains(sg.id());
        if (h != null && (state.equals("all") || isOpen == state.equals("open"))) {
          shown.add(SigOptObjects.suggestion(s.id, sg, h, isOpen));
        }
      }
      shown.sort(Comparator.comparingLong(o -> Long.parseLong(o.get("id").asText())));
      return Paging.page(shown, o -> o.get("id").asText(), o -> o, call.query());
    }));
  }

  Reply fetch(Call call) throws IOException {
    ExperimentSession s = experiments.owned(call);
    String id = call.path().get("suggestion");
    return Reply.ok(s.read(st -> {
      ServiceFacts.Handed h = st.facts.handed.get(id);
      for (Suggestion sg : st.experiment.suggestions()) {
        if (h != null && sg.id().equals(id)) {
          return SigOptObjects.suggestion(s.id, sg, h, openIds(st.experiment).contains(id));
        }
      }
      throw notFound(s.id, id);
    }));
  }

  /** Withdraws one open suggestion, or with {@code state=open} on the collection, every open one. */
  Reply delete(Call call) throws IOException {
    ExperimentSession s = experiments.owned(call);
    String one = call.path().get("suggestion");
    if (one == null) {
      call.queryOnly(Set.of("state"));
      String state = call.query().getOrDefault("state", "open");
      if (!state.equals("open")) {
        throw ApiException.badRequest("state: only open suggestions can be deleted (observed ones are final), but"
            + " got \"" + Call.shorten(state) + "\"; send state=open");
      }
    }
    s.write(st -> {
      Set<String> withdrawn = new HashSet<>();
      Set<String> open = openIds(st.experiment);
      if (one != null) {
        if (!st.facts.handed.containsKey(one)) {
          throw notFound(s.id, one);
        }
        if (!open.contains(one)) {
          throw ApiException.badRequest("suggestion: " + one + " was already observed, and observations are final;"
              + " delete the observation instead if it was wrong");
        }
        withdrawn.add(one);
      } else {
        for (Map.Entry<String, ServiceFacts.Handed> h : st.facts.handed.entrySet()) {
          if (open.contains(h.getKey())) {
            withdrawn.add(h.getKey());
          }
        }
      }
      st.experiment = StateEdits.replaceSuggestions(st.experiment, withdrawn, List.of(), null);
      withdrawn.forEach(st.facts.handed::remove);
      st.facts.updated = ExperimentsApi.now();
      s.preparationFailure = null;
      return null;
    });
    preparer.schedule(s);
    return Reply.noContent();
  }

  static Set<String> openIds(Experiment e) {
    return new HashSet<>(StateEdits.openIds(e));
  }

  private static ApiException notFound(String experiment, String suggestion) {
    return ApiException.notFound("suggestion: " + Call.shorten(String.valueOf(suggestion))
        + " is not a suggestion of experiment " + experiment + "; list them with GET /v1/experiments/" + experiment
        + "/suggestions");
  }
}
