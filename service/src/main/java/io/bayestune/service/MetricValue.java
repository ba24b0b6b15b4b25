package io.bayestune.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The metric value of an observation request, given SigOpt's way ({@code "values":[{"name":"f",
 * "value":3.2,"value_stddev":0.1}]}) or the short way ({@code "value":3.2}). Shared by the CLI's observe, ask-tell
 * and the HTTP service.
 */
public record MetricValue(double value, Double stddev) {

  public static MetricValue from(JsonNode request, String metricName, String subject) {
    JsonNode v;
    if (request.has("values")) {
      JsonNode values = request.get("values");
      if (!values.isArray() || values.size() != 1) {
        throw new IllegalArgumentException(subject + ": values must be a list with one entry for metric '"
            + metricName + "', but got " + values);
      }
      v = values.get(0);
      JsonNode name = v.path("name");
      if (!name.isMissingNode() && !name.asText().equals(metricName)) {
        throw new IllegalArgumentException(subject + ": values[0].name must be the experiment's metric '"
            + metricName + "', but got " + name);
      }
    } else if (request.has("value")) {
      v = request;
    } else {
      throw new IllegalArgumentException(subject + ": an observation needs \"values\":[{\"name\":\"" + metricName
          + "\",\"value\":...}] or \"failed\": true");
    }
    return new MetricValue(number(subject + ": value", v.path("value")),
        v.hasNonNull("value_stddev") ? number(subject + ": value_stddev", v.get("value_stddev")) : null);
  }

  /**
   * Every metric's value of a multimetric observation: SigOpt's {@code values} list, each entry
   * {@code {"name": ..., "value": ..., "value_stddev": ...}}; the experiment checks names and completeness.
   */
  public static java.util.List<io.bayestune.optimizer.experiment.MetricEvaluation> all(JsonNode values, String subject) {
    if (!values.isArray()) {
      throw new IllegalArgumentException(subject + ": values must be a list such as [{\"name\":\"auc\",\"value\":0.8}],"
          + " one entry per metric, but got " + (values.isMissingNode() ? "nothing" : values.toString()));
    }
    java.util.List<io.bayestune.optimizer.experiment.MetricEvaluation> out = new java.util.ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      JsonNode v = values.get(i);
      String at = subject + ": values[" + i + "]";
      if (!v.path("name").isTextual()) {
        throw new IllegalArgumentException(at + ".name must name a metric, but got " + v.path("name"));
      }
      out.add(new io.bayestune.optimizer.experiment.MetricEvaluation(v.get("name").asText(),
          number(at + ".value", v.path("value")),
          v.hasNonNull("value_stddev") ? number(at + ".value_stddev", v.get("value_stddev")) : null));
    }
    return out;
  }

  private static double number(String at, JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    // JSON has no NaN or Infinity; accept the strings so that the error says what to do instead.
    if (node.isTextual()) {
      try {
        return Double.parseDouble(node.asText());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException(at + " must be a number, but got "
        + (node.isMissingNode() ? "nothing" : node.toString()));
  }
}
