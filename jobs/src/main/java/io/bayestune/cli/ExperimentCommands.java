package io.bayestune.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.AssignmentsJson;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.Observation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.experiment.WarmStart;
import io.bayestune.optimizer.store.ExperimentStore;
import io.bayestune.optimizer.store.ExperimentStore.StoredState;
import io.bayestune.service.MetricValue;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * {@code create / suggest / observe / best --at LOCATION}: the three calls for experiments that happen
 * outside the computer. Each call loads the state, changes it, and saves it with compare-and-set, so
 * a kill -9 between calls loses nothing and two people on one experiment cannot overwrite each other.
 */
final class ExperimentCommands {
  private final PrintStream out;

  ExperimentCommands(PrintStream out) {
    this.out = out;
  }

  void create(Args args) throws IOException {
    if (args.positional().size() != 1) {
      throw new Args.UsageException("create: give exactly one SPEC.json, e.g. bayestune create spec.json --at DIR");
    }
    Path specFile = Path.of(args.positional().get(0));
    String specJson;
    try {
      specJson = Files.readString(specFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(specFile + ": no such file; give the path of the experiment spec (JSON)");
    }
    long seed = args.integer("seed", new SecureRandom().nextLong() >>> 1);
    Experiment e = Experiment.create(SpecJson.parse(specJson), seed);
    WarmStart.Report warm = warmStart(e, args);
    try (ExperimentStore store = Stores.open(args.require("at"))) {
      if (store.load().isPresent()) {
        throw new IllegalStateException(store.location() + ": an experiment already exists here; choose another"
            + " --at location, or continue this one with suggest/observe");
      }
      store.save(e.toJson(), null);
      ObjectNode shown = SigOptJson.experiment(e, store.location());
      if (warm != null) {
        ObjectNode w = shown.putObject("warm_start").put("imported", warm.imported()).put("skipped", warm.skipped());
        warm.reasons().stream().limit(20).forEach(w.putArray("skipped_because")::add);
      }
      out.println(SigOptJson.pretty(shown));
    }
  }

  /** Observations from an earlier experiment (--warm-start-from) or a CSV of past trials (--warm-start-csv). */
  private static WarmStart.Report warmStart(Experiment e, Args args) throws IOException {
    String from = args.get("warm-start-from");
    String csv = args.get("warm-start-csv");
    if (from != null && csv != null) {
      throw new Args.UsageException("create: give --warm-start-from or --warm-start-csv, not both");
    }
    if (from != null) {
      try (ExperimentStore source = Stores.open(from)) {
        return WarmStart.fromExperiment(e, Experiment.fromJson(load(source).json()));
      }
    }
    if (csv != null) {
      try (var reader = Files.newBufferedReader(Path.of(csv), StandardCharsets.UTF_8)) {
        return WarmStart.fromCsv(e, reader);
      } catch (NoSuchFileException ex) {
        throw new IllegalArgumentException("--warm-start-csv " + csv + ": no such file");
      }
    }
    return null;
  }

  void suggest(Args args) throws IOException {
    long count = args.integer("count", 1);
    if (count < 1 || count > 1000) {
      throw new Args.UsageException("suggest: --count must be from 1 to 1000, but got " + count);
    }
    try (ExperimentStore store = Stores.open(args.require("at"))) {
      StoredState state = load(store);
      Experiment e = Experiment.fromJson(state.json());
      List<Suggestion> made = e.suggest((int) count);
      store.save(e.toJson(), state.version());
      if (args.get("count") == null) {
        out.println(SigOptJson.pretty(SigOptJson.suggestion(made.get(0))));
      } else {
        ObjectNode page = SigOptJson.MAPPER.createObjectNode().put("object", "pagination").put("count", made.size());
        ArrayNode data = page.putArray("data");
        made.forEach(s -> data.add(SigOptJson.suggestion(s)));
        out.println(SigOptJson.pretty(page));
      }
    }
  }

  void observe(Args args) throws IOException {
    String id = args.get("suggestion");
    String assignments = args.get("assignments");
    String csv = args.get("csv");
    if ((id != null ? 1 : 0) + (assignments != null ? 1 : 0) + (csv != null ? 1 : 0) != 1) {
      throw new Args.UsageException("observe: give one of --suggestion ID, --assignments JSON (a past trial) or"
          + " --csv FILE (past trials in bulk)");
    }
    boolean failed = args.flag("failed");
    if (failed && (args.get("value") != null || args.get("values") != null)) {
      throw new Args.UsageException("observe: give either --value V (--values JSON) or --failed, not both");
    }
    NamedValues.checkUsage(args);
    try (ExperimentStore store = Stores.open(args.require("at"))) {
      StoredState state = load(store);
      Experiment e = Experiment.fromJson(state.json());
      if (csv != null) {
        // Thousands of past trials: one load, one save, all rows or none.
        WarmStart.Report r = observeCsv(e, csv, args);
        store.save(e.toJson(), state.version());
        ObjectNode shown = SigOptJson.MAPPER.createObjectNode().put("object", "import").put("imported", r.imported())
            .put("skipped", r.skipped()).put("observation_count", e.observations().size());
        r.reasons().stream().limit(20).forEach(shown.putArray("skipped_because")::add);
        out.println(SigOptJson.pretty(shown));
        return;
      }
      Map<String, Object> past = assignments == null ? null : assignmentsJson(assignments);
      String subject = id != null ? "suggestion " + id : "observation";
      Observation o;
      if (failed) {
        o = id != null ? e.observeFailed(id, args.get("reason"), Map.of())
            : e.observeFailed(past, args.get("reason"), Map.of());
      } else if (args.get("values") != null || NamedValues.given(args)) {
        var values = args.get("values") != null ? MetricValue.all(valuesJson(args.get("values")), subject)
            : NamedValues.of(args, e.spec());
        o = id != null ? e.observe(id, values, Map.of()) : e.observe(past, values);
      } else {
        if (args.get("value") == null) {
          throw new Args.UsageException("observe: give --value V (and optionally --stddev S), --value NAME=V for each"
              + " metric, or --failed");
        }
        Double stddev = args.get("stddev") == null ? null : args.number("stddev");
        o = id != null ? e.observe(id, args.number("value"), stddev) : e.observe(past, args.number("value"), stddev);
      }
      store.save(e.toJson(), state.version());
      out.println(SigOptJson.pretty(SigOptJson.observation(o, e.spec().metric().name())));
    }
  }

  private static WarmStart.Report observeCsv(Experiment e, String csv, Args args) throws IOException {
    for (String other : List.of("value", "values", "stddev", "reason")) {
      if (args.get(other) != null || args.flag("failed")) {
        throw new Args.UsageException("observe --csv: the file holds the values (a column named after the metric,"
            + " optionally value_stddev); drop --" + (args.flag("failed") ? "failed" : other));
      }
    }
    try (var reader = Files.newBufferedReader(Path.of(csv), StandardCharsets.UTF_8)) {
      return WarmStart.fromCsv(e, reader);
    } catch (NoSuchFileException ex) {
      throw new IllegalArgumentException("--csv " + csv + ": no such file; give a CSV with a header row naming the"
          + " parameters and the metric");
    }
  }

  /** A past trial's configuration, e.g. {@code {"cement": 300, "mixer": "drum"}}, in the types the space expects. */
  private static Map<String, Object> assignmentsJson(String text) {
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = SigOptJson.MAPPER.readTree(text);
    } catch (IOException ex) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new Args.UsageException("observe: --assignments must be a JSON object such as '{\"x\": 0.3,"
          + " \"kind\": \"a\"}', but got " + text);
    }
    return AssignmentsJson.toRaw("--assignments", node);
  }

  private static com.fasterxml.jackson.databind.JsonNode valuesJson(String text) {
    try {
      return SigOptJson.MAPPER.readTree(text);
    } catch (IOException ex) {
      throw new Args.UsageException("observe: --values must be a JSON list such as '[{\"name\":\"auc\","
          + "\"value\":0.8},{\"name\":\"recall\",\"value\":0.7}]', but got " + text);
    }
  }

  void best(Args args) throws IOException {
    try (ExperimentStore store = Stores.open(args.require("at"))) {
      Experiment e = Experiment.fromJson(load(store).json());
      ObjectNode page = SigOptJson.MAPPER.createObjectNode().put("object", "pagination");
      ArrayNode data = page.putArray("data");
      // SigOpt's best_assignments list: the Pareto front of a two-objective experiment, else one best.
      e.bestAssignments().forEach(b -> data.add(SigOptJson.best(b)));
      page.put("count", data.size());
      out.println(SigOptJson.pretty(page));
    }
  }

  void show(Args args) throws IOException {
    try (ExperimentStore store = Stores.open(args.require("at"))) {
      Experiment e = Experiment.fromJson(load(store).json());
      out.println(SigOptJson.pretty(SigOptJson.experiment(e, store.location())));
    }
  }

  static StoredState load(ExperimentStore store) throws IOException {
    // FileNotFoundException: callers (the Python package among them) tell a missing experiment from a refused call.
    return store.load().orElseThrow(() -> new java.io.FileNotFoundException(store.location()
        + ": no experiment here; create one first with bayestune create SPEC.json --at " + store.location()));
  }
}
