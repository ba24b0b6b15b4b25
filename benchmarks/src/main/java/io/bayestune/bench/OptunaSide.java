package io.bayestune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.functions.BenchmarkFunction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Optuna's samplers, run by {@code bench/optuna_bench.py} under the checkout's {@code .venv/bin/python} (optuna and
 * cmaes pinned in python/requirements-test.txt, installed by {@code bash .ci/python-env}): availability, the check
 * that the Python functions equal the Java ones, and the runs themselves in a child process beside the Java
 * strategies. Nothing is installed from here.
 */
public final class OptunaSide {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** Relative and absolute agreement the Python and Java functions must reach at every check point. */
  static final double TOLERANCE = 1e-9;

  private final Path python;
  private final Path script;

  public OptunaSide(Path python, Path script) {
    this.python = python;
    this.script = script;
  }

  /** Optuna's and cmaes' versions; null (with the reason on {@code log}) when they cannot be had. */
  public JsonNode ensureAvailable(PrintStream log) throws IOException, InterruptedException {
    if (!Files.isRegularFile(script)) {
      log.println("bench: " + script + " not found; Optuna columns skipped (run from the repository, or pass"
          + " --python-script)");
      return null;
    }
    if (!Files.isExecutable(python)) {
      log.println("bench: " + python + " not found; Optuna columns skipped (run `bash .ci/python-env` to make"
          + " .venv, or pass --python)");
      return null;
    }
    Exec probe = exec(List.of(python.toString(), "-c", "import optuna, cmaes"), null, 120);
    if (probe.code != 0) {
      log.println("bench: optuna/cmaes are not importable by " + python + "; Optuna columns skipped (run"
          + " `bash .ci/python-env`, which installs the versions pinned in python/requirements-test.txt into .venv,"
          + " or pass --python):\n" + tail(probe.err));
      return null;
    }
    Exec versions = exec(List.of(python.toString(), script.toString(), "versions"), null, 120);
    if (versions.code != 0) {
      log.println("bench: optuna_bench.py versions failed; Optuna columns skipped:\n" + tail(versions.err));
      return null;
    }
    return MAPPER.readTree(versions.out);
  }

  /**
   * Evaluates the same points in Java and Python, and compares the parameters and optima the two
   * declare.
   *
   * @return the number of points compared
   * @throws IllegalStateException on any mismatch, naming the function, the point and both values
   */
  public int checkConsistency(List<BenchmarkFunction> functions) throws IOException, InterruptedException {
    Exec describe = exec(List.of(python.toString(), script.toString(), "describe"), null, 120);
    if (describe.code != 0) {
      throw new IllegalStateException("consistency check: optuna_bench.py describe failed:\n" + tail(describe.err));
    }
    Map<String, JsonNode> pythonFunctions = new LinkedHashMap<>();
    for (JsonNode f : MAPPER.readTree(describe.out)) {
      pythonFunctions.put(f.path("name").asText(), f);
    }
    List<String> problems = new ArrayList<>();
    ArrayNode points = MAPPER.createArrayNode();
    List<Double> javaValues = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (BenchmarkFunction f : functions) {
      JsonNode p = pythonFunctions.get(f.name());
      if (p == null) {
        problems.add(f.name() + ": missing from bench/bench_functions.py");
        continue;
      }
      compareParameters(f, p, problems);
      double pythonOptimum = p.path("optimum").asDouble();
      if (!close(f.optimum(), pythonOptimum)) {
        problems.add(f.name() + ": optimum is " + f.optimum() + " in Java but " + pythonOptimum + " in Python");
      }
      for (Map<String, Object> a : CheckPoints.of(f)) {
        ObjectNode point = points.addObject().put("function", f.name());
        point.set("assignments", MAPPER.valueToTree(a));
        javaValues.add(f.value(new io.bayestune.optimizer.space.Assignments(a)));
        labels.add(f.name() + " at " + a);
      }
    }
    Exec evaluate = exec(List.of(python.toString(), script.toString(), "evaluate"), MAPPER.writeValueAsString(points),
        300);
    if (evaluate.code != 0) {
      throw new IllegalStateException("consistency check: optuna_bench.py evaluate failed:\n" + tail(evaluate.err));
    }
    JsonNode pythonValues = MAPPER.readTree(evaluate.out);
    for (int i = 0; i < javaValues.size(); i++) {
      double j = javaValues.get(i);
      double py = pythonValues.get(i).asDouble();
      if (!close(j, py)) {
        problems.add(labels.get(i) + ": Java " + j + ", Python " + py);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("consistency check: the Java and Python benchmark functions differ (tolerance "
          + TOLERANCE + " relative or absolute), so Optuna would be scored on another problem; make"
          + " bench/bench_functions.py and jobs/.../io/bayestune/functions agree:\n  " + String.join("\n  ", problems));
    }
    return javaValues.size();
  }

  private static void compareParameters(BenchmarkFunction f, JsonNode python, List<String> problems) {
    JsonNode javaParams = f.spec().path("parameters");
    JsonNode pyParams = python.path("parameters");
    if (javaParams.size() != pyParams.size()) {
      problems.add(f.name() + ": " + javaParams.size() + " parameters in Java but " + pyParams.size() + " in Python");
      return;
    }
    for (int i = 0; i < javaParams.size(); i++) {
      JsonNode j = javaParams.get(i);
      JsonNode p = pyParams.get(i);
      String at = f.name() + ".parameters[" + i + "]";
      if (!j.path("name").asText().equals(p.path("name").asText())
          || !j.path("type").asText().equals(p.path("type").asText())) {
        problems.add(at + ": Java " + j.path("type").asText() + " '" + j.path("name").asText() + "' but Python "
            + p.path("type").asText() + " '" + p.path("name").asText() + "'");
      } else if (j.path("type").asText().equals("categorical")) {
        List<String> jv = new ArrayList<>();
        j.path("categorical_values").forEach(v -> jv.add(v.isObject() ? v.path("name").asText() : v.asText()));
        List<String> pv = new ArrayList<>();
        p.path("values").forEach(v -> pv.add(v.asText()));
        if (!jv.equals(pv)) {
          problems.add(at + ": categorical values " + jv + " in Java but " + pv + " in Python");
        }
      } else if (!close(j.path("bounds").path("min").asDouble(), p.path("min").asDouble())
          || !close(j.path("bounds").path("max").asDouble(), p.path("max").asDouble())) {
        problems.add(at + ": bounds " + j.path("bounds") + " in Java but [" + p.path("min") + ", " + p.path("max")
            + "] in Python");
      }
    }
  }

  static boolean close(double a, double b) {
    return Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
  }

  /** Starts the Optuna runs in a child process writing to {@code out}; collect them with {@link #collect}. */
  public Process start(List<BenchmarkFunction> functions, List<String> samplers, int seeds, int budget, int batch,
      Path out, Path log) throws IOException {
    List<String> names = new ArrayList<>();
    functions.forEach(f -> names.add(f.name()));
    ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), "run",
        "--functions", String.join(",", names), "--samplers", String.join(",", samplers),
        "--seeds", "1-" + seeds, "--budget", Integer.toString(budget), "--batch", Integer.toString(batch), "--out", out.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  /** The runs a finished child process wrote; throws with its log's tail when it failed. */
  public static List<Run> collect(Process p, Path out, Path log) throws IOException, InterruptedException {
    int code = p.waitFor();
    if (code != 0 || !Files.isRegularFile(out)) {
      throw new IllegalStateException("optuna_bench.py run failed (exit " + code + "):\n"
          + tail(Files.readString(log, StandardCharsets.UTF_8)));
    }
    return runsOf(MAPPER.readTree(out.toFile()));
  }

  /** The runs of an {@code optuna_bench.py run --out} file's JSON, in its order. */
  static List<Run> runsOf(JsonNode root) {
    List<Run> runs = new ArrayList<>();
    for (JsonNode r : root.path("runs")) {
      double[] values = new double[r.path("values").size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.path("values").get(i).asDouble();
      }
      runs.add(new Run(r.path("function").asText(), r.path("strategy").asText(), r.path("seed").asLong(), values,
          r.path("seconds").asDouble(), null));
    }
    return runs;
  }

  /** A few fixed points per function: its minimizer, the centre, both corners and seeded uniform draws. */
  static final class CheckPoints {
    private CheckPoints() {
    }

    static List<Map<String, Object>> of(BenchmarkFunction f) {
      List<Map<String, Object>> out = new ArrayList<>();
      out.add(f.minimizer());
      JsonNode params = f.spec().path("parameters");
      out.add(at(params, k -> 0.5));
      out.add(at(params, k -> 0.0));
      out.add(at(params, k -> 1.0));
      SplittableRandom rng = new SplittableRandom(20131);
      for (int i = 0; i < 6; i++) {
        double[] u = rng.doubles(params.size()).toArray();
        out.add(at(params, k -> u[k]));
      }
      return out;
    }

    private static Map<String, Object> at(JsonNode params, java.util.function.IntToDoubleFunction u) {
      Map<String, Object> a = new LinkedHashMap<>();
      for (int k = 0; k < params.size(); k++) {
        JsonNode p = params.get(k);
        double t = u.applyAsDouble(k);
        String name = p.path("name").asText();
        switch (p.path("type").asText()) {
          case "double" -> {
            double lo = p.path("bounds").path("min").asDouble();
            double hi = p.path("bounds").path("max").asDouble();
            a.put(name, t >= 1.0 ? hi : lo + t * (hi - lo));
          }
          case "int" -> {
            long lo = p.path("bounds").path("min").asLong();
            long hi = p.path("bounds").path("max").asLong();
            a.put(name, Math.min(hi, lo + (long) Math.floor(t * (hi - lo + 1))));
          }
          default -> {
            List<String> values = new ArrayList<>();
            for (Iterator<JsonNode> it = p.path("categorical_values").elements(); it.hasNext(); ) {
              JsonNode v = it.next();
              values.add(v.isObject() ? v.path("name").asText() : v.asText());
            }
            a.put(name, values.get(Math.min(values.size() - 1, (int) Math.floor(t * values.size()))));
          }
        }
      }
      return a;
    }
  }

  private record Exec(int code, String out, String err) {
  }

  private static Exec exec(List<String> command, String stdin, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path outFile = Files.createTempFile("bench-exec", ".out");
    Path errFile = Files.createTempFile("bench-exec", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Exec(-1, "", String.join(" ", command) + ": no answer within " + timeoutSeconds + " s");
      }
      return new Exec(p.exitValue(), Files.readString(outFile), Files.readString(errFile));
    } finally {
      Files.deleteIfExists(outFile);
      Files.deleteIfExists(errFile);
    }
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
  }
}
