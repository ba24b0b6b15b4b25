package io.bayestune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded-jar conflict check on small synthetic jars, so that it is known to fail when it should. */
class JarPackagesTest {
  @TempDir
  Path dir;

  @Test
  void aPackageInBothJarsIsAConflictAndARelocatedCopyIsNot() throws IOException {
    Path spark = jar("spark-like.jar", "org/apache/http/client/HttpClient.class", "org/apache/spark/SparkContext.class",
        "META-INF/versions/11/com/example/mr/Thing.class", "module-info.class", "org/apache/http/version.properties");
    Path ours = jar("ours.jar", "org/apache/http/client/HttpClient.class", "org/apache/http/client/Other.class",
        "io/bayestune/shaded/org/apache/http/impl/Client.class", "com/example/mr/Thing.class",
        "org/apache/http/version.properties", "io/bayestune/cli/Main.class");

    List<String> conflicts = JarPackages.of(List.of(spark)).conflictsWith(ours);

    assertEquals(List.of("com/example/mr (1 classes) also in spark-like.jar",
        "org/apache/http/client (2 classes) also in spark-like.jar"), conflicts);
  }

  @Test
  void disjointJarsHaveNoConflict() throws IOException {
    Path spark = jar("a.jar", "org/apache/spark/SparkContext.class");
    Path ours = jar("b.jar", "io/bayestune/cli/Main.class", "org/apache/spark-resources/readme.txt");
    JarPackages packages = JarPackages.of(List.of(spark));
    assertTrue(packages.conflictsWith(ours).isEmpty());
    assertTrue(packages.contains("org/apache/spark"));
    assertEquals(1, packages.size());
  }

  @Test
  void packagesOfEntries() {
    assertEquals("a/b", JarPackages.packageOf("a/b/C$D.class"));
    assertEquals("a/b", JarPackages.packageOf("META-INF/versions/17/a/b/C.class"));
    assertEquals("", JarPackages.packageOf("Top.class"));
    assertNull(JarPackages.packageOf("a/b/module-info.class"));
    assertNull(JarPackages.packageOf("a/b/package-info.class"));
    assertNull(JarPackages.packageOf("a/b/c.properties"));
  }

  private Path jar(String name, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      for (String entry : entries) {
        out.putNextEntry(new ZipEntry(entry));
        out.write(1);
        out.closeEntry();
      }
    }
    return jar;
  }
}
