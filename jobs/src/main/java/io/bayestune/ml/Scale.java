package io.bayestune.ml;

/**
 * How a numeric tuning parameter is searched: evenly on its own scale, or evenly in its logarithm
 * (learning rates, regularization strengths: values spanning orders of magnitude). {@code LOG} is
 * SigOpt's {@code "transformation": "log"}.
 */
public enum Scale {
  LINEAR, LOG
}
