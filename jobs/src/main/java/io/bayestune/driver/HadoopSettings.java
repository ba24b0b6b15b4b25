package io.bayestune.driver;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job file's {@code s3} block as Hadoop configuration entries: {@code endpoint: http://...} becomes
 * {@code fs.s3a.endpoint}, {@code path_style_access} {@code fs.s3a.path.style.access}, {@code region}
 * {@code fs.s3a.endpoint.region}; keys that already start with {@code fs.} are kept. Values are never logged.
 *
 * <p>An adapter until the connectors module owns the s3 block's meaning; the rule (underscores become
 * dots under {@code fs.s3a.}) is S3A's own naming, see the Hadoop-AWS documentation.
 */
final class HadoopSettings {
  private HadoopSettings() {
  }

  static Map<String, String> fromS3Block(Map<String, String> s3) {
    Map<String, String> out = new LinkedHashMap<>();
    s3.forEach((key, value) -> out.put(hadoopKey(key), value));
    return out;
  }

  static String hadoopKey(String key) {
    if (key.startsWith("fs.")) {
      return key;
    }
    if (key.equals("region")) {
      return "fs.s3a.endpoint.region";
    }
    return "fs.s3a." + key.replace('_', '.');
  }
}
