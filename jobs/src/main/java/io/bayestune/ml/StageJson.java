package io.bayestune.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * A nested stage (the tuner's estimator or evaluator) given as JSON, for Spark Connect clients.
 *
 * <p>Spark Connect sends an estimator's Params as literals (numbers, strings, arrays, vectors), so a
 * Param whose value is another estimator cannot travel. A Connect client sends the stage instead as
 * {@code {"class": "org.apache.spark.ml.classification.LogisticRegression", "uid": "...",
 * "paramMap": {"maxIter": 20, ...}}}: the shape of Spark's own stage metadata, each value in the
 * JSON form its Param's {@code jsonDecode} reads (as {@code DefaultParamsReader} does).
 */
final class StageJson {
  private StageJson() {
  }

  /**
   * Builds the stage: the class by name through its {@code (String uid)} constructor, then every Param.
   *
   * @throws IllegalArgumentException naming the role ({@code estimatorJson}), the class or Param and the fix
   */
  static <T> T decode(String json, Class<T> expected, String role) {
    JsonNode node;
    try {
      node = StagePersistence.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(role + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    String cls = node.path("class").asText("");
    if (cls.isEmpty()) {
      throw new IllegalArgumentException(role + ": no \"class\"; give {\"class\": <Java class>, \"uid\": ...,"
          + " \"paramMap\": {...}}");
    }
    Object stage = instantiate(cls, node.path("uid").asText(""), expected, role);
    Params params = (Params) stage;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("paramMap").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!params.hasParam(e.getKey())) {
        throw new IllegalArgumentException(role + ": '" + e.getKey() + "' is not a Param of " + cls + "; its Params: "
            + Arrays.stream(params.params()).map(Param::name).sorted().collect(Collectors.joining(", ")));
      }
      Param<Object> p = params.getParam(e.getKey());
      Object value;
      try {
        value = p.jsonDecode(e.getValue().toString());
      } catch (RuntimeException | scala.NotImplementedError bad) {
        throw new IllegalArgumentException(role + ": Param '" + e.getKey() + "' of " + cls + " cannot be read from "
            + e.getValue() + " (" + bad + "); give it in the JSON form Spark's stage metadata uses", bad);
      }
      params.set(p, value);
    }
    return expected.cast(stage);
  }

  private static Object instantiate(String cls, String uid, Class<?> expected, String role) {
    Class<?> c;
    try {
      c = Class.forName(cls, true, StagePersistence.classLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(role + ": class " + cls + " is not on the server's classpath; add the jar"
          + " that defines it", e);
    }
    if (!expected.isAssignableFrom(c) || !Params.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException(role + ": " + cls + " is not a " + expected.getName() + "; give one there");
    }
    try {
      return uid.isEmpty() ? c.getConstructor().newInstance() : c.getConstructor(String.class).newInstance(uid);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalArgumentException(role + ": " + cls + " has no public (String uid) constructor, so it cannot"
          + " be built from JSON; use it from a classic (non-Connect) session", e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(role + ": constructing " + cls + " failed: " + e.getCause(), e.getCause());
    }
  }
}
