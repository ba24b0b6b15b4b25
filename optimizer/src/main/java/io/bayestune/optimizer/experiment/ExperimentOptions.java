package io.bayestune.optimizer.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.strategy.BayesianStrategy.PendingPolicy;
import io.bayestune.optimizer.strategy.LocalKernel;
import io.bayestune.optimizer.strategy.LocalModelOptions;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * How the optimizer of one experiment works, beyond its spec: saved in the experiment's state, so that a resumed
 * experiment (another driver, another JVM) continues exactly as it began. The defaults are what the side-by-side
 * runs in docs/benchmarks.md found best; the others exist so that the benchmarks can compare.
 *
 * <pre>{@code
 * Experiment e = Experiment.create(spec, seed, ExperimentOptions.defaults().withPendingPolicy("fantasies"));
 * }</pre>
 *
 * @param pendingPolicy how open suggestions enter the model (state JSON {@code "pending_policy"}:
 *     {@code kriging-believer}, the default, {@code constant-liar} or {@code fantasies})
 * @param warpOutcomes whether outcomes are warped (Yeo-Johnson) before the GP fit, default true (state JSON
 *     {@code "warp_outcomes"})
 * @param localModelAbove past this many completed trials the GP is local to the best one (see
 *     {@code LocalModelOptions}), default 256 (state JSON {@code "local_model_above"}); in spaces of more than 20
 *     encoded coordinates from the end of the initial design on, when that comes earlier
 *     ({@code LocalModelOptions.start})
 * @param localModelPoints the neighbours the local model is fitted to, default 256 (state JSON
 *     {@code "local_model_points"})
 * @param trustRegion whether the local model searches a trust region that grows and shrinks with the search's
 *     successes and failures (TuRBO's rule, replayed from the observations), default true (state JSON
 *     {@code "trust_region"}; states saved before it existed get the default)
 * @param localKernel the local model's kernel shape (state JSON {@code "local_kernel"}: {@code auto}, the default,
 *     which is two-scale in up to 20 encoded coordinates at a parallel bandwidth of up to 64 and the Matern-5/2
 *     otherwise, {@code matern52} or {@code two-scale}, see {@link LocalKernel}); states saved before it existed get
 *     {@code matern52}, the kernel they were made with, so that they replay exactly
 */
public record ExperimentOptions(PendingPolicy pendingPolicy, boolean warpOutcomes, int localModelAbove,
    int localModelPoints, boolean trustRegion, LocalKernel localKernel) {
  /** The local model's kernel of states saved before the option existed. */
  private static final LocalKernel LEGACY_LOCAL_KERNEL = LocalKernel.MATERN52;

  private static final Map<String, PendingPolicy> POLICIES = Map.of("kriging-believer", PendingPolicy.KRIGING_BELIEVER,
      "constant-liar", PendingPolicy.CONSTANT_LIAR_MIN, "fantasies", PendingPolicy.FANTASIES);

  public ExperimentOptions {
    Objects.requireNonNull(pendingPolicy, "pendingPolicy");
    Objects.requireNonNull(localKernel, "localKernel");
    if (localModelAbove < 2 || localModelPoints < 2) {
      throw new IllegalArgumentException("local_model_above and local_model_points: must be at least 2, but got "
          + localModelAbove + " and " + localModelPoints);
    }
  }

  /** The given policy and warping with the default local model. */
  public ExperimentOptions(PendingPolicy pendingPolicy, boolean warpOutcomes) {
    this(pendingPolicy, warpOutcomes, LocalModelOptions.defaults().above(), LocalModelOptions.defaults().points(),
        LocalModelOptions.defaults().trustRegion(), LocalModelOptions.defaults().kernel());
  }

  public static ExperimentOptions defaults() {
    return new ExperimentOptions(PendingPolicy.KRIGING_BELIEVER, true);
  }

  /** These options with the local model switched on past {@code above} completed trials, on {@code points} neighbours. */
  public ExperimentOptions withLocalModel(int above, int points) {
    return new ExperimentOptions(pendingPolicy, warpOutcomes, above, points, trustRegion, localKernel);
  }

  /** These options with the local model's trust region on or off. */
  public ExperimentOptions withTrustRegion(boolean on) {
    return new ExperimentOptions(pendingPolicy, warpOutcomes, localModelAbove, localModelPoints, on, localKernel);
  }

  /** These options with the local model's kernel named {@code auto}, {@code matern52} or {@code two-scale}. */
  public ExperimentOptions withLocalKernel(String name) {
    return new ExperimentOptions(pendingPolicy, warpOutcomes, localModelAbove, localModelPoints, trustRegion,
        LocalKernel.named("local_kernel", name));
  }

  /** The local model these options describe. */
  public LocalModelOptions localModel() {
    return LocalModelOptions.of(localModelAbove, localModelPoints, trustRegion, localKernel);
  }

  /** These options with the pending policy named {@code kriging-believer}, {@code constant-liar} or {@code fantasies}. */
  public ExperimentOptions withPendingPolicy(String name) {
    PendingPolicy p = POLICIES.get(name);
    if (p == null) {
      throw new IllegalArgumentException("pending_policy: must be one of kriging-believer, constant-liar, fantasies,"
          + " but got \"" + name + "\"");
    }
    return new ExperimentOptions(p, warpOutcomes, localModelAbove, localModelPoints, trustRegion, localKernel);
  }

  public ExperimentOptions withWarpOutcomes(boolean warp) {
    return new ExperimentOptions(pendingPolicy, warp, localModelAbove, localModelPoints, trustRegion, localKernel);
  }

  /** The pending policy's name in the state JSON. */
  public String pendingPolicyName() {
    return POLICIES.entrySet().stream().filter(e -> e.getValue() == pendingPolicy).findFirst().orElseThrow().getKey();
  }

  ObjectNode toJson() {
    return SpecJson.MAPPER.createObjectNode().put("pending_policy", pendingPolicyName())
        .put("warp_outcomes", warpOutcomes).put("local_model_above", localModelAbove)
        .put("local_model_points", localModelPoints).put("trust_region", trustRegion)
        .put("local_kernel", localKernel.jsonName());
  }

  /**
   * The options of a state file; the defaults when absent (states written before options were saved), except the
   * local kernel, which states written before it existed used as {@code matern52}.
   */
  static ExperimentOptions fromJson(JsonNode node) {
    ExperimentOptions o = defaults().withLocalKernel(LEGACY_LOCAL_KERNEL.jsonName());
    if (node == null || node.isMissingNode() || node.isNull()) {
      return o;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("experiment state: options must be an object such as"
          + " {\"pending_policy\": \"kriging-believer\", \"warp_outcomes\": true}, but got " + node);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("pending_policy") && !name.equals("warp_outcomes") && !name.equals("local_model_above")
          && !name.equals("local_model_points") && !name.equals("trust_region") && !name.equals("local_kernel")) {
        throw new IllegalArgumentException("experiment state: options." + name + " is not an option (known:"
            + " pending_policy, warp_outcomes, local_model_above, local_model_points, trust_region, local_kernel);"
            + " remove it");
      }
    }
    if (node.has("pending_policy")) {
      o = o.withPendingPolicy(node.get("pending_policy").asText());
    }
    if (node.has("local_kernel")) {
      JsonNode kernel = node.get("local_kernel");
      if (!kernel.isTextual()) {
        throw new IllegalArgumentException("experiment state: options.local_kernel must be \"auto\", \"matern52\""
            + " or \"two-scale\", but got " + kernel);
      }
      o = o.withLocalKernel(kernel.asText());
    }
    o = o.withWarpOutcomes(flag(node, "warp_outcomes", o.warpOutcomes()))
        .withTrustRegion(flag(node, "trust_region", o.trustRegion()));
    return o.withLocalModel(count(node, "local_model_above", o.localModelAbove()),
        count(node, "local_model_points", o.localModelPoints()));
  }

  private static boolean flag(JsonNode options, String name, boolean absent) {
    JsonNode v = options.path(name);
    if (v.isMissingNode()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("experiment state: options." + name + " must be true or false, but got " + v);
    }
    return v.asBoolean();
  }

  private static int count(JsonNode options, String name, int absent) {
    JsonNode v = options.path(name);
    if (v.isMissingNode()) {
      return absent;
    }
    if (!v.isIntegralNumber() || v.asLong() < 2 || v.asLong() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("experiment state: options." + name + " must be an integer >= 2, but got "
          + v);
    }
    return v.asInt();
  }
}
