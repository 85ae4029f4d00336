package org.forkreduce.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a JVM with Apache Spark for the Spark contenders. benchmarks.jar does not bundle
 * Spark (it is a provided dependency, as on a cluster); the build writes Spark's class path to
 * {@code spark-classpath.txt} beside the jar, and the JVM options Spark needs on Java 17 into
 * the jar.
 */
final class SparkRuntime {
  static final String MISSING = "skipped: Spark is not on the class path; build it with"
      + " ./mvnw -q -pl benchmarks -am package (writes benchmarks/target/spark-classpath.txt)";

  private SparkRuntime() {}

  /** Our class path plus Spark's, or null when Spark cannot be found. */
  static String classPath() throws IOException {
    String own = System.getProperty("java.class.path");
    try {
      Class.forName("org.apache.spark.SparkContext", false, SparkRuntime.class.getClassLoader());
      return own;
    } catch (ClassNotFoundException e) {
      Path file = codeDirectory().resolve("spark-classpath.txt");
      return Files.isRegularFile(file)
          ? own + File.pathSeparator + Files.readString(file, StandardCharsets.UTF_8).strip()
          : null;
    }
  }

  /** The JVM options of spark-submit, plus quiet logging. */
  static List<String> jvmOptions() throws IOException {
    List<String> options = new ArrayList<>();
    try (InputStream in = SparkRuntime.class.getResourceAsStream("spark-jvm-options.txt")) {
      options.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()
          .split("\\s+")));
    }
    options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    return options;
  }

  private static Path codeDirectory() {
    try {
      return Path.of(SparkRuntime.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
