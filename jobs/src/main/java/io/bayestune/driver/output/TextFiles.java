package io.bayestune.driver.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Small text outputs (best.json, report.html) through Hadoop's FileSystem API, so every scheme works. */
public final class TextFiles {
  private TextFiles() {
  }

  /** Writes (replacing) {@code location} with {@code text} in UTF-8. */
  public static void write(Configuration conf, String location, String text) throws IOException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(conf);
    try (OutputStream out = fs.create(path, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The text at {@code location}. */
  public static String read(Configuration conf, String location) throws IOException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(conf);
    try (java.io.InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
