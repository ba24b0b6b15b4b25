package io.bayestune.optimizer.space;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters and conditionals of an experiment, checked for consistency: unique names, and
 * conditions that name known conditionals and their values.
 */
public final class SearchSpace {
  private final List<Parameter> parameters;
  private final List<Conditional> conditionals;

  public SearchSpace(List<Parameter> parameters, List<Conditional> conditionals) {
    this.parameters = List.copyOf(parameters);
    this.conditionals = conditionals == null ? List.of() : List.copyOf(conditionals);
    if (this.parameters.isEmpty()) {
      throw new IllegalArgumentException("parameters: an experiment needs at least one parameter, but got none;"
          + " add e.g. {\"name\":\"x\",\"type\":\"double\",\"bounds\":{\"min\":0,\"max\":1}}");
    }
    Set<String> names = new HashSet<>();
    Map<String, Conditional> byName = new HashMap<>();
    for (int i = 0; i < this.conditionals.size(); i++) {
      Conditional c = this.conditionals.get(i);
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("conditionals[" + i + "] '" + c.name() + "': names must be unique,"
            + " but '" + c.name() + "' appears twice; rename one of them");
      }
      byName.put(c.name(), c);
    }
    for (int i = 0; i < this.parameters.size(); i++) {
      Parameter p = this.parameters.get(i);
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("parameters[" + i + "] '" + p.name() + "': names must be unique"
            + " across parameters and conditionals, but '" + p.name() + "' appears twice; rename one of them");
      }
      for (Map.Entry<String, List<String>> condition : p.conditions().entrySet()) {
        Conditional c = byName.get(condition.getKey());
        if (c == null) {
          throw new IllegalArgumentException("parameters[" + i + "] '" + p.name() + "': conditions name the"
              + " conditional '" + condition.getKey() + "', which is not declared; declare it under"
              + " \"conditionals\" (declared: " + byName.keySet() + ")");
        }
        for (String v : condition.getValue()) {
          if (!c.values().contains(v)) {
            throw new IllegalArgumentException("parameters[" + i + "] '" + p.name() + "': condition on '"
                + c.name() + "' lists \"" + v + "\", which is not one of its values " + c.values());
          }
        }
      }
    }
  }

  public SearchSpace(List<Parameter> parameters) {
    this(parameters, List.of());
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  public List<Conditional> conditionals() {
    return conditionals;
  }

  public Parameter parameter(String name) {
    for (Parameter p : parameters) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no parameter named '" + name + "'");
  }

  /** The parameters active under these conditional values, in declaration order. */
  public List<Parameter> activeParameters(Map<String, String> conditionalValues) {
    List<Parameter> active = new ArrayList<>();
    for (Parameter p : parameters) {
      if (p.isActive(conditionalValues)) {
        active.add(p);
      }
    }
    return active;
  }

  /**
   * Checks a full configuration given by a user (warm start, an observation without a suggestion):
   * every conditional and every active parameter present and valid, nothing else.
   *
   * @return the assignments with values converted to their canonical Java types
   * @throws IllegalArgumentException naming the first offending name and value
   */
  public Assignments validate(Map<String, ?> raw) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    Map<String, String> conditionalValues = new HashMap<>();
    for (Conditional c : conditionals) {
      Object v = raw.get(c.name());
      if (!(v instanceof String s) || !c.values().contains(s)) {
        throw new IllegalArgumentException("assignments." + c.name() + ": conditional must be one of "
            + c.values() + ", but got " + Describe.value(v));
      }
      conditionalValues.put(c.name(), s);
      out.put(c.name(), s);
    }
    for (Parameter p : activeParameters(conditionalValues)) {
      if (!raw.containsKey(p.name())) {
        throw new IllegalArgumentException("assignments." + p.name() + ": the parameter is active here but has"
            + " no value; add it");
      }
      try {
        out.put(p.name(), p.validate(raw.get(p.name())));
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        throw new IllegalArgumentException("assignments." + p.name() + m.substring(m.indexOf(':')), e);
      }
    }
    for (String name : raw.keySet()) {
      if (!out.containsKey(name)) {
        throw new IllegalArgumentException("assignments." + name + ": not an active parameter or conditional"
            + " of this experiment (expected exactly " + out.keySet() + "); remove it");
      }
    }
    return new Assignments(out);
  }
}
