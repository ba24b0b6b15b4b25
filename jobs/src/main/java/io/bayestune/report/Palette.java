package io.bayestune.report;

import java.util.Locale;

/** Colors the Java code computes (never from user input): the early-to-late trial ramp. */
final class Palette {
  private static final int[] EARLY = {0xbf, 0xd3, 0xf2};
  private static final int[] LATE = {0x1d, 0x3a, 0x8a};

  private Palette() {
  }

  /** Light blue for the first trial to deep blue for the last, so convergence shows as darkening dots. */
  static String trial(int number, int total) {
    double t = total <= 1 ? 1 : (number - 1) / (double) (total - 1);
    StringBuilder sb = new StringBuilder("#");
    for (int k = 0; k < 3; k++) {
      sb.append(String.format(Locale.ROOT, "%02x", Math.round(EARLY[k] + t * (LATE[k] - EARLY[k]))));
    }
    return sb.toString();
  }

  /** The ramp as an SVG linear gradient with the given id, for legends. */
  static String gradient(String id) {
    return "<defs><linearGradient id=\"" + id + "\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\"><stop offset=\"0\" stop-color=\""
        + trial(1, 2) + "\"/><stop offset=\"1\" stop-color=\"" + trial(2, 2) + "\"/></linearGradient></defs>";
  }
}
