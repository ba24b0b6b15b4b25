package io.bayestune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.bayestune.functions.BenchmarkFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optuna's runs read back from files that {@code optuna_bench.py run --out} wrote, for {@code bench optimizer
 * --optuna-results}: a long suite's Optuna side (TPE on 100 dimensions takes minutes per run) is run once and
 * compared with several versions of bayestune. Optuna's samplers are seeded, so the file holds what the same
 * command would produce again.
 *
 * @param runs one per requested (function, sampler, seed), cut to the budget
 * @param versions the versions the file records (Optuna, cmaes, Python)
 */
record OptunaResults(List<Run> runs, JsonNode versions) {

  /**
   * The runs of {@code samplers} on {@code functions} for seeds 1..{@code seeds}, each of at least {@code budget}
   * evaluations, made in batches of {@code batch} (files that do not record it are taken as such); refused, naming
   * what is missing and how to make it, when a file lacks one.
   */
  static OptunaResults load(List<Path> files, List<BenchmarkFunction> functions, List<String> samplers, int seeds,
      int budget, int batch) throws IOException {
    Map<String, Run> found = new LinkedHashMap<>();
    JsonNode versions = null;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--optuna-results: " + file + " is not a file; give the --out file of"
            + " `optuna_bench.py run`");
      }
      JsonNode root = OptunaSide.MAPPER.readTree(file.toFile());
      if (root.path("batch").asInt(batch) != batch) {
        throw new IllegalArgumentException("--optuna-results: " + file + " holds runs in batches of "
            + root.path("batch").asInt() + ", but this benchmark runs batches of " + batch + "; use a file made with"
            + " `optuna_bench.py run --batch " + batch + "`");
      }
      versions = versions != null ? versions : root.path("versions");
      for (Run run : OptunaSide.runsOf(root)) {
        found.put(key(run.function(), run.strategy(), run.seed()), run);
      }
    }
    List<Run> runs = new ArrayList<>();
    for (BenchmarkFunction f : functions) {
      for (String sampler : samplers) {
        for (long seed = 1; seed <= seeds; seed++) {
          Run run = found.get(key(f.name(), sampler, seed));
          if (run == null || run.values().length < budget) {
            throw new IllegalArgumentException("--optuna-results: " + files + " has " + (run == null ? "no run"
                : "a run of only " + run.values().length + " evaluations") + " for " + f.name() + " / " + sampler
                + " / seed " + seed + " (needed: " + budget + "); make one with `bench/optuna_bench.py run --functions "
                + f.name() + " --samplers " + sampler + " --seeds 1-" + seeds + " --budget " + budget + " --batch " + batch
                + " --out F`"
                + " or leave --optuna-results out to run Optuna now");
          }
          runs.add(new Run(run.function(), run.strategy(), run.seed(), Arrays.copyOf(run.values(), budget),
              run.suggestSeconds(), null));
        }
      }
    }
    return new OptunaResults(List.copyOf(runs), versions);
  }

  private static String key(String function, String sampler, long seed) {
    return function + "\u0000" + sampler + "\u0000" + seed;
  }
}
