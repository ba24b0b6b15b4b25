package io.bayestune.optimizer.strategy;

class SobolStrategyTest implements StrategyContract {
  @Override
  public String type() {
    return "sobol";
  }
}
