package io.bayestune.optimizer.strategy;

import io.bayestune.optimizer.space.Assignments;
import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.optimizer.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every combination of grid values, in declaration order (the last parameter varies fastest), skipping
 * combinations already observed or open. With conditionals, only active parameters vary.
 */
public final class GridStrategy implements SuggestionStrategy {

  @Override
  public List<Assignments> suggest(History history, int count) {
    Set<Assignments> taken = history.taken();
    List<Assignments> out = new ArrayList<>();
    for (Assignments a : enumerate(history.encoding().space())) {
      if (out.size() == count) {
        break;
      }
      if (!taken.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  /** All grid points, in order. */
  public static List<Assignments> enumerate(SearchSpace space) {
    Set<Assignments> points = new LinkedHashSet<>();
    for (Map<String, String> conditionals : conditionalCombinations(space.conditionals())) {
      List<Parameter> active = space.activeParameters(conditionals);
      List<List<Object>> axes = new ArrayList<>();
      for (Parameter p : active) {
        axes.add(values(p));
      }
      int[] index = new int[active.size()];
      while (true) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>(conditionals);
        for (int i = 0; i < active.size(); i++) {
          values.put(active.get(i).name(), axes.get(i).get(index[i]));
        }
        points.add(new Assignments(values));
        int i = active.size() - 1;
        while (i >= 0 && ++index[i] == axes.get(i).size()) {
          index[i--] = 0;
        }
        if (i < 0) {
          break;
        }
      }
    }
    return new ArrayList<>(points);
  }

  private static List<Map<String, String>> conditionalCombinations(List<Conditional> conditionals) {
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Conditional c : conditionals) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : combos) {
        for (String v : c.values()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(c.name(), v);
          next.add(m);
        }
      }
      combos = next;
    }
    return combos;
  }

  private static List<Object> values(Parameter p) {
    List<Object> out = new ArrayList<>();
    if (p instanceof DoubleParameter d) {
      d.grid().stream().sorted().forEach(out::add);
    } else if (p instanceof IntParameter i) {
      if (i.grid().isEmpty()) {
        for (long v = i.min(); v <= i.max(); v++) {
          out.add(v);
        }
      } else {
        i.grid().stream().sorted().forEach(out::add);
      }
    } else if (p instanceof CategoricalParameter c) {
      out.addAll(c.values());
    }
    return out;
  }

}
