package io.bayestune.driver.model;

import io.bayestune.driver.job.FieldNames;
import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.optimizer.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;

/**
 * Estimator names to Spark ML classes, and the checks and settings of their Params. Short names such
 * as {@code gbt_classifier}, or any fully-qualified {@link Estimator} class with a public no-argument
 * constructor. Spark ML estimators are plain objects until fit, so none of this needs a SparkSession.
 *
 * <pre>{@code
 * EstimatorCatalog.validate("gbt_classifier", Map.of("maxIter", 20), job.parameters());
 * Estimator<?> prototype = EstimatorCatalog.configure(EstimatorCatalog.instantiate("gbt_classifier"), fixed, 42);
 * Estimator<?> trial = EstimatorCatalog.apply(prototype, assignments);  // a fresh copy per trial
 * }</pre>
 */
public final class EstimatorCatalog {
  private static final String ML = "org.apache.spark.ml.";
  private static final Map<String, String> SHORT_NAMES = new LinkedHashMap<>();

  static {
    SHORT_NAMES.put("logistic_regression", ML + "classification.LogisticRegression");
    SHORT_NAMES.put("linear_svc", ML + "classification.LinearSVC");
    SHORT_NAMES.put("decision_tree_classifier", ML + "classification.DecisionTreeClassifier");
    SHORT_NAMES.put("random_forest_classifier", ML + "classification.RandomForestClassifier");
    SHORT_NAMES.put("gbt_classifier", ML + "classification.GBTClassifier");
    SHORT_NAMES.put("naive_bayes", ML + "classification.NaiveBayes");
    SHORT_NAMES.put("fm_classifier", ML + "classification.FMClassifier");
    SHORT_NAMES.put("linear_regression", ML + "regression.LinearRegression");
    SHORT_NAMES.put("generalized_linear_regression", ML + "regression.GeneralizedLinearRegression");
    SHORT_NAMES.put("decision_tree_regressor", ML + "regression.DecisionTreeRegressor");
    SHORT_NAMES.put("random_forest_regressor", ML + "regression.RandomForestRegressor");
    SHORT_NAMES.put("gbt_regressor", ML + "regression.GBTRegressor");
    SHORT_NAMES.put("fm_regressor", ML + "regression.FMRegressor");
    SHORT_NAMES.put("als", ML + "recommendation.ALS");
  }

  private EstimatorCatalog() {
  }

  /** The short names, in catalog order. */
  public static List<String> shortNames() {
    return List.copyOf(SHORT_NAMES.keySet());
  }

  /**
   * A new estimator with Spark's defaults.
   *
   * @throws IllegalArgumentException naming {@code model.estimator} when the name is neither a short
   *     name nor an Estimator class on the classpath
   */
  public static Estimator<?> instantiate(String nameOrClass) {
    String className = SHORT_NAMES.getOrDefault(nameOrClass, nameOrClass);
    Class<?> c;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      c = Class.forName(className, true, loader != null ? loader : EstimatorCatalog.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      String near = FieldNames.closest(nameOrClass, SHORT_NAMES.keySet());
      throw new IllegalArgumentException("model.estimator: unknown estimator \"" + nameOrClass + "\""
          + (near == null ? "" : "; did you mean " + near + "?") + " Use a short name ("
          + String.join(", ", SHORT_NAMES.keySet()) + ") or a Spark ML Estimator class name such as "
          + ML + "classification.GBTClassifier");
    }
    if (!Estimator.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException("model.estimator: " + className + " is not a Spark ML Estimator"
          + " (org.apache.spark.ml.Estimator); name an estimator such as " + ML + "classification.GBTClassifier");
    }
    try {
      return (Estimator<?>) c.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("model.estimator: " + className + " cannot be created with a public"
          + " no-argument constructor (" + e + ")", e);
    }
  }

  /**
   * Checks fixed Params and the search space against the estimator's Params: each name must be a Param,
   * of a type that can be set, and every bound, grid value and categorical value must pass the Param's
   * own validator ({@code param.isValid}).
   *
   * @param searchParameters SigOpt parameter objects (name, type, bounds, categorical_values, grid)
   * @throws IllegalArgumentException naming the field, the Param and the estimator
   */
  public static void validate(String estimator, Map<String, Object> fixedParams,
      List<Map<String, Object>> searchParameters) {
    Estimator<?> e = instantiate(estimator);
    fixedParams.forEach((name, value) -> {
      String at = "model.params." + name;
      Param<?> p = param(e, name, at);
      check(e, p, at, "value", value);
    });
    for (int i = 0; i < searchParameters.size(); i++) {
      String name = String.valueOf(searchParameters.get(i).get("name"));
      String at = "parameters[" + i + "]";
      refuseColumn(name, at + " '" + name + "'");
      if (fixedParams.containsKey(name)) {
        throw new IllegalArgumentException(at + " '" + name + "': " + name + " is also fixed in model.params;"
            + " tune it or fix it, not both");
      }
      SearchParameterCheck.of(e, at, searchParameters.get(i)).run();
    }
  }

  /**
   * The checks {@link #validate} runs on a job file's parameters, for a typed search space tuned on an
   * estimator the caller built (the MLlib {@code BayesianTuner}). Conditionals are checked as
   * categorical parameters, since each one sets the Param of its name too.
   *
   * <p>Unlike a job file's parameters, column Params ({@code featuresCol}, {@code ...Cols}) may be
   * searched: here the caller owns the data and its columns (e.g. a choice between two assembled
   * feature vectors), whereas a job's columns are the ones bayestune prepares.
   *
   * @param at how messages name a parameter, e.g. {@code "searchSpace parameter"} gives
   *     {@code searchSpace parameter 'maxDepth': ...}
   * @throws IllegalArgumentException naming the parameter, the estimator's Param and the fix
   */
  public static void checkSearchSpace(Estimator<?> estimator, SearchSpace space, String at) {
    for (Conditional c : space.conditionals()) {
      SearchParameterCheck.of(estimator, at, c).run();
    }
    for (Parameter p : space.parameters()) {
      SearchParameterCheck.of(estimator, at, p).run();
    }
  }

  /** A copy of the estimator with the fixed Params set, and {@code seed} if it has one not fixed. */
  public static Estimator<?> configure(Estimator<?> estimator, Map<String, Object> fixedParams, long seed) {
    Map<String, Object> values = new LinkedHashMap<>(fixedParams);
    if (estimator.hasParam("seed") && !fixedParams.containsKey("seed")) {
      values.put("seed", seed);
    }
    return with(estimator, values);
  }

  /** A copy of the estimator with Params set by name (converted to each Param's type). */
  public static Estimator<?> with(Estimator<?> estimator, Map<String, Object> values) {
    return (Estimator<?>) estimator.copy(paramMap(estimator, values));
  }

  /**
   * The estimator's Params set by name (converted to each Param's type), for {@code estimator.copy}.
   *
   * @throws IllegalArgumentException with Spark's message when a value is invalid for its Param
   */
  public static ParamMap paramMap(Estimator<?> estimator, Map<String, Object> values) {
    ParamMap map = new ParamMap();
    values.forEach((name, value) -> put(map, estimator, name, value));
    return map;
  }

  /**
   * A fresh copy of the prototype with one trial's assignments set (Long to Int for an IntParam,
   * "true"/"false" to Boolean), so concurrent trials never share an estimator.
   *
   * @throws IllegalArgumentException with Spark's message when a value is invalid for its Param
   */
  public static Estimator<?> apply(Estimator<?> prototype, Assignments assignments) {
    return with(prototype, assignments.asMap());
  }

  /** Sets a Param by name; Spark's ParamPair validates the value and throws its own message. */
  @SuppressWarnings("unchecked")
  static void put(ParamMap map, Estimator<?> estimator, String name, Object value) {
    if (!estimator.hasParam(name)) {
      throw new IllegalArgumentException(estimator.getClass().getSimpleName() + " has no Param '" + name + "'");
    }
    Param<Object> p = (Param<Object>) estimator.getParam(name);
    map.put(p, ParamValues.convert(ParamValues.typeOf(estimator, p), value));
  }

  /** A job file's Param: not a column, and one the estimator has. */
  static Param<?> param(Estimator<?> e, String name, String at) {
    refuseColumn(name, at);
    return existingParam(e, name, at);
  }

  private static void refuseColumn(String name, String at) {
    if (name.endsWith("Col") || name.endsWith("Cols")) {
      throw new IllegalArgumentException(at + ": '" + name + "' names a column, which bayestune sets for the"
          + " prepared data (features, label); choose columns in the data block instead");
    }
  }

  /** The estimator's Param of that name, or an error listing the Params it has. */
  static Param<?> existingParam(Estimator<?> e, String name, String at) {
    if (!e.hasParam(name)) {
      List<String> tunable = tunableParams(e);
      String near = FieldNames.closest(name, tunable);
      throw new IllegalArgumentException(at + ": '" + name + "' is not a Param of " + e.getClass().getSimpleName()
          + " (" + e.getClass().getName() + ")" + (near == null ? "" : "; did you mean '" + near + "'?")
          + "; its Params: " + String.join(", ", tunable));
    }
    return e.getParam(name);
  }

  /** Checks one value against a Param's type and validator. */
  static void check(Estimator<?> e, Param<?> p, String at, String role, Object value) {
    ParamValues.Type type = ParamValues.typeOf(e, p);
    Object converted;
    try {
      converted = ParamValues.convert(type, value);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(at + ": " + role + " " + ex.getMessage() + ", but "
          + e.getClass().getSimpleName() + "." + p.name() + " is a " + p.getClass().getSimpleName()
          + " (" + p.doc() + ")", ex);
    }
    if (!ParamValues.isValid(p, converted)) {
      throw new IllegalArgumentException(at + ": " + role + " " + value + " is outside the valid range of "
          + e.getClass().getSimpleName() + "." + p.name() + " (" + p.doc() + "); " + insideTheRange(role));
    }
  }

  private static String insideTheRange(String role) {
    if (role.equals("value")) {
      return "fix a value inside that range";
    }
    return role.startsWith("bounds.") ? "narrow the bounds to that range" : "remove that value";
  }

  /** The Params that can be set from a job file, sorted: not columns, of a settable type. */
  static List<String> tunableParams(Estimator<?> e) {
    TreeSet<String> names = new TreeSet<>();
    for (Param<?> p : e.params()) {
      if (!p.name().endsWith("Col") && !p.name().endsWith("Cols")
          && ParamValues.typeOf(e, p) != ParamValues.Type.UNSUPPORTED) {
        names.add(p.name());
      }
    }
    return new ArrayList<>(names);
  }
}
