package io.bayestune.optimizer.strategy;

class RandomStrategyTest implements StrategyContract {
  @Override
  public String type() {
    return "random";
  }
}
