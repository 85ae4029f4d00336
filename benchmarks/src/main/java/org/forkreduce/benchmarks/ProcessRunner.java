package org.forkreduce.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a contender as a separate process and times it from start to exit, optionally with the
 * peak resident memory of its process tree.
 */
final class ProcessRunner {
  /**
   * How a run ended; {@code peakRssBytes} is the process tree's peak resident memory, or
   * {@link RssSampler#NOT_MEASURED}.
   */
  record Outcome(int exitCode, String stdout, String stderr, double seconds, long peakRssBytes) {
    Outcome(int exitCode, String stdout, String stderr, double seconds) {
      this(exitCode, stdout, stderr, seconds, RssSampler.NOT_MEASURED);
    }

    List<String> lines(String prefix) {
      return stdout.lines().filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(prefix.length())).toList();
    }

    /**
     * The exit code, the first line that names an exception or error (an out-of-memory exit
     * says so there, not in the stack trace's tail), and the end of stderr.
     */
    String failure() {
      String headline = stderr.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("at ")
          && (l.contains("Exception") || l.contains("Error"))).findFirst().orElse("");
      String tail = stderr.length() > 300 ? stderr.substring(stderr.length() - 300) : stderr;
      tail = tail.strip().replace('\n', ' ');
      return "exit code " + exitCode + ": " + (headline.isEmpty() || tail.contains(headline)
          ? tail : headline.strip() + " ... " + tail);
    }
  }

  private ProcessRunner() {}

  /** {@code java -cp <this class path> <main> args...}. */
  static List<String> java(String mainClass, String... args) {
    return java(List.of(), System.getProperty("java.class.path"), mainClass, args);
  }

  /**
   * {@code java <options> -cp <classPath> <main> args...}: the JVM's own defaults otherwise (its
   * collector, G1, and heap sizing), as a user's {@code java -jar} gets them.
   */
  static List<String> java(List<String> options, String classPath, String mainClass,
      String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(options);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs {@code command}; one still running after {@code timeoutSeconds} is killed. */
  static Outcome run(List<String> command, double timeoutSeconds)
      throws IOException, InterruptedException {
    return run(command, timeoutSeconds, false);
  }

  /**
   * Runs {@code command}; one still running after {@code timeoutSeconds} is killed with all its
   * descendants. With {@code sampleRss}, the outcome has the peak resident memory of the process
   * and its descendants summed ({@link RssSampler}).
   */
  static Outcome run(List<String> command, double timeoutSeconds, boolean sampleRss)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).start();
    try (RssSampler rss = sampleRss ? RssSampler.start(p.toHandle()) : null) {
      return await(p, start, timeoutSeconds, rss);
    } finally {
      if (p.isAlive()) { // the harness was interrupted
        stop(p.toHandle());
      }
    }
  }

  private static Outcome await(Process p, long start, double timeoutSeconds, RssSampler rss)
      throws InterruptedException {
    var out = p.getInputStream();
    var err = p.getErrorStream();
    var stdout = new java.util.concurrent.CompletableFuture<String>();
    var stderr = new java.util.concurrent.CompletableFuture<String>();
    daemon(() -> stdout.complete(read(out)));
    daemon(() -> stderr.complete(read(err)));
    if (!p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
      stop(p.toHandle());
      return new Outcome(-1, "", String.format(java.util.Locale.ROOT,
          "timed out: stopped after %.0f s (the run timeout)", timeoutSeconds),
          (System.nanoTime() - start) / 1e9);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = rss == null ? RssSampler.NOT_MEASURED : rss.peakBytes();
    return new Outcome(p.exitValue(), stdout.join(), stderr.join(), seconds, peak);
  }

  /** Kills {@code process} and its descendants (a driver's workers) and waits for its end. */
  static void stop(ProcessHandle process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process);
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.forEach(h -> h.onExit().join());
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "benchmark-output-reader");
    t.setDaemon(true);
    t.start();
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
