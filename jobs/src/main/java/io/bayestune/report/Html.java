package io.bayestune.report;

/**
 * Escaping for text that users wrote (experiment and parameter names, categorical values, failure
 * reasons), so that none of it can open a tag, close an attribute or start a script in the report.
 */
final class Html {
  private Html() {
  }

  /**
   * The text with {@code & < > " '} replaced by character references: safe both between tags and
   * inside a quoted attribute value, in HTML and in inline SVG. Control characters other than tab and
   * newline become U+FFFD so that a stray byte cannot break the document. Null becomes "".
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' || c == 0x7f) {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** The text cut to {@code max} characters with an ellipsis, then escaped; for labels in tight places. */
  static String shortened(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.codePointCount(0, text.length()) <= max) {
      return escape(text);
    }
    int end = text.offsetByCodePoints(0, Math.max(1, max - 1));
    return escape(text.substring(0, end)) + "\u2026";
  }
}
