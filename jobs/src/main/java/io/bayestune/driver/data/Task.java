package io.bayestune.driver.data;

/** What the prepared data is for, which decides how the label (or the rating) is prepared. */
public enum Task {
  /** A class label: strings mapped with the positive class as 1.0, or numeric class indices. */
  CLASSIFICATION,
  /** A numeric label. */
  REGRESSION,
  /** User, item and rating columns for ALS. */
  RATINGS
}
