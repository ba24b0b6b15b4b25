package io.bayestune.optimizer.experiment;

import io.bayestune.optimizer.space.CategoricalParameter;
import io.bayestune.optimizer.space.Conditional;
import io.bayestune.optimizer.space.Parameter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings past evaluations into a new experiment, so that its model uses them from the first
 * suggestion: another experiment's observations, or a CSV of past trials (a lab notebook).
 */
public final class WarmStart {
  private WarmStart() {
  }

  /** What an import took and what it left out, and why. */
  public record Report(int imported, int skipped, List<String> reasons) {
  }

  /**
   * Imports every successful observation of {@code source} whose configuration is valid in the
   * target's space (the spaces may differ; configurations outside the new bounds are skipped).
   */
  public static Report fromExperiment(Experiment target, Experiment source) {
    if (!source.spec().metric().name().equals(target.spec().metric().name())) {
      throw new IllegalArgumentException("warm start: the source experiment optimizes '" + source.spec().metric().name()
          + "' but this one optimizes '" + target.spec().metric().name() + "'; start from an experiment of the same metric");
    }
    int imported = 0;
    List<String> reasons = new ArrayList<>();
    for (Observation o : source.observations()) {
      if (o.failed()) {
        reasons.add("suggestion " + o.suggestionId() + ": failed, not imported");
        continue;
      }
      try {
        target.observe(o.assignments().asMap(), o.value(), o.valueStddev());
        imported++;
      } catch (IllegalArgumentException e) {
        reasons.add("suggestion " + o.suggestionId() + ": " + e.getMessage());
      }
    }
    return new Report(imported, reasons.size(), reasons);
  }

  /**
   * Imports a CSV with a header row naming the parameters (and conditionals), the metric and
   * optionally {@code value_stddev}. Rows with an empty metric are skipped; a malformed value fails
   * the whole import with the row and column, leaving the experiment unchanged.
   */
  public static Report fromCsv(Experiment target, Reader csv) throws IOException {
    ExperimentSpec spec = target.spec();
    BufferedReader reader = new BufferedReader(csv);
    String headerLine = reader.readLine();
    if (headerLine == null) {
      throw new IllegalArgumentException("warm start CSV: empty file; the first row must name the columns");
    }
    List<String> header = Csv.split(headerLine);
    String metric = spec.metric().name();
    if (!header.contains(metric)) {
      throw new IllegalArgumentException("warm start CSV: no column '" + metric + "' (the metric) in the header "
          + header + "; add it");
    }
    Map<String, Parameter> parameters = new HashMap<>();
    spec.space().parameters().forEach(p -> parameters.put(p.name(), p));
    List<Conditional> conditionals = spec.space().conditionals();
    List<Map<String, Object>> rows = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    String line;
    int row = 1;
    while ((line = reader.readLine()) != null) {
      row++;
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = Csv.split(line);
      Map<String, Object> raw = new LinkedHashMap<>();
      double value = Double.NaN;
      double stddev = Double.NaN;
      for (int c = 0; c < header.size() && c < cells.size(); c++) {
        String name = header.get(c);
        String cell = cells.get(c).trim();
        String at = "warm start CSV row " + row + ", column '" + name + "'";
        if (name.equals(metric)) {
          value = cell.isEmpty() ? Double.NaN : number(at, cell);
        } else if (name.equals("value_stddev")) {
          stddev = cell.isEmpty() ? Double.NaN : number(at, cell);
        } else if (cell.isEmpty()) {
          continue; // an inactive parameter
        } else if (parameters.containsKey(name)) {
          Parameter p = parameters.get(name);
          raw.put(name, p instanceof CategoricalParameter ? cell : parse(at, cell));
        } else if (conditionals.stream().anyMatch(k -> k.name().equals(name))) {
          raw.put(name, cell);
        }
      }
      if (Double.isNaN(value)) {
        reasons.add("row " + row + ": no value for '" + metric + "', skipped");
        continue;
      }
      try {
        spec.space().validate(raw);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("warm start CSV row " + row + ": " + e.getMessage(), e);
      }
      rows.add(raw);
      values.add(new double[] {value, stddev});
    }
    List<PastObservation> past = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      double sd = values.get(i)[1];
      past.add(PastObservation.of(rows.get(i), values.get(i)[0], Double.isNaN(sd) ? null : sd));
    }
    target.observeAll(past); // all rows or none
    return new Report(rows.size(), reasons.size(), reasons);
  }

  /** A Long for whole numbers written without a point or exponent, else a Double. */
  private static Object parse(String at, String cell) {
    try {
      double d = Double.parseDouble(cell);
      if (!Double.isFinite(d)) {
        // Checked before anything is imported, so that a bad row leaves the experiment unchanged.
        throw new IllegalArgumentException(at + ": must be a finite number, but got \"" + cell
            + "\"; leave the cell empty to skip the row");
      }
      if (d == Math.rint(d) && !cell.contains(".") && !cell.contains("e") && !cell.contains("E")) {
        return (long) d;
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(at + ": must be a number, but got \"" + cell + "\"");
    }
  }

  private static double number(String at, String cell) {
    return ((Number) parse(at, cell)).doubleValue();
  }
}
