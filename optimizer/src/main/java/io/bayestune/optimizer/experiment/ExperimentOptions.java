package io.bayestune.optimizer.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bayestune.optimizer.strategy.BayesianStrategy.PendingPolicy;
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
 */
public record ExperimentOptions(PendingPolicy pendingPolicy, boolean warpOutcomes) {
  private static final Map<String, PendingPolicy> POLICIES = Map.of("kriging-believer", PendingPolicy.KRIGING_BELIEVER,
      "constant-liar", PendingPolicy.CONSTANT_LIAR_MIN, "fantasies", PendingPolicy.FANTASIES);

  public ExperimentOptions {
    Objects.requireNonNull(pendingPolicy, "pendingPolicy");
  }

  public static ExperimentOptions defaults() {
    return new ExperimentOptions(PendingPolicy.KRIGING_BELIEVER, true);
  }

  /** These options with the pending policy named {@code kriging-believer}, {@code constant-liar} or {@code fantasies}. */
  public ExperimentOptions withPendingPolicy(String name) {
    PendingPolicy p = POLICIES.get(name);
    if (p == null) {
      throw new IllegalArgumentException("pending_policy: must be one of kriging-believer, constant-liar, fantasies,"
          + " but got \"" + name + "\"");
    }
    return new ExperimentOptions(p, warpOutcomes);
  }

  public ExperimentOptions withWarpOutcomes(boolean warp) {
    return new ExperimentOptions(pendingPolicy, warp);
  }

  /** The pending policy's name in the state JSON. */
  public String pendingPolicyName() {
    return POLICIES.entrySet().stream().filter(e -> e.getValue() == pendingPolicy).findFirst().orElseThrow().getKey();
  }

  ObjectNode toJson() {
    return SpecJson.MAPPER.createObjectNode().put("pending_policy", pendingPolicyName())
        .put("warp_outcomes", warpOutcomes);
  }

  /** The options of a state file; the defaults when absent (states written before options were saved). */
  static ExperimentOptions fromJson(JsonNode node) {
    ExperimentOptions o = defaults();
    if (node == null || node.isMissingNode() || node.isNull()) {
      return o;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("experiment state: options must be an object such as"
          + " {\"pending_policy\": \"kriging-believer\", \"warp_outcomes\": true}, but got " + node);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!name.equals("pending_policy") && !name.equals("warp_outcomes")) {
        throw new IllegalArgumentException("experiment state: options." + name + " is not an option (known:"
            + " pending_policy, warp_outcomes); remove it");
      }
    }
    if (node.has("pending_policy")) {
      o = o.withPendingPolicy(node.get("pending_policy").asText());
    }
    JsonNode warp = node.path("warp_outcomes");
    if (!warp.isMissingNode()) {
      if (!warp.isBoolean()) {
        throw new IllegalArgumentException("experiment state: options.warp_outcomes must be true or false, but got "
            + warp);
      }
      o = o.withWarpOutcomes(warp.asBoolean());
    }
    return o;
  }
}
