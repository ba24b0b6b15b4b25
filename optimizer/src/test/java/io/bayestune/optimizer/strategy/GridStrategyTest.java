package io.bayestune.optimizer.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GridStrategyTest implements StrategyContract {
  @Override
  public String type() {
    return "grid";
  }

  @Test
  void enumeratesEveryActiveCombinationOnce() {
    // smooth: 5 x values * 4 k * 2 c = 40; bumpy adds 3 bump values: 120.
    assertEquals(160, GridStrategy.enumerate(experiment(1).spec().space()).size());
  }
}
