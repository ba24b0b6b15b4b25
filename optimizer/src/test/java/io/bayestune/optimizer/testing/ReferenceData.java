package io.bayestune.optimizer.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the CSV files under src/test/resources/reference, each written by the script beside it. */
public final class ReferenceData {

  private ReferenceData() {
  }

  /** The comma-separated fields of every non-comment line of {@code reference/<name>}. */
  public static List<String[]> rows(String name) {
    String path = "/reference/" + name;
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = ReferenceData.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path + "; regenerate it with the script beside it");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split(","));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Central finite difference of f along coordinate i at x, step h. */
  public static double centralDifference(java.util.function.ToDoubleFunction<double[]> f, double[] x, int i, double h) {
    double[] plus = x.clone();
    double[] minus = x.clone();
    plus[i] += h;
    minus[i] -= h;
    return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
  }
}
