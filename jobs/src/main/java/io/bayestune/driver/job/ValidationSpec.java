package io.bayestune.driver.job;

/**
 * How a trial's metric is measured: k-fold cross-validation ({@code {folds: 3}}) or one holdout split
 * ({@code {holdout: 0.25}}). Exactly one of the two is set.
 *
 * @param folds the number of folds (at least 2), or 0 for holdout
 * @param holdout the fraction of rows held out for evaluation (strictly between 0 and 1), or 0 for folds
 */
public record ValidationSpec(int folds, double holdout) {

  public ValidationSpec {
    if (folds != 0 && holdout != 0) {
      throw new IllegalArgumentException("validation: set either folds or holdout, not both");
    }
    if (folds == 0 && !(holdout > 0 && holdout < 1)) {
      throw new IllegalArgumentException("validation.holdout: must be strictly between 0 and 1, such as 0.25,"
          + " but got " + holdout);
    }
    if (folds != 0 && (folds < 2 || folds > 100)) {
      throw new IllegalArgumentException("validation.folds: must be an integer from 2 to 100, such as 3, but got "
          + folds);
    }
  }

  /** Three-fold cross-validation, the default. */
  public static ValidationSpec defaults() {
    return new ValidationSpec(3, 0);
  }

  public boolean isHoldout() {
    return folds == 0;
  }
}
