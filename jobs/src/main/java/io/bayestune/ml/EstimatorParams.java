package io.bayestune.ml;

import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import io.bayestune.optimizer.space.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;

/**
 * Applies a trial's assignments to an estimator by name, through its Spark Params: {@code maxDepth}
 * becomes {@code estimator.getParam("maxDepth")}, with values converted to the Param's type (Long to
 * Int for an IntParam, "true" to a Boolean for a BooleanParam).
 *
 * <p>{@link #check} runs before any trial, so a misspelled name, a type that cannot be converted, or
 * bounds outside what the Param accepts fail at once, naming the parameter and the estimator, rather
 * than as a column of failed trials.
 */
final class EstimatorParams {
  private final Params estimator;

  private EstimatorParams(Params estimator) {
    this.estimator = estimator;
  }

  /**
   * Checks every parameter and conditional of {@code space} against {@code estimator}'s Params.
   *
   * @throws IllegalArgumentException naming the parameter, the estimator and the fix
   */
  static EstimatorParams check(Params estimator, io.bayestune.optimizer.space.SearchSpace space) {
    EstimatorParams binding = new EstimatorParams(estimator);
    for (Conditional c : space.conditionals()) {
      Param<Object> p = binding.param(c.name());
      for (String v : c.values()) {
        binding.checkValue(c.name(), p, v);
      }
    }
    for (Parameter parameter : space.parameters()) {
      Param<Object> p = binding.param(parameter.name());
      if (parameter instanceof IntParameter ip) {
        binding.checkValue(ip.name(), p, ip.min());
        binding.checkValue(ip.name(), p, ip.max());
      } else if (parameter instanceof DoubleParameter dp) {
        if (p instanceof IntParam || p instanceof LongParam) {
          throw new IllegalArgumentException("searchSpace parameter '" + dp.name() + "': " + binding.estimatorName()
              + " declares " + p.name() + " as an integer Param, but the search"
              + " space makes it a double; declare it with addInt (\"type\": \"int\")");
        }
        binding.checkValue(dp.name(), p, dp.min());
        binding.checkValue(dp.name(), p, dp.max());
      } else if (parameter instanceof CategoricalParameter cp) {
        for (String v : cp.values()) {
          binding.checkValue(cp.name(), p, v);
        }
      }
    }
    return binding;
  }

  /** The assignments as a ParamMap on this estimator's Params. */
  ParamMap paramMap(Map<String, Object> assignments) {
    ParamMap map = new ParamMap();
    for (Map.Entry<String, Object> e : assignments.entrySet()) {
      Param<Object> p = estimator.getParam(e.getKey());
      map.put(p, convert(e.getKey(), p, e.getValue()));
    }
    return map;
  }

  private Param<Object> param(String name) {
    if (!estimator.hasParam(name)) {
      List<String> names = new ArrayList<>();
      for (Param<?> p : estimator.params()) {
        names.add(p.name());
      }
      throw new IllegalArgumentException("searchSpace parameter '" + name + "': " + estimatorName()
          + " has no Param named '" + name + "'; rename the parameter to one of " + new TreeSet<>(names));
    }
    return estimator.getParam(name);
  }

  private void checkValue(String name, Param<Object> p, Object value) {
    Object converted = convert(name, p, value);
    if (!Boolean.TRUE.equals(p.isValid().apply(converted))) {
      throw new IllegalArgumentException("searchSpace parameter '" + name + "': " + estimatorName() + " rejects "
          + name + "=" + converted + " (" + p.doc() + "); keep the search space inside what the Param accepts");
    }
  }

  private Object convert(String name, Param<Object> p, Object value) {
    if (p instanceof IntParam) {
      long v = asLong(name, p, value);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("searchSpace parameter '" + name + "': " + v + " does not fit the"
            + " IntParam " + p.name() + " of " + estimatorName() + "; narrow the bounds");
      }
      return (int) v;
    }
    if (p instanceof LongParam) {
      return asLong(name, p, value);
    }
    if (p instanceof DoubleParam) {
      return asDouble(name, p, value);
    }
    if (p instanceof FloatParam) {
      return (float) asDouble(name, p, value);
    }
    if (p instanceof BooleanParam) {
      if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
        return Boolean.valueOf(s);
      }
      throw mismatch(name, p, value, "a categorical with values \"true\" and \"false\"");
    }
    if (p.getClass() == Param.class && value instanceof String) {
      return value; // Spark's string Params are plain Param[String]
    }
    throw mismatch(name, p, value, "a type it accepts (int, double, or categorical for string and boolean Params)");
  }

  private long asLong(String name, Param<?> p, Object value) {
    if (value instanceof Long l) {
      return l;
    }
    throw mismatch(name, p, value, "an int parameter (addInt, \"type\": \"int\")");
  }

  private double asDouble(String name, Param<?> p, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw mismatch(name, p, value, "a double parameter (addDouble, \"type\": \"double\")");
  }

  private IllegalArgumentException mismatch(String name, Param<?> p, Object value, String needed) {
    return new IllegalArgumentException("searchSpace parameter '" + name + "': " + estimatorName() + "'s Param "
        + p.name() + " is a " + p.getClass().getSimpleName() + ", which cannot take " + value + " ("
        + value.getClass().getSimpleName() + "); declare it as " + needed);
  }

  private String estimatorName() {
    return "estimator " + estimator.getClass().getSimpleName() + " (uid " + estimator.uid() + ")";
  }
}
