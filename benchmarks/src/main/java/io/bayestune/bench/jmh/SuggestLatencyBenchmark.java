package io.bayestune.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.experiment.Experiment;
import io.bayestune.optimizer.experiment.PastObservation;
import io.bayestune.optimizer.experiment.SpecJson;
import io.bayestune.optimizer.experiment.Suggestion;
import io.bayestune.optimizer.space.Assignments;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one {@code suggest()} of an {@code offline} (Gaussian-process) experiment that already
 * holds {@code observations} observations of a smooth function in {@code dimensions} doubles, with
 * {@code open} suggestions still open.
 *
 * <p>Each measured call starts from a fresh copy of the same saved state ({@link Experiment#fromJson}),
 * as a {@code bayestune suggest} call or a restarted driver does: the model is fitted from scratch,
 * nothing is carried over from the previous call. The state is made once per parameter set: n past
 * observations at seeded uniform points brought in with one {@code observeAll}, then the open suggestions
 * from a {@code random} experiment (seed 17) whose type is then switched to {@code offline}, so preparing
 * n = 5,000 costs no Gaussian-process fits.
 *
 * <p>Run with {@code bayestune bench latency} (which writes docs/benchmarks.md), or any JMH runner:
 * {@code java -cp ... org.openjdk.jmh.Main SuggestLatencyBenchmark -p observations=100}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class SuggestLatencyBenchmark {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Param({"25", "100", "300", "1000"})
  public int observations;

  @Param({"6", "12"})
  public int dimensions;

  /**
   * 2 and 3 open put the measured call at positions of opposite parity (the state holds n + open
   * suggestions), so that with any n one of them takes the best-guess path and the other believer log
   * EI (see BayesianStrategy).
   */
  @Param({"0", "2", "3"})
  public int open;

  /** Suggestions asked for in the measured call (a batch for as many free slots), made by one model fit. */
  @Param({"1"})
  public int batch;

  private String state;
  private Experiment experiment;

  @Setup(Level.Trial)
  public void prepare() {
    state = preloadedState(observations, dimensions, open, 17);
  }

  @Setup(Level.Iteration)
  public void restore() {
    experiment = Experiment.fromJson(state);
  }

  @Benchmark
  public List<Suggestion> suggest() {
    return experiment.suggest(batch);
  }

  /**
   * The saved state of an offline experiment over [0, 1]^d holding n observations of
   * {@link #smooth} at uniform random points and {@code open} open suggestions.
   */
  public static String preloadedState(int n, int d, int open, long seed) {
    ObjectNode spec = MAPPER.createObjectNode().put("name", "latency-n" + n + "-d" + d).put("type", "random");
    ArrayNode ps = spec.putArray("parameters");
    for (int i = 1; i <= d; i++) {
      ps.addObject().put("name", "x" + i).put("type", "double").putObject("bounds").put("min", 0.0).put("max", 1.0);
    }
    spec.putArray("metrics").addObject().put("name", "value").put("objective", "minimize");
    Experiment e = Experiment.create(SpecJson.parse(spec), seed);
    // Past observations in one bulk call (observations carrying their assignments): building n = 5,000
    // by a suggest and an observe per point cost O(n^2 log n) in history copies.
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    List<PastObservation> past = new java.util.ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      java.util.Map<String, Object> point = new java.util.LinkedHashMap<>();
      for (int i = 1; i <= d; i++) {
        point.put("x" + i, rng.nextDouble());
      }
      past.add(PastObservation.of(point, smooth(new Assignments(point), d), null));
    }
    e.observeAll(past);
    if (open > 0) {
      e.suggest(open);
    }
    try {
      ObjectNode root = (ObjectNode) MAPPER.readTree(e.toJson());
      ((ObjectNode) root.path("experiment")).put("type", "offline");
      return MAPPER.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException("latency benchmark: could not rewrite the saved state", ex);
    }
  }

  /** A smooth test surface on [0, 1]^d: sum (x_i - 0.3)^2 + 0.5 sin(2 pi x_1 x_2) + 0.1 sum x_i. */
  public static double smooth(Assignments a, int d) {
    double total = 0.0;
    for (int i = 1; i <= d; i++) {
      double x = a.getDouble("x" + i);
      total += (x - 0.3) * (x - 0.3) + 0.1 * x;
    }
    return total + 0.5 * Math.sin(2 * Math.PI * a.getDouble("x1") * a.getDouble("x2"));
  }
}
