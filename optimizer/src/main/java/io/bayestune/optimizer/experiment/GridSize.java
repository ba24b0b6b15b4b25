package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.DoubleParameter;
import io.bayestune.optimizer.space.IntParameter;
import io.bayestune.optimizer.space.Parameter;
import io.bayestune.optimizer.space.SearchSpace;

/** Checks that a grid experiment can enumerate every parameter. */
final class GridSize {
  /** Ints without an explicit grid are enumerated only up to this many values. */
  static final long MAX_INT_LEVELS = 1000;

  private GridSize() {
  }

  static void check(SearchSpace space) {
    for (int i = 0; i < space.parameters().size(); i++) {
      Parameter p = space.parameters().get(i);
      if (p instanceof DoubleParameter d && d.grid().isEmpty()) {
        throw new IllegalArgumentException("parameters[" + i + "] '" + p.name() + "'.grid: type \"grid\" needs"
            + " explicit grid values for double parameters, but none were given; add e.g. \"grid\": [0.01, 0.1, 1]");
      }
      if (p instanceof IntParameter ip && ip.grid().isEmpty() && ip.size() > MAX_INT_LEVELS) {
        throw new IllegalArgumentException("parameters[" + i + "] '" + p.name() + "'.grid: type \"grid\" would"
            + " enumerate " + ip.size() + " values; add an explicit \"grid\" (at most " + MAX_INT_LEVELS
            + " values are enumerated from bounds)");
      }
      assert p instanceof CategoricalParameter || p instanceof DoubleParameter || p instanceof IntParameter;
    }
  }
}
