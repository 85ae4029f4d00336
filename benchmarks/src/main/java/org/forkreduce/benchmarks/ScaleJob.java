package org.forkreduce.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.forkreduce.benchmarks.GroupByQuestions.Digest;
import org.forkreduce.benchmarks.GroupByQuestions.Question;
import org.forkreduce.examples.dataframe.DataFrameCli;

/**
 * The scale job: a db-benchmark question on a large G1 table, answered by ForkReduce's
 * dataframe CLI on processes(n) with {@code --output}, and by DuckDB (n threads, spilling to a
 * temp directory) in a JVM of its own writing the same answer with {@code COPY}. Per contender
 * and run: the wall time, the peak resident memory of its whole process tree (the driver and
 * every worker JVM, {@link RssSampler}), and the answer read back from its CSV as a
 * {@link Digest}, which must agree with DuckDB's. Each run's answer and temp files go in a
 * private directory that is removed after the run.
 */
final class ScaleJob {
  static final String PREFIX = "scale-";
  /** The suffix of a job's peak-memory measurements. */
  static final String PEAK_RSS = "-peak-rss";
  static final String FORKREDUCE = "forkreduce-processes";
  static final String DUCKDB = "duckdb";
  /** The questions asked by default: few groups, 1e5 groups, and a group per row. */
  static final List<String> QUESTIONS = List.of("q1", "q3", "q10");
  private static final List<String> CONTENDERS = List.of(FORKREDUCE, DUCKDB);
  private static final String RSS_NA = "skipped: n/a, peak RSS is read from Linux's /proc";

  private final int workers;
  private final double runTimeout;
  private final List<String> forkReduceJvmOptions;
  private final List<String> forkReduceOptions;
  private final Path temp;

  /**
   * {@code forkReduceJvmOptions} go on the dataframe CLI's {@code java} command line (its
   * driver's), {@code forkReduceOptions} on the CLI's own after its options; each run's files go
   * in a new private directory under {@code temp}.
   */
  ScaleJob(int workers, double runTimeout, List<String> forkReduceJvmOptions,
      List<String> forkReduceOptions, Path temp) {
    this.workers = workers;
    this.runTimeout = runTimeout;
    this.forkReduceJvmOptions = List.copyOf(forkReduceJvmOptions);
    this.forkReduceOptions = List.copyOf(forkReduceOptions);
    this.temp = temp;
  }

  /**
   * Runs both contenders {@code runs} times on {@code g1}, alternating which goes first; returns
   * each contender's times ({@code scale-ROWS-Q}, seconds) and peaks ({@code
   * scale-ROWS-Q-peak-rss}, MB of 10^6 bytes).
   */
  List<Measurement> run(String rows, Path g1, Question q, int runs) throws Exception {
    String job = PREFIX + rows + "-" + q.name();
    Map<String, Measurement> times = new LinkedHashMap<>();
    Map<String, Measurement> peaks = new LinkedHashMap<>();
    Map<String, List<Digest>> answers = new LinkedHashMap<>();
    for (String c : CONTENDERS) {
      times.put(c, new Measurement(job, c, "s"));
      peaks.put(c, new Measurement(job + PEAK_RSS, c, "MB"));
      answers.put(c, new ArrayList<>());
    }
    for (int run = 0; run < runs; run++) {
      for (int i = 0; i < CONTENDERS.size(); i++) {
        String c = CONTENDERS.get((i + run) % CONTENDERS.size());
        Digest answer = runOnce(job, c, q, g1, times.get(c), peaks.get(c));
        if (answer != null) {
          answers.get(c).add(answer);
        }
      }
    }
    check(answers, times);
    List<Measurement> all = new ArrayList<>();
    for (String c : CONTENDERS) {
      Measurement t = times.get(c);
      Measurement p = peaks.get(c);
      if (t.failure != null) {
        t.values.clear();
        p.values.clear();
        p.failure = t.failure;
      }
      all.add(t);
      all.add(p);
    }
    return all;
  }

  /** One run of contender {@code c}; its answer's digest, or null when it failed. */
  private Digest runOnce(String job, String c, Question q, Path g1, Measurement time,
      Measurement peak) throws Exception {
    Path dir = Files.createTempDirectory(temp, "forkreduce-scale-"); // 0700
    try {
      Path answer = dir.resolve("answer.csv");
      ProcessRunner.Outcome o = ProcessRunner.run(command(c, q, g1, dir, answer), runTimeout,
          true);
      System.err.printf(Locale.ROOT, "benchmarks: %s %s: %.2f s, peak RSS %s%n", job, c,
          o.seconds(), o.peakRssBytes() < 0 ? "n/a" : megabytes(o.peakRssBytes()) + " MB");
      if (o.exitCode() != 0) {
        time.failure = o.failure();
        return null;
      }
      if (!Files.isRegularFile(answer)) {
        time.failure = "exit code 0 but no answer in " + answer;
        return null;
      }
      time.values.add(o.seconds());
      if (o.peakRssBytes() < 0) {
        peak.failure = RSS_NA;
      } else {
        peak.values.add((double) megabytes(o.peakRssBytes()));
      }
      return Digest.ofCsv(answer, q.by().size());
    } catch (IOException | RuntimeException e) {
      time.failure = "unreadable answer: " + e;
      return null;
    } finally {
      deleteTree(dir);
    }
  }

  private List<String> command(String c, Question q, Path g1, Path dir, Path answer) {
    if (c.equals(DUCKDB)) {
      return ProcessRunner.java(Contender.class.getName(), "scale-duckdb", q.name(),
          g1.toString(), Integer.toString(workers), dir.resolve("duckdb-temp").toString(),
          answer.toString());
    }
    List<String> args = new ArrayList<>(List.of("groupby", "--by", String.join(",", q.by())));
    for (String agg : q.df().aggs()) {
      args.add("--agg");
      args.add(agg);
    }
    args.addAll(List.of("--engine", "processes", "--workers", Integer.toString(workers),
        "--output", answer.toString()));
    args.addAll(forkReduceOptions);
    args.add("--");
    args.add(g1.toString());
    return ProcessRunner.java(forkReduceJvmOptions, System.getProperty("java.class.path"),
        DataFrameCli.class.getName(), args.toArray(String[]::new));
  }

  /** Fails every ForkReduce run whose answer disagrees with DuckDB's, or has none to meet. */
  private static void check(Map<String, List<Digest>> answers, Map<String, Measurement> times) {
    List<Digest> reference = answers.get(DUCKDB);
    Measurement fr = times.get(FORKREDUCE);
    if (fr.failure != null) {
      return;
    }
    if (reference.isEmpty()) {
      fr.failure = "not checked: DuckDB gave no answer";
      return;
    }
    for (Digest d : answers.get(FORKREDUCE)) {
      if (!Digest.agree(d.toString(), reference.get(0).toString())) {
        fr.failure = "wrong result: " + d + ", expected " + reference.get(0);
      }
    }
  }

  private static long megabytes(long bytes) {
    return Math.round(bytes / 1e6);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Prints a table of the scale job's results in {@code all}, one line per size and question:
   * ForkReduce's and DuckDB's median time and peak memory, and ForkReduce's over DuckDB's.
   * Prints nothing when there are none.
   */
  static void summary(List<Measurement> all, PrintStream out) {
    List<String> jobs = all.stream().map(m -> m.job)
        .filter(j -> j.startsWith(PREFIX) && !j.endsWith(PEAK_RSS)).distinct().toList();
    if (jobs.isEmpty()) {
      return;
    }
    String format = "%-14s %10s %10s %10s %12s %12s %10s%n";
    out.printf(Locale.ROOT, format, "rows-question", "FR s", "DuckDB s", "time FR/D",
        "FR peak MB", "DuckDB MB", "peak FR/D");
    for (String job : jobs) {
      Measurement ft = find(all, job, FORKREDUCE);
      Measurement dt = find(all, job, DUCKDB);
      Measurement fp = find(all, job + PEAK_RSS, FORKREDUCE);
      Measurement dp = find(all, job + PEAK_RSS, DUCKDB);
      out.printf(Locale.ROOT, format, job.substring(PREFIX.length()), cell(ft, "%.2f"),
          cell(dt, "%.2f"), ratio(ft, dt), cell(fp, "%.0f"), cell(dp, "%.0f"), ratio(fp, dp));
    }
    out.println("FR = ForkReduce's dataframe CLI on processes(n) with --output; D = DuckDB"
        + " (COPY to CSV); peak = resident memory of all the contender's processes summed, MB;"
        + " medians of the runs.");
  }

  private static Measurement find(List<Measurement> all, String job, String contender) {
    return all.stream().filter(m -> m.job.equals(job) && m.contender.equals(contender))
        .findFirst().orElse(null);
  }

  private static String cell(Measurement m, String format) {
    if (m == null) {
      return "-";
    }
    return m.measured() ? String.format(Locale.ROOT, format, m.median())
        : m.ok() ? "n/a" : "FAILED";
  }

  private static String ratio(Measurement fr, Measurement duckDb) {
    return fr != null && duckDb != null && fr.measured() && duckDb.measured()
        ? String.format(Locale.ROOT, "%.2f", fr.median() / duckDb.median()) : "n/a";
  }
}
