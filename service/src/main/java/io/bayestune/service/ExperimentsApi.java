package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.ExperimentSpec;
import io.bayestune.optimizer.experiment.SpecJson;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /v1/experiments}: create, list, fetch, update, delete; best assignments; the live report page. */
final class ExperimentsApi {
  private static final Set<String> CREATE_FIELDS = Set.of("name", "type", "parameters", "conditionals", "metrics",
      "observation_budget", "parallel_bandwidth", "metadata", "project", "development");
  private static final Set<String> UPDATE_FIELDS = Set.of("name", "observation_budget", "parallel_bandwidth",
      "metadata", "state");
  private static final SecureRandom SEEDS = new SecureRandom();
  /** How often the live report reloads itself, in seconds. */
  static final int REPORT_REFRESH_SECONDS = 30;
  /** The last report rendered per experiment, by the hash of the state it shows: rendering fits models. */
  private final java.util.concurrent.ConcurrentHashMap<String, java.util.Map.Entry<Integer, String>> reports =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final ExperimentRegistry registry;
  private final SuggestionPreparer preparer;
  private final ReportRenderer report;

  ExperimentsApi(ExperimentRegistry registry, SuggestionPreparer preparer, ReportRenderer report) {
    this.registry = registry;
    this.preparer = preparer;
    this.report = report;
  }

  /** The caller's experiment; another team's, a deleted or an unknown one is the same 404. */
  ExperimentSession owned(Call call) throws IOException {
    String id = call.experimentId();
    ExperimentSession s = registry.find(id).orElse(null);
    if (s != null && s.read(st -> call.team().equals(st.facts.team) && !st.facts.deleted)) {
      return s;
    }
    throw ApiException.notFound("experiment " + Call.shorten(id) + ": not found (no experiment of your team has this"
        + " id); list yours with GET /v1/experiments");
  }

  Reply create(Call call) throws IOException {
    ObjectNode body = call.object(CREATE_FIELDS).deepCopy();
    JsonNode metadata = Metadata.read("metadata", body.remove("metadata"));
    JsonNode development = body.remove("development");
    if (development != null && !development.isBoolean() && !development.isNull()) {
      throw ApiException.badRequest("development: must be true or false, but got " + Call.shorten(development.toString()));
    }
    if (body.hasNonNull("project") && !body.get("project").isTextual()) {
      throw ApiException.badRequest("project: must be a string, but got " + Call.shorten(body.get("project").toString()));
    }
    ExperimentSpec spec = SpecJson.parse(body);
    if (spec.multiMetric()) {
      // The optimizer reads SigOpt's multimetric schema; the service's observation and best shapes are one-metric yet.
      throw ApiException.badRequest("metrics: this server serves experiments with one metric yet, but got "
          + spec.metrics().size() + "; keep one metric per experiment");
    }
    long now = now();
    ServiceFacts facts = ServiceFacts.newFor(call.team(), metadata, now);
    ExperimentSession s = registry.create(Experiment.create(spec, SEEDS.nextLong()), facts);
    preparer.schedule(s);
    return Reply.ok(s.read(st -> SigOptObjects.experiment(s.id, st.experiment, st.facts)));
  }

  Reply list(Call call) throws IOException {
    call.queryOnly(Set.of("limit", "before", "after", "state", "search", "sort", "user"));
    String state = call.query().getOrDefault("state", "active");
    if (!Set.of("active", "deleted", "all").contains(state)) {
      throw ApiException.badRequest("state: must be \"active\", \"deleted\" or \"all\", but got \""
          + Call.shorten(state) + "\"");
    }
    List<ObjectNode> mine = new ArrayList<>();
    for (ExperimentSession s : registry.all()) {
      ObjectNode shown = s.read(st -> call.team().equals(st.facts.team)
          && (state.equals("all") || st.facts.deleted == state.equals("deleted"))
          ? SigOptObjects.experiment(s.id, st.experiment, st.facts) : null);
      if (shown != null) {
        mine.add(shown);
      }
    }
    return Reply.ok(Paging.page(mine, o -> o.get("id").asText(), o -> o, call.query()));
  }

  Reply fetch(Call call) throws IOException {
    ExperimentSession s = owned(call);
    return Reply.ok(s.read(st -> SigOptObjects.experiment(s.id, st.experiment, st.facts)));
  }

  Reply update(Call call) throws IOException {
    ObjectNode body = call.object(UPDATE_FIELDS).deepCopy();
    ExperimentSession s = owned(call);
    boolean delete = false;
    JsonNode state = body.remove("state");
    if (state != null && !state.isNull()) {
      if (!state.isTextual() || !Set.of("active", "deleted").contains(state.asText())) {
        throw ApiException.badRequest("state: must be \"active\" or \"deleted\", but got " + Call.shorten(state.toString()));
      }
      delete = state.asText().equals("deleted");
    }
    boolean hasMetadata = body.has("metadata");
    JsonNode metadata = Metadata.read("metadata", body.remove("metadata"));
    if (body.has("name") && !body.get("name").isTextual()) {
      throw ApiException.badRequest("name: must be a string, but got " + Call.shorten(body.get("name").toString()));
    }
    boolean deleting = delete;
    ObjectNode shown = s.write(st -> {
      if (body.size() > 0) {
        st.experiment = StateEdits.updateSpec(st.experiment, body);
      }
      if (hasMetadata) {
        st.facts.metadata = metadata;
      }
      st.facts.deleted = deleting;
      st.facts.updated = now();
      return SigOptObjects.experiment(s.id, st.experiment, st.facts);
    });
    preparer.schedule(s);
    return Reply.ok(shown);
  }

  Reply delete(Call call) throws IOException {
    ExperimentSession s = owned(call);
    s.write(st -> {
      st.facts.deleted = true;
      st.facts.updated = now();
      return null;
    });
    return Reply.noContent();
  }

  Reply bestAssignments(Call call) throws IOException {
    call.queryOnly(Set.of("limit", "before", "after"));
    ExperimentSession s = owned(call);
    ObjectNode page = s.read(st -> {
      List<ObjectNode> best = new ArrayList<>();
      st.experiment.best().ifPresent(b -> best.add(SigOptObjects.bestAssignments(b, st.experiment)));
      return Paging.page(best, o -> "1", o -> o, call.query());
    });
    return Reply.ok(page);
  }

  /** The project's HTML report, reloading itself so that it follows the experiment as observations arrive. */
  Reply report(Call call) throws IOException {
    ExperimentSession s = owned(call);
    // Rendered outside the experiment's lock: the report fits models for its importance chart.
    String state = s.read(st -> st.experiment.toJson());
    java.util.Map.Entry<Integer, String> cached = reports.get(s.id);
    String html;
    if (cached != null && cached.getKey() == state.hashCode()) {
      html = cached.getValue();
    } else {
      html = report.render(Experiment.fromJson(state));
      reports.put(s.id, java.util.Map.entry(state.hashCode(), html));
    }
    String refresh = "<meta http-equiv=\"refresh\" content=\"" + REPORT_REFRESH_SECONDS + "\">";
    int head = html.indexOf("<head>");
    return Reply.page(head < 0 ? refresh + html : html.substring(0, head + 6) + refresh + html.substring(head + 6));
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }
}
