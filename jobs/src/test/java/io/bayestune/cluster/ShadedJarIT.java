package io.bayestune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar ({@code jobs/target/bayestune-<version>.jar}) holds no Spark, Scala or Hadoop client classes and
 * no unrelocated copy of any library that a Spark distribution ships: its class packages are compared with those of
 * every jar on the distribution's classpath (resolved apart from ours, see SparkDistribution).
 */
class ShadedJarIT {
  private static Path jar;
  private static List<String> entries;
  private static Set<String> entrySet;
  private static JarPackages spark;

  @BeforeAll
  static void read() throws IOException {
    jar = SparkDistribution.clusterJar();
    entries = JarPackages.entries(jar);
    entrySet = new HashSet<>(entries);
    spark = JarPackages.of(SparkDistribution.jars());
    long classes = entries.stream().filter(e -> e.endsWith(".class")).count();
    System.out.printf("%s: %.1f MB, %d entries (%d classes); Spark distribution: %d jars, %d packages%n",
        jar.getFileName(), Files.size(jar) / 1e6, entries.size(), classes, SparkDistribution.jars().size(),
        spark.size());
  }

  @Test
  void noClassOfTheJarIsInAPackageThatSparksDistributionAlsoHolds() {
    List<String> conflicts = spark.conflictsWith(jar);
    assertTrue(conflicts.isEmpty(), conflicts.size() + " packages of " + jar.getFileName()
        + " are also on Spark's classpath; exclude the library in jobs/pom.xml's shade artifactSet if Spark ships "
        + "the version we need, or relocate it under io.bayestune.shaded:\n" + String.join("\n", conflicts));
  }

  @Test
  void theComparisonIsAgainstARealSparkClasspath() {
    // Libraries the check must know about, or it proves nothing: Spark and Scala themselves, and libraries both
    // Spark and our dependencies bring (Jackson, Netty, httpclient from Hive, snakeyaml from the Kubernetes client).
    for (String pkg : List.of("org/apache/spark", "scala/collection", "org/apache/hadoop/fs",
        "com/fasterxml/jackson/databind", "io/netty/channel", "org/apache/http/client", "org/yaml/snakeyaml",
        "org/slf4j", "org/apache/commons/logging")) {
      assertTrue(spark.contains(pkg), "Spark's distribution classpath should hold " + pkg);
    }
  }

  @Test
  void noSparkScalaOrHadoopClientClassesOnlyHadoopAwsUnderOrgApacheHadoop() {
    List<String> wrong = new ArrayList<>();
    for (String e : entries) {
      boolean sparkOrScala = e.startsWith("org/apache/spark/") || e.startsWith("scala/");
      // hadoop-aws's own packages: S3A, and s3native (the stub that tells s3n:// users to move to s3a://).
      boolean hadoopNotS3a = e.startsWith("org/apache/hadoop/") && e.endsWith(".class")
          && !e.startsWith("org/apache/hadoop/fs/s3a/") && !e.startsWith("org/apache/hadoop/fs/s3native/");
      if (sparkOrScala || hadoopNotS3a) {
        wrong.add(e);
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " entries must not be here");
  }

  @Test
  void holdsNoBenchmarkClassesAndNoJmh() {
    // Benchmarks (and their apt-get/pip steps, JMH stubs, test objectives) live in the bayestune-benchmarks module;
    // the CLI finds them by reflection on a checkout's classpath and says so when they are absent.
    List<String> bench = entries.stream().filter(e -> e.startsWith("io/bayestune/bench/")
        || e.startsWith("org/openjdk/jmh/") || e.equals("META-INF/BenchmarkList")).toList();
    assertEquals(List.of(), bench.subList(0, Math.min(20, bench.size())), bench.size() + " entries must not be here");
  }

  @Test
  void holdsOurCodeAndOurNonSparkDependencies() {
    for (String cls : List.of("io/bayestune/cli/Main", "io/bayestune/optimizer/experiment/Experiment",
        "io/bayestune/connectors/storage/ExperimentStores", "org/ejml/simple/SimpleMatrix",
        "org/apache/hadoop/fs/s3a/S3AFileSystem", "software/amazon/awssdk/services/s3/S3Client",
        "software/amazon/awssdk/services/sts/StsClient", "software/amazon/awssdk/http/apache/ApacheHttpClient",
        "software/amazon/awssdk/thirdparty/org/apache/http/impl/client/HttpClientBuilder")) {
      assertTrue(entrySet.contains(cls + ".class"), jar.getFileName() + " should hold " + cls);
    }
  }

  @Test
  void relocatedCodeNoLongerNamesTheOriginalPackages() throws IOException {
    Map<String, String> relocatedTo = Map.of("org/apache/http/", "software/amazon/awssdk/thirdparty/",
        "org/yaml/snakeyaml/", "io/bayestune/shaded/", "com/fasterxml/jackson/dataformat/yaml/", "io/bayestune/shaded/");
    List<String> unrelocated = new ArrayList<>();
    for (Map.Entry<String, String> classFile : classConstants().entrySet()) {
      relocatedTo.forEach((original, prefix) -> {
        String constants = classFile.getValue();
        for (int i = constants.indexOf(original); i >= 0; i = constants.indexOf(original, i + 1)) {
          if (!constants.startsWith(prefix, i - prefix.length())) {
            unrelocated.add(classFile.getKey() + " names " + original);
            break;
          }
        }
      });
    }
    assertEquals(List.of(), unrelocated.subList(0, Math.min(20, unrelocated.size())),
        unrelocated.size() + " classes still reference a relocated library by its original name");
  }

  @Test
  void everyBundleShadedClassThatHadoopAwsNamesIsInTheJar() throws IOException {
    // hadoop-aws is compiled against the SDK bundle, whose third-party code lives under this prefix.
    Pattern bundleName = Pattern.compile("software/amazon/awssdk/thirdparty/[A-Za-z0-9_/$]+[A-Za-z0-9_$]");
    Set<String> named = new TreeSet<>();
    classConstants().forEach((name, constants) -> {
      if (name.startsWith("org/apache/hadoop/fs/s3a/")) {
        bundleName.matcher(constants).results().map(MatchResult::group).forEach(named::add);
      }
    });
    List<String> missing = named.stream().filter(n -> !entrySet.contains(n + ".class")).toList();
    assertTrue(named.size() >= 3, "expected hadoop-aws to name the bundle's httpclient classes, but found " + named);
    assertEquals(List.of(), missing, "hadoop-aws names these bundle classes, which the jar lacks");
  }

  /** Class entry name to its bytes as Latin-1, which maps bytes one to one: constants are plain substrings. */
  private static Map<String, String> classConstants() throws IOException {
    Map<String, String> classes = new TreeMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (ZipEntry e : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
        classes.put(e.getName(), read(file, e));
      }
    }
    return classes;
  }

  @Test
  void everyServiceAndInterceptorItNamesIsOnTheClusterClasspath() throws IOException {
    Set<String> sparkClasses = new HashSet<>();
    for (Path j : SparkDistribution.jars()) {
      JarPackages.entries(j).stream().filter(e -> e.endsWith(".class")).forEach(sparkClasses::add);
    }
    List<String> missing = new ArrayList<>();
    int named = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (ZipEntry e : file.stream().toList()) {
        boolean registry = e.getName().startsWith("META-INF/services/") && !e.isDirectory()
            || e.getName().endsWith("/execution.interceptors");
        if (!registry) {
          continue;
        }
        for (String line : read(file, e).lines().map(l -> l.replaceFirst("#.*", "").trim()).toList()) {
          if (line.isEmpty()) {
            continue;
          }
          named++;
          String cls = line.replace('.', '/') + ".class";
          if (!entrySet.contains(cls) && !sparkClasses.contains(cls)) {
            missing.add(e.getName() + ": " + line);
          }
        }
      }
    }
    assertTrue(named >= 10, "expected the SDK's and Hadoop's service registrations, but found " + named + " names");
    assertEquals(List.of(), missing, "registered classes that no jar on the cluster holds");
  }

  private static String read(JarFile file, ZipEntry e) throws IOException {
    try (InputStream in = file.getInputStream(e)) {
      return new String(in.readAllBytes(), e.getName().endsWith(".class") ? StandardCharsets.ISO_8859_1
          : StandardCharsets.UTF_8);
    }
  }
}
