package org.forkreduce.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.forkreduce.datasets.Sizes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole-job harness: generates (or reuses) the data, runs every contender as its own JVM,
 * alternating contenders run by run, checks every result against the plain loop's, and reports
 * medians and min-max per contender with the ratio to ForkReduce.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
    description = "Measures ForkReduce against its peers on this machine.")
public final class Harness implements Callable<Integer> {
  static final List<String> WORD_COUNT = List.of("forkreduce-processes", "forkreduce-threads",
      "forkreduce-inline", "plain-loop", "parallel-streams", "duckdb", "spark-rdd",
      "forkreduce-spark");
  static final List<String> GROUP_BY = List.of("forkreduce-processes", "forkreduce-threads",
      "duckdb", "single-thread-loop", "forkreduce-spark");
  /** The scaling job: ForkReduce word count on 1/8, 1/4, 1/2 and all of the corpus size. */
  static final String SCALING = "scaling-MiB-";
  static final List<String> SCALED = List.of("forkreduce-processes", "forkreduce-threads");
  /** The contenders that run on Apache Spark local[workers], in a JVM with Spark. */
  static final List<String> ON_SPARK = List.of("spark-rdd", "forkreduce-spark");

  @Option(names = "--quick", description = "100 MiB corpus, 1e6 G1 rows (default: 1 GiB, 1e7 rows).")
  boolean quick;

  @Option(names = "--runs", description = "Runs per contender (default 3).")
  Integer runs;

  @Option(names = "--corpus-size", description = "Corpus bytes, e.g. 1m (overrides the mode).")
  String corpusSize;

  @Option(names = "--run-budget", defaultValue = "45", paramLabel = "SECONDS",
      description = "A contender whose run takes longer is not run again in that job; its"
          + " figure is of the runs it had (default ${DEFAULT-VALUE} s).")
  double runBudget;

  @Option(names = "--run-timeout", defaultValue = "180", paramLabel = "SECONDS",
      description = "A run still going after this is stopped and reported as timed out"
          + " (default ${DEFAULT-VALUE} s).")
  double runTimeout;

  @Option(names = "--workers", defaultValue = "2", description = "Workers (default 2).")
  int workers;

  @Option(names = "--pool-items", defaultValue = "100000",
      description = "Items of the tiny-task map (default 100000).")
  int poolItems;

  @Option(names = "--jobs", split = ",", defaultValue = "wordcount,scaling,groupby,pool",
      description = "Which jobs: wordcount, scaling, groupby, pool, scale (default all but"
          + " scale).")
  List<String> jobs;

  @Option(names = "--scale-rows", split = ",", defaultValue = "1e7,1e8", paramLabel = "N",
      description = "The scale job's G1 sizes (default ${DEFAULT-VALUE}).")
  List<String> scaleRows;

  @Option(names = "--scale-fr-options", defaultValue = "", paramLabel = "'OPTIONS'",
      description = "Extra options of the scale job's dataframe CLI, separated by spaces,"
          + " e.g. '--memory 2g'.")
  String scaleFrOptions;

  @Option(names = "--scale-fr-jvm-options", defaultValue = "", paramLabel = "'OPTIONS'",
      description = "JVM options of the scale job's dataframe CLI (its driver), separated by"
          + " spaces, e.g. '-Xmx2g'.")
  String scaleFrJvmOptions;

  @Option(names = "--scale-run-timeout", defaultValue = "3600", paramLabel = "SECONDS",
      description = "The scale job's --run-timeout (default ${DEFAULT-VALUE} s).")
  double scaleRunTimeout;

  @Option(names = "--scale-temp", paramLabel = "DIR",
      description = "Where the scale job's answers and DuckDB's spill files go, in a private"
          + " directory per run removed after it (default: java.io.tmpdir).")
  Path scaleTemp;

  @Option(names = "--g1-rows", description = "G1 rows (default 1e6 quick, 1e7 full).")
  String g1Rows;

  @Option(names = "--questions", split = ",", description = "Which of q1..q10 (default all).")
  List<String> questions;

  @Option(names = "--contenders", split = ",",
      description = "Only these contenders, e.g. forkreduce-processes,duckdb (default all).")
  List<String> only;

  @Option(names = "--data", defaultValue = "benchmarks/target/data",
      description = "Where generated data is kept and reused.")
  Path data;

  @Option(names = "--out", defaultValue = "benchmarks/target/results",
      description = "Where results.csv, results.json and the PNG charts go.")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Harness()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int n = runs != null ? runs : 3;
    List<Measurement> results = new ArrayList<>();
    long bytes = corpusSize != null ? Sizes.bytes(corpusSize) : quick ? 100L << 20 : 1L << 30;
    if (jobs.contains("wordcount")) {
      Path corpus = Corpus.text(data, bytes);
      results.addAll(compare("wordcount-" + sizeLabel(Files.size(corpus)), WORD_COUNT, n,
          c -> wordCount(c, corpus), String::equals));
    }
    if (jobs.contains("scaling")) {
      for (int part = 8; part >= 1; part /= 2) {
        Path corpus = Corpus.text(data, bytes / part);
        String mib = String.format(Locale.ROOT, "%.1f", Files.size(corpus) / 1048576.0);
        results.addAll(compare(SCALING + mib, SCALED, n, c -> wordCount(c, corpus),
            String::equals));
      }
    }
    if (jobs.contains("groupby")) {
      long rows = g1Rows != null ? (long) Double.parseDouble(g1Rows) : quick ? 1_000_000
          : 10_000_000;
      Path g1 = Corpus.g1(data, rows);
      for (GroupByQuestions.Question q : GroupByQuestions.ALL) {
        if (questions == null || questions.contains(q.name())) {
          results.addAll(compare("groupby-" + q.name(), GROUP_BY, n,
              c -> List.of("groupby", c, q.name(), g1.toString(), Integer.toString(workers)),
              GroupByQuestions.Digest::agree));
        }
      }
    }
    if (jobs.contains("pool")) {
      results.addAll(pool(n));
    }
    if (jobs.contains("scale")) {
      results.addAll(scale());
    }
    Report.print(results, System.out);
    ScaleJob.summary(results, System.out);
    Report.write(results, out);
    Charts.write(results, out);
    System.err.println("benchmarks: results in " + out.toAbsolutePath());
    return results.stream().allMatch(Measurement::ok) ? 0 : 1;
  }

  private static List<String> words(String options) {
    String s = options.strip();
    return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
  }

  /** The scale job at every {@code --scale-rows} size; its data is reused even unchecked. */
  private List<Measurement> scale() throws Exception {
    ScaleJob job = new ScaleJob(workers, scaleRunTimeout, words(scaleFrJvmOptions),
        words(scaleFrOptions),
        scaleTemp != null ? scaleTemp : Path.of(System.getProperty("java.io.tmpdir")));
    List<Measurement> results = new ArrayList<>();
    for (String rows : scaleRows) {
      Path g1 = Corpus.g1(data, (long) Double.parseDouble(rows), true);
      for (String q : questions != null ? questions : ScaleJob.QUESTIONS) {
        results.addAll(job.run(rows, g1, GroupByQuestions.named(q), runs != null ? runs : 1));
      }
    }
    return results;
  }

  private List<String> wordCount(String contender, Path corpus) {
    return List.of("wordcount", contender, corpus.toString(), Integer.toString(workers));
  }

  /**
   * Runs every contender {@code n} times, alternating which goes first, each in its own JVM;
   * a result that disagrees with the first contender's fails that contender.
   */
  private List<Measurement> compare(String job, List<String> all, int n,
      java.util.function.Function<String, List<String>> args,
      java.util.function.BiPredicate<String, String> agree) throws Exception {
    List<String> contenders = all.stream().filter(c -> only == null || only.contains(c)).toList();
    Map<String, Measurement> byName = new LinkedHashMap<>();
    contenders.forEach(c -> byName.put(c, new Measurement(job, c, "s")));
    String reference = null;
    Set<String> overBudget = new HashSet<>();
    for (int run = 0; run < n; run++) {
      for (int i = 0; i < contenders.size(); i++) {
        String contender = contenders.get((i + run) % contenders.size());
        Measurement m = byName.get(contender);
        if (overBudget.contains(contender)) {
          continue;
        }
        List<String> command = command(contender, args.apply(contender));
        if (command == null) {
          m.failure = SparkRuntime.MISSING;
          continue;
        }
        ProcessRunner.Outcome o = ProcessRunner.run(command, runTimeout);
        List<String> check = o.lines("check ");
        System.err.printf(Locale.ROOT, "benchmarks: %s %s run %d: %.2f s%n", job, contender,
            run + 1, o.seconds());
        if (o.seconds() > runBudget) {
          overBudget.add(contender); // one more run would cost more than it tells
        }
        if (o.exitCode() != 0 || check.isEmpty()) {
          m.failure = o.failure();
        } else if (reference == null) {
          reference = check.get(0);
          m.values.add(o.seconds());
        } else if (!agree.test(check.get(0), reference)) {
          m.failure = "wrong result: " + check.get(0) + ", expected " + reference;
        } else {
          m.values.add(o.seconds());
        }
      }
    }
    byName.values().forEach(m -> {
      if (m.failure != null) {
        m.values.clear();
      }
    });
    return new ArrayList<>(byName.values());
  }

  /** The contender's JVM command, or null for a Spark contender when Spark is missing. */
  private static List<String> command(String contender, List<String> args) throws IOException {
    String[] a = args.toArray(String[]::new);
    if (!ON_SPARK.contains(contender)) {
      return ProcessRunner.java(Contender.class.getName(), a);
    }
    String classPath = SparkRuntime.classPath();
    return classPath == null ? null
        : ProcessRunner.java(SparkRuntime.jvmOptions(), classPath, Contender.class.getName(), a);
  }

  private List<Measurement> pool(int n) throws Exception {
    Map<String, Measurement> metrics = new LinkedHashMap<>();
    List<List<String>> commands = new ArrayList<>();
    commands.add(ProcessRunner.java(Contender.class.getName(), "pool",
        Integer.toString(poolItems), "2000"));
    Path script = pythonScript();
    if (script != null) {
      commands.add(List.of("python3", script.toString(), Integer.toString(poolItems), "2000"));
    } else {
      Measurement skipped = new Measurement("pool", "python-multiprocessing", "");
      skipped.failure = "skipped: python3 is not installed";
      metrics.put("python", skipped);
    }
    // two unmeasured pools first: after a build, the first two drivers write and then check the
    // workers' class-data archive, which every later start of the same build reuses
    ProcessRunner.run(commands.get(0), runTimeout);
    ProcessRunner.run(commands.get(0), runTimeout);
    for (int run = 0; run < n; run++) {
      for (List<String> command : commands) {
        String contender = command.get(0).equals("python3") ? "python-multiprocessing"
            : "forkreduce";
        ProcessRunner.Outcome o = ProcessRunner.run(command, runTimeout);
        if (o.exitCode() != 0) {
          Measurement m = metrics.computeIfAbsent(contender,
              k -> new Measurement("pool", contender, ""));
          m.failure = o.failure();
          continue;
        }
        for (String line : o.lines("metric ")) {
          String[] p = line.split(" ");
          String unit = p[0].substring(p[0].lastIndexOf('_') + 1);
          metrics.computeIfAbsent(p[0] + "/" + contender,
              k -> new Measurement("pool:" + p[0].substring(0, p[0].lastIndexOf('_')),
                  contender, unit)).values.add(Double.parseDouble(p[1]));
        }
      }
    }
    List<Measurement> sorted = new ArrayList<>(metrics.values());
    sorted.sort(java.util.Comparator.comparing((Measurement m) -> m.job));
    return sorted;
  }

  private static Path pythonScript() throws IOException {
    try {
      if (new ProcessBuilder("python3", "--version").start().waitFor() != 0) {
        return null;
      }
    } catch (IOException | InterruptedException e) {
      return null;
    }
    Path script = Files.createTempFile("forkreduce-pool-", ".py");
    script.toFile().deleteOnExit();
    try (InputStream in = Harness.class.getResourceAsStream("pool_overhead.py")) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  private static String sizeLabel(long bytes) {
    return bytes >= 1L << 30 ? (bytes >> 30) + "GiB" : bytes >= 1L << 20 ? (bytes >> 20) + "MiB"
        : (bytes >> 10) + "KiB";
  }
}
