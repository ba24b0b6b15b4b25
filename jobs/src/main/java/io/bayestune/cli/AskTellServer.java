package io.bayestune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.AssignmentsJson;
import io.bayestune.service.MetricValue;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code bayestune ask-tell}: one experiment per process, driven by JSON lines on stdin, one response
 * line per request line on stdout, so that any language can drive the optimizer.
 *
 * <pre>
 * {"op":"create","experiment":{...},"seed":7}       -> {"ok":true}
 * {"op":"suggest","count":1}                         -> {"ok":true,"suggestions":[{"id":"1","assignments":{...}}]}
 * {"op":"observe","suggestion":"1","values":[{"name":"f","value":3.2,"value_stddev":0.1}]} -> {"ok":true}
 * {"op":"observe","suggestion":"1","failed":true}    -> {"ok":true}
 * {"op":"observe","assignments":{"x":0.3},"values":[{"name":"f","value":2.9}]} -> {"ok":true}
 *   (a past trial no suggestion asked for; also with "failed": true; a history of thousands, one line each)
 * {"op":"best"}                                      -> {"ok":true,"best":{"assignments":{...},"value":3.2}}
 *   (a multimetric experiment: observe sends every metric in "values", and best adds "best_assignments":
 *    the Pareto front of the feasible observations, or the one best)
 * anything wrong                                     -> {"ok":false,"error":"..."}; state unchanged
 * </pre>
 */
final class AskTellServer {
  private Experiment experiment;

  void serve(BufferedReader in, PrintStream out) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      out.println(SigOptJson.line(respond(line)));
      out.flush();
    }
  }

  ObjectNode respond(String line) {
    try {
      JsonNode request;
      try {
        request = SigOptJson.MAPPER.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException("request: not valid JSON; send one JSON object per line");
      }
      if (request == null || !request.isObject()) {
        throw new IllegalArgumentException("request: must be a JSON object such as {\"op\":\"suggest\"}, but got "
            + (request == null ? "an empty line" : request.toString()));
      }
      String op = request.path("op").asText("");
      switch (op) {
        case "create":
          return create(request);
        case "suggest":
          return suggest(request);
        case "observe":
          return observe(request);
        case "best":
          return best(request);
        default:
          throw new IllegalArgumentException("op: must be one of \"create\", \"suggest\", \"observe\", \"best\", but got "
              + request.path("op") + "");
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      ObjectNode error = SigOptJson.MAPPER.createObjectNode();
      error.put("ok", false);
      error.put("error", e.getMessage());
      return error;
    }
  }

  private ObjectNode create(JsonNode request) {
    fields(request, Set.of("op", "experiment", "seed"));
    if (experiment != null) {
      throw new IllegalStateException("create: this process already holds an experiment (one per process);"
          + " start another ask-tell process for a new experiment");
    }
    JsonNode seed = request.path("seed");
    if (!seed.isMissingNode() && !seed.isIntegralNumber()) {
      throw new IllegalArgumentException("seed: must be an integer, but got " + seed);
    }
    Experiment created = Experiment.create(SpecJson.parse(request.path("experiment")),
        seed.isMissingNode() ? 0 : seed.asLong());
    experiment = created;
    return ok();
  }

  private ObjectNode suggest(JsonNode request) {
    fields(request, Set.of("op", "count"));
    Experiment e = requireExperiment();
    JsonNode count = request.path("count");
    if (!count.isMissingNode() && (!count.isIntegralNumber() || count.asLong() < 1 || count.asLong() > 1000)) {
      throw new IllegalArgumentException("count: must be an integer from 1 to 1000, but got " + count);
    }
    ObjectNode out = ok();
    ArrayNode suggestions = out.putArray("suggestions");
    for (Suggestion s : e.suggest(count.isMissingNode() ? 1 : count.asInt())) {
      suggestions.addObject().put("id", s.id()).set("assignments", AssignmentsJson.write(s.assignments()));
    }
    return out;
  }

  private ObjectNode observe(JsonNode request) {
    fields(request, Set.of("op", "suggestion", "assignments", "values", "failed", "value", "value_stddev",
        "failure_reason"));
    Experiment e = requireExperiment();
    JsonNode id = request.path("suggestion");
    // A past trial no suggestion asked for carries its own assignments instead of an id (as SigOpt allowed).
    Map<String, Object> past = null;
    if (request.has("assignments")) {
      if (request.has("suggestion")) {
        throw new IllegalArgumentException("observe: send \"suggestion\" (an open suggestion's id) or \"assignments\""
            + " (a configuration no suggestion asked for), not both");
      }
      past = AssignmentsJson.toRaw("assignments", request.get("assignments"));
    } else if (!id.isTextual() && !id.isIntegralNumber()) {
      throw new IllegalArgumentException("suggestion: must be the id of an open suggestion (e.g. \"1\"), or send"
          + " \"assignments\" for a past trial, but got " + (id.isMissingNode() ? "nothing" : id.toString()));
    }
    String suggestion = past == null ? id.asText() : null;
    String subject = past == null ? "suggestion " + suggestion : "observation";
    boolean failed = request.path("failed").asBoolean(false);
    if (failed) {
      if (request.has("values") || request.has("value")) {
        throw new IllegalArgumentException(subject + ": a failed observation carries no values;"
            + " send either \"failed\": true or \"values\"");
      }
      String reason = request.hasNonNull("failure_reason") ? request.get("failure_reason").asText() : null;
      if (past == null) {
        e.observeFailed(suggestion, reason, Map.of());
      } else {
        e.observeFailed(past, reason, Map.of());
      }
      return ok();
    }
    if (e.spec().multiMetric()) {
      var values = MetricValue.all(request.path("values"), subject);
      if (past == null) {
        e.observe(suggestion, values, Map.of());
      } else {
        e.observe(past, values);
      }
      return ok();
    }
    MetricValue mv = MetricValue.from(request, e.spec().metric().name(), subject);
    if (past == null) {
      e.observe(suggestion, mv.value(), mv.stddev());
    } else {
      e.observe(past, mv.value(), mv.stddev());
    }
    return ok();
  }

  private ObjectNode best(JsonNode request) {
    fields(request, Set.of("op"));
    Experiment e = requireExperiment();
    ObjectNode out = ok();
    e.best().ifPresentOrElse(b -> {
      ObjectNode best = out.putObject("best");
      best.set("assignments", AssignmentsJson.write(b.assignments()));
      best.put("value", b.value());
      if (b.valueStddev() != null) {
        best.put("value_stddev", b.valueStddev());
      }
      if (b.estimatedValue() != null) {
        best.put("value_estimate", b.estimatedValue());
      }
    }, () -> out.putNull("best"));
    if (e.spec().multiMetric()) {
      // SigOpt's list: the Pareto front of a two-objective experiment, else the one best.
      ArrayNode front = out.putArray("best_assignments");
      e.bestAssignments().forEach(b -> front.add(SigOptJson.best(b)));
    }
    return out;
  }

  private Experiment requireExperiment() {
    if (experiment == null) {
      throw new IllegalStateException("no experiment yet; send {\"op\":\"create\",\"experiment\":{...},\"seed\":7} first");
    }
    return experiment;
  }

  private static void fields(JsonNode request, Set<String> known) {
    for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException(f + ": not a field of op \"" + request.path("op").asText() + "\"; known: "
            + new java.util.TreeSet<>(known));
      }
    }
  }

  private static ObjectNode ok() {
    return SigOptJson.MAPPER.createObjectNode().put("ok", true);
  }
}
