package io.bayestune.service;

import io.bayestune.optimizer.experiment.Experiment;

/** Renders an experiment as one HTML page; the CLI passes the project's report ({@code HtmlReport::render}). */
@FunctionalInterface
public interface ReportRenderer {
  String render(Experiment experiment);
}
