package org.forkreduce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How worker JVMs are started: how many, with which JVM options, class path and Java, how often a
 * task is tried before the job fails. Immutable; every {@code with}-method validates its value.
 *
 * <pre>{@code
 * WorkerOptions options = WorkerOptions.defaults().workers(4).heap("2g").jvmOption("-XX:+UseZGC");
 * }</pre>
 */
public final class WorkerOptions {
  /** The default number of tries of a task whose worker died. */
  public static final int DEFAULT_ATTEMPTS = 3;

  private final int workers;
  private final List<String> jvmOptions;
  private final List<String> extraClassPath;
  private final Path javaHome;
  private final int maxAttempts;
  private final Duration startTimeout;

  private WorkerOptions(int workers, List<String> jvmOptions, List<String> extraClassPath,
      Path javaHome, int maxAttempts, Duration startTimeout) {
    this.workers = workers;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.extraClassPath = List.copyOf(extraClassPath);
    this.javaHome = javaHome;
    this.maxAttempts = maxAttempts;
    this.startTimeout = startTimeout;
  }

  /**
   * One worker per available processor, the parallel collector, the running JVM's Java and class
   * path, 3 attempts per task, 30 seconds to start.
   */
  public static WorkerOptions defaults() {
    return new WorkerOptions(Runtime.getRuntime().availableProcessors(),
        List.of("-XX:+UseParallelGC"), List.of(), Path.of(System.getProperty("java.home")),
        DEFAULT_ATTEMPTS, Duration.ofSeconds(30));
  }

  /** Sets the number of worker processes (at least 1). */
  public WorkerOptions workers(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    return new WorkerOptions(workers, jvmOptions, extraClassPath, javaHome, maxAttempts,
        startTimeout);
  }

  /** Sets each worker's maximum heap, as {@code -Xmx} takes it: {@code 512m}, {@code 2g}. */
  public WorkerOptions heap(String size) {
    if (!size.matches("\\d+[kKmMgG]?")) {
      throw new IllegalArgumentException("heap must look like 512m or 2g, got '" + size + "'");
    }
    return jvmOption("-Xmx" + size);
  }

  /** Adds an option to the worker JVMs' command line, e.g. {@code -XX:+UseZGC}. */
  public WorkerOptions jvmOption(String option) {
    Objects.requireNonNull(option, "option");
    if (!option.startsWith("-")) {
      throw new IllegalArgumentException("a JVM option starts with '-', got '" + option + "'");
    }
    List<String> options = new ArrayList<>(jvmOptions);
    options.add(option);
    return new WorkerOptions(workers, options, extraClassPath, javaHome, maxAttempts,
        startTimeout);
  }

  /** Replaces the JVM options (the default is {@code -XX:+UseParallelGC}). */
  public WorkerOptions jvmOptions(List<String> options) {
    WorkerOptions o = new WorkerOptions(workers, List.of(), extraClassPath, javaHome, maxAttempts,
        startTimeout);
    for (String option : options) {
      o = o.jvmOption(option);
    }
    return o;
  }

  /**
   * Adds class path entries for the workers, for applications whose classes are not on
   * {@code java.class.path} (custom class loaders, application servers).
   */
  public WorkerOptions classPath(Path... entries) {
    List<String> paths = new ArrayList<>(extraClassPath);
    for (Path p : entries) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("class path entry does not exist: " + p);
      }
      paths.add(p.toAbsolutePath().toString());
    }
    return new WorkerOptions(workers, jvmOptions, paths, javaHome, maxAttempts, startTimeout);
  }

  /** Runs workers with the Java in {@code home} (its {@code bin/java}). */
  public WorkerOptions javaHome(Path home) {
    return new WorkerOptions(workers, jvmOptions, extraClassPath, Objects.requireNonNull(home),
        maxAttempts, startTimeout);
  }

  /**
   * Sets how many times a task is tried when its worker dies (at least 1; 1 means no retry).
   * Exceptions thrown by user code are never retried.
   */
  public WorkerOptions maxAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    return new WorkerOptions(workers, jvmOptions, extraClassPath, javaHome, attempts,
        startTimeout);
  }

  /** Sets how long a worker may take to start and answer the handshake. */
  public WorkerOptions startTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
    }
    return new WorkerOptions(workers, jvmOptions, extraClassPath, javaHome, maxAttempts,
        timeout);
  }

  public int workers() {
    return workers;
  }

  public List<String> jvmOptions() {
    return jvmOptions;
  }

  public List<String> extraClassPath() {
    return extraClassPath;
  }

  public Path javaHome() {
    return javaHome;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration startTimeout() {
    return startTimeout;
  }

  @Override
  public String toString() {
    return "WorkerOptions[workers=" + workers + ", jvmOptions=" + jvmOptions + ", javaHome="
        + javaHome + ", maxAttempts=" + maxAttempts + "]";
  }
}
