package io.bayestune.driver;

import io.bayestune.optimizer.space.Assignments;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Per-task trials: each trial is one Spark task that runs the user's {@link Objective} on an executor.
 * Only the assignments travel to the executor and only the {@link TrialResult} comes back; the
 * objective class is instantiated there by name, from the application's jars.
 *
 * <p>Each trial's job runs in the trial's job group with {@code interruptOnCancel}, so
 * {@link #cancel} (a timeout) interrupts the executor thread running the objective.
 *
 * <pre>{@code
 * TrialRunner runner = TaskTrialRunner.create(jsc, "com.acme.MySimulation");
 * }</pre>
 */
public final class TaskTrialRunner implements TrialRunner {
  private final JavaSparkContext jsc;
  private final String objectiveClass;

  private TaskTrialRunner(JavaSparkContext jsc, String objectiveClass) {
    this.jsc = jsc;
    this.objectiveClass = objectiveClass;
  }

  /**
   * A runner for {@code objectiveClass}, checked on the driver first (it loads, implements Objective and
   * has a public no-argument constructor), so that a typo fails the job at once rather than every trial.
   */
  public static TaskTrialRunner create(JavaSparkContext jsc, String objectiveClass) {
    instantiate(objectiveClass);
    return new TaskTrialRunner(jsc, objectiveClass);
  }

  @Override
  public TrialResult run(TrialContext trial, Assignments assignments) {
    jsc.setJobGroup(trial.jobGroup(), trial.description(), true);
    try {
      Map<String, Object> values = new HashMap<>(assignments.asMap());
      List<TrialResult> results = jsc.parallelize(List.of(values), 1).map(new Evaluate(objectiveClass)).collect();
      return results.get(0);
    } finally {
      jsc.clearJobGroup();
    }
  }

  @Override
  public void cancel(TrialContext trial) {
    JobGroups.cancel(jsc.sc(), trial.jobGroup());
  }

  /** The objective, made from its class name with the context class loader (the executor's, with user jars). */
  static Objective instantiate(String className) {
    if (className == null || className.isBlank()) {
      throw new IllegalArgumentException("model.objective: a per-task job needs the class name of an"
          + " io.bayestune.driver.Objective, but got none");
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> type;
    try {
      type = Class.forName(className, true, loader == null ? TaskTrialRunner.class.getClassLoader() : loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("model.objective: class " + className + " is not on the classpath; add"
          + " its jar with spark-submit --jars (or to the launcher's classpath) and check the spelling", e);
    }
    if (!Objective.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("model.objective: " + className + " does not implement "
          + Objective.class.getName());
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      if (Modifier.isAbstract(type.getModifiers())) {
        throw new IllegalArgumentException("model.objective: " + className + " is abstract; name a concrete class");
      }
      return (Objective) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("model.objective: " + className + " needs a public no-argument"
          + " constructor (the executor creates it by name)", e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException("model.objective: could not create " + className + ": " + cause, cause);
    }
  }

  /** The task: what crosses to the executor is the class name; the objective is made there, per trial. */
  private static final class Evaluate implements Function<Map<String, Object>, TrialResult> {
    private static final long serialVersionUID = 1L;
    private final String objectiveClass;

    Evaluate(String objectiveClass) {
      this.objectiveClass = objectiveClass;
    }

    @Override
    public TrialResult call(Map<String, Object> assignments) throws Exception {
      TrialResult result = instantiate(objectiveClass).evaluate(java.util.Collections.unmodifiableMap(assignments));
      if (result == null) {
        throw new IllegalStateException(objectiveClass + ".evaluate returned null; return a TrialResult, or throw"
            + " to report a failed trial");
      }
      return result;
    }
  }
}
