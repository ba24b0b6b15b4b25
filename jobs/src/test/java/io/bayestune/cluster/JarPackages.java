package io.bayestune.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The packages (as entry paths, {@code org/apache/http/client}) whose classes a set of jars holds, and the
 * overlap of a shaded jar with them. A package split across two jars means two copies of one library on one
 * class loader: whichever jar comes first wins class by class, which is how a shaded jar breaks a cluster.
 */
public final class JarPackages {
  /** Package path to the file names of the jars that hold classes in it. */
  private final Map<String, TreeSet<String>> owners = new TreeMap<>();

  private JarPackages() {
  }

  /** Reads the class entries of {@code jars}. */
  public static JarPackages of(Collection<Path> jars) {
    JarPackages packages = new JarPackages();
    for (Path jar : jars) {
      for (String entry : entries(jar)) {
        String pkg = packageOf(entry);
        if (pkg != null) {
          packages.owners.computeIfAbsent(pkg, k -> new TreeSet<>()).add(jar.getFileName().toString());
        }
      }
    }
    return packages;
  }

  /** Every entry name of a jar (files and directories). */
  public static List<String> entries(Path jar) {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      return file.stream().map(ZipEntry::getName).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(jar + ": not a readable jar", e);
    }
  }

  /**
   * The package path of a class entry, or null for resources, module descriptors and multi-release copies' roots.
   * {@code META-INF/versions/11/a/b/C.class} counts as package {@code a/b}.
   */
  static String packageOf(String entry) {
    if (!entry.endsWith(".class") || entry.endsWith("module-info.class") || entry.endsWith("package-info.class")) {
      return null;
    }
    String name = entry.startsWith("META-INF/versions/") ? entry.replaceFirst("^META-INF/versions/\\d+/", "") : entry;
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }

  /** True when some jar holds classes in {@code pkg}. */
  public boolean contains(String pkg) {
    return owners.containsKey(pkg);
  }

  /** How many packages the jars hold. */
  public int size() {
    return owners.size();
  }

  /**
   * The packages that {@code shaded} shares with these jars, each with the jars that also hold it, one line a
   * package: {@code org/apache/http/client (3 classes) also in httpclient-4.5.14.jar}.
   */
  public List<String> conflictsWith(Path shaded) {
    Map<String, Integer> classes = new TreeMap<>();
    for (String entry : entries(shaded)) {
      String pkg = packageOf(entry);
      if (pkg != null && owners.containsKey(pkg)) {
        classes.merge(pkg, 1, Integer::sum);
      }
    }
    List<String> lines = new ArrayList<>();
    classes.forEach((pkg, n) -> lines.add(pkg + " (" + n + " classes) also in " + String.join(", ", owners.get(pkg))));
    return lines;
  }
}
