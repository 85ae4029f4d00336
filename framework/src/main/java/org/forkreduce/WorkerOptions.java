package org.forkreduce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How worker JVMs are started: how many, with which JVM options, class path and Java, how often a
 * task is tried before the job fails, where partial results are kept. Immutable; every setter
 * validates its value and returns a new instance.
 *
 * <pre>{@code
 * WorkerOptions options = WorkerOptions.defaults().workers(4).heap("2g").jvmOption("-XX:+UseZGC");
 * }</pre>
 */
public final class WorkerOptions {
  /** The default number of tries of a task whose worker died. */
  public static final int DEFAULT_ATTEMPTS = 3;

  /** The mutable values behind one immutable instance; copied by every setter. */
  private static final class Values implements Cloneable {
    int workers;
    List<String> jvmOptions;
    List<String> extraClassPath;
    Path javaHome;
    int maxAttempts;
    Duration startTimeout;
    Duration workerTimeout;
    Path tempDirectory;

    Values copy() {
      try {
        return (Values) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final Values v;

  private WorkerOptions(Values v) {
    this.v = v;
  }

  private WorkerOptions with(Consumer<Values> change) {
    Values copy = v.copy();
    change.accept(copy);
    return new WorkerOptions(copy);
  }

  /**
   * One worker per available processor, the parallel collector, the running JVM's Java and class
   * path, 3 attempts per task, 30 seconds to start, 60 seconds of silence before a busy worker
   * counts as stalled, partials under {@code java.io.tmpdir}.
   */
  public static WorkerOptions defaults() {
    Values v = new Values();
    v.workers = Runtime.getRuntime().availableProcessors();
    v.jvmOptions = List.of("-XX:+UseParallelGC");
    v.extraClassPath = List.of();
    v.javaHome = Path.of(System.getProperty("java.home"));
    v.maxAttempts = DEFAULT_ATTEMPTS;
    v.startTimeout = Duration.ofSeconds(30);
    v.workerTimeout = Duration.ofSeconds(60);
    v.tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    return new WorkerOptions(v);
  }

  /** Sets the number of worker processes (at least 1). */
  public WorkerOptions workers(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    return with(c -> c.workers = workers);
  }

  /** Sets each worker's maximum heap, as {@code -Xmx} takes it: {@code 512m}, {@code 2g}. */
  public WorkerOptions heap(String size) {
    if (!size.matches("\\d+[kKmMgG]?")) {
      throw new IllegalArgumentException("heap must look like 512m or 2g, got '" + size + "'");
    }
    return jvmOption("-Xmx" + size);
  }

  /**
   * Sets each worker's maximum heap in bytes, passed as {@code -Xmx} takes it: {@code 2g},
   * {@code 512m}, else in whole k.
   */
  public WorkerOptions heap(long bytes) {
    long unit = bytes % (1 << 30) == 0 ? 30 : bytes % (1 << 20) == 0 ? 20 : 10;
    return heap((bytes >> unit) + (unit == 30 ? "g" : unit == 20 ? "m" : "k"));
  }

  /** Adds an option to the worker JVMs' command line, e.g. {@code -XX:+UseZGC}. */
  public WorkerOptions jvmOption(String option) {
    Objects.requireNonNull(option, "option");
    if (!option.startsWith("-")) {
      throw new IllegalArgumentException("a JVM option starts with '-', got '" + option + "'");
    }
    List<String> options = new ArrayList<>(v.jvmOptions);
    options.add(option);
    return with(c -> c.jvmOptions = List.copyOf(options));
  }

  /** Replaces the JVM options (the default is {@code -XX:+UseParallelGC}). */
  public WorkerOptions jvmOptions(List<String> options) {
    WorkerOptions o = with(c -> c.jvmOptions = List.of());
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
    List<String> paths = new ArrayList<>(v.extraClassPath);
    for (Path p : entries) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("class path entry does not exist: " + p);
      }
      paths.add(p.toAbsolutePath().toString());
    }
    return with(c -> c.extraClassPath = List.copyOf(paths));
  }

  /** Runs workers with the Java in {@code home} (its {@code bin/java}). */
  public WorkerOptions javaHome(Path home) {
    Objects.requireNonNull(home, "home");
    return with(c -> c.javaHome = home);
  }

  /**
   * Sets how many times a task is tried when its worker dies (at least 1; 1 means no retry).
   * Exceptions thrown by user code are never retried.
   */
  public WorkerOptions maxAttempts(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    return with(c -> c.maxAttempts = attempts);
  }

  /** Sets how long a worker may take to start and answer the handshake. */
  public WorkerOptions startTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
    }
    return with(c -> c.startTimeout = timeout);
  }

  /**
   * Sets how long a worker running a task may stay silent before it counts as stalled (stopped
   * with SIGSTOP, paused, hung in native code): it is then killed with SIGKILL, with its child
   * processes, and its task is retried on another worker as if it had died. A busy worker sends
   * a heartbeat every {@link #heartbeatInterval()}, so only a worker that cannot run at all stays
   * silent; a full garbage collection longer than the timeout counts as a stall too.
   */
  public WorkerOptions workerTimeout(Duration timeout) {
    if (timeout.toMillis() < 100) {
      throw new IllegalArgumentException("worker timeout must be at least 100 ms, got "
          + timeout);
    }
    return with(c -> c.workerTimeout = timeout);
  }

  /**
   * Sets the worker timeout from text, as command lines take it: a number and a unit, {@code
   * 500ms}, {@code 5s}, {@code 2m}, {@code 1h}.
   */
  public WorkerOptions workerTimeout(String duration) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)")
        .matcher(duration.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("a worker timeout looks like 500ms, 5s, 2m or 1h, got '"
          + duration + "'");
    }
    long n = Long.parseLong(m.group(1));
    return workerTimeout(switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    });
  }

  /**
   * Sets where jobs keep their private (0700) directories of partial results; they need space
   * for about the size of the result, and are removed after each job.
   */
  public WorkerOptions tempDirectory(Path directory) {
    if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
      throw new IllegalArgumentException("temp directory must be a writable directory: "
          + directory);
    }
    return with(c -> c.tempDirectory = directory);
  }

  public int workers() {
    return v.workers;
  }

  public List<String> jvmOptions() {
    return v.jvmOptions;
  }

  public List<String> extraClassPath() {
    return v.extraClassPath;
  }

  public Path javaHome() {
    return v.javaHome;
  }

  public int maxAttempts() {
    return v.maxAttempts;
  }

  public Duration startTimeout() {
    return v.startTimeout;
  }

  public Duration workerTimeout() {
    return v.workerTimeout;
  }

  /** How often a busy worker sends a heartbeat: a quarter of the timeout, at most 5 seconds. */
  public Duration heartbeatInterval() {
    return Duration.ofMillis(Math.min(5_000, v.workerTimeout.toMillis() / 4));
  }

  public Path tempDirectory() {
    return v.tempDirectory;
  }

  @Override
  public String toString() {
    return "WorkerOptions[workers=" + v.workers + ", jvmOptions=" + v.jvmOptions + ", javaHome="
        + v.javaHome + ", maxAttempts=" + v.maxAttempts + ", workerTimeout="
        + v.workerTimeout + ", tempDirectory=" + v.tempDirectory
        + "]";
  }
}
