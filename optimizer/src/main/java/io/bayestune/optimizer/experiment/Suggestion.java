package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.Assignments;
import java.io.Serializable;

/** A configuration the optimizer asks to be evaluated; {@code id} is unique within its experiment. */
public record Suggestion(String id, Assignments assignments) implements Serializable {
}
