package io.bayestune.driver.model;

import java.lang.reflect.Method;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * Converts job-file and optimizer values (Integer, Long, Double, Boolean, String) to a Spark Param's
 * own type, and asks the Param's validator ({@code param.isValid}) whether the value is allowed.
 */
final class ParamValues {

  /** The value types a Param can be tuned or fixed with. */
  enum Type {
    INT, LONG, DOUBLE, FLOAT, BOOLEAN, STRING, UNSUPPORTED;

    boolean isNumeric() {
      return this == INT || this == LONG || this == DOUBLE || this == FLOAT;
    }
  }

  private ParamValues() {
  }

  static Type typeOf(Params owner, Param<?> param) {
    if (param instanceof IntParam) {
      return Type.INT;
    }
    if (param instanceof LongParam) {
      return Type.LONG;
    }
    if (param instanceof DoubleParam) {
      return Type.DOUBLE;
    }
    if (param instanceof FloatParam) {
      return Type.FLOAT;
    }
    if (param instanceof BooleanParam) {
      return Type.BOOLEAN;
    }
    if (param.getClass() == Param.class && returnsString(owner, param.name())) {
      return Type.STRING;
    }
    return Type.UNSUPPORTED;
  }

  /** Plain {@code Param[String]} is erased to Param; its getter's return type tells it apart. */
  private static boolean returnsString(Params owner, String name) {
    try {
      Method getter = owner.getClass().getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
      return getter.getReturnType() == String.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * The value as the Param's type.
   *
   * @throws IllegalArgumentException when it cannot be one (e.g. 2.5 for an IntParam, "yes" for a BooleanParam)
   */
  static Object convert(Type type, Object value) {
    switch (type) {
      case INT: {
        long l = integral(value);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(value + " is outside the range of an integer Param");
        }
        return (int) l;
      }
      case LONG:
        return integral(value);
      case DOUBLE:
        return real(value);
      case FLOAT:
        return (float) real(value);
      case BOOLEAN:
        if (value instanceof Boolean b) {
          return b;
        }
        if ("true".equals(value) || "false".equals(value)) {
          return Boolean.parseBoolean((String) value);
        }
        throw new IllegalArgumentException(describe(value) + " is not a boolean; use true or false");
      case STRING:
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
          return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
      default:
        throw new IllegalArgumentException("this Param's type cannot be set from a job file");
    }
  }

  /** True when Spark's own validator for the Param accepts the (converted) value. */
  @SuppressWarnings("unchecked")
  static boolean isValid(Param<?> param, Object converted) {
    Object ok = ((Param<Object>) param).isValid().apply(converted);
    return Boolean.TRUE.equals(ok);
  }

  private static long integral(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e18) {
      return d.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(describe(value) + " is not an integer");
  }

  private static double real(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(describe(value) + " is not a number");
  }

  private static String describe(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
