package io.bayestune.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a tuning run was asked to do, kept with its model and written to its metadata.
 *
 * @param searchSpace the search space, as SigOpt JSON
 * @param metricName the evaluator's metric ({@code areaUnderROC}, {@code rmse}, ...)
 * @param largerBetter whether the evaluator's metric is maximized
 * @param numFolds the folds each trial was scored on, or 0 with a training ratio
 * @param trainRatio the training fraction of the single split, or 0 with folds
 */
public record TunerSettings(String searchSpace, String metricName, boolean largerBetter, int maxTrials,
    int parallelism, int numFolds, double trainRatio, long seed) {

  ObjectNode toJson() {
    ObjectNode n = StagePersistence.MAPPER.createObjectNode();
    n.set("searchSpace", parse(searchSpace));
    n.put("metricName", metricName).put("largerBetter", largerBetter).put("maxTrials", maxTrials)
        .put("parallelism", parallelism).put("numFolds", numFolds).put("trainRatio", trainRatio).put("seed", seed);
    return n;
  }

  static TunerSettings fromJson(JsonNode n) {
    return new TunerSettings(n.path("searchSpace").toString(), n.path("metricName").asText(),
        n.path("largerBetter").asBoolean(), n.path("maxTrials").asInt(), n.path("parallelism").asInt(),
        n.path("numFolds").asInt(), n.path("trainRatio").asDouble(), n.path("seed").asLong());
  }

  private static JsonNode parse(String json) {
    try {
      return StagePersistence.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("searchSpace: not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }
}
