package org.forkreduce.examples.wordcount;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import org.forkreduce.Engine;
import org.forkreduce.Failure;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.WorkerOptions;
import org.forkreduce.WriteOption;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar wordcount.jar [options] INPUT...}: counts words, prints the most frequent. */
@Command(name = "wordcount", mixinStandardHelpOptions = true, version = "wordcount 0.1.0",
    sortOptions = false,
    description = "Counts the words of text files with ForkReduce and prints the top K as"
        + " word<TAB>count, by count descending then word ascending.")
public final class WordCountCli implements Callable<Integer> {
  static final int EXIT_USAGE = Failure.EXIT_USAGE;
  /** The least {@code --memory}: a JVM heap below it cannot hold a job's machinery. */
  static final long MIN_MEMORY = 16 << 20;

  @Option(names = "--engine", defaultValue = "auto", paramLabel = "ENGINE",
      description = "Where mappers run: " + Engine.NAMES + " (default: ${DEFAULT-VALUE}:"
          + " inline for small inputs, worker processes for large ones).")
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "For --engine spark: the Spark master, e.g. local[2], spark://host:7077,"
          + " yarn (default: the one spark-submit sets, else local[N] with N workers).")
  String master;

  @Option(names = "--workers", paramLabel = "N",
      description = "Worker threads or processes (default: the number of processors).")
  Integer workers;

  @Option(names = "--worker-timeout", paramLabel = "DURATION",
      description = "Kill a worker process silent this long while it runs a task, and retry the"
          + " task elsewhere: 500ms, 5s, 2m (default: 60s).")
  String workerTimeout;

  @Option(names = "--split-size", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "Bytes per split, e.g. 65536, 64k, 32m, 1g (default: derived from the input).")
  Long splitSize;

  @Option(names = "--top", defaultValue = "20", paramLabel = "K",
      description = "How many words to print (default: ${DEFAULT-VALUE}; 0 prints none).")
  int top;

  @Option(names = "--output", paramLabel = "DIR",
      description = "Also write every word as word<TAB>count to DIR/part-* and DIR/_SUCCESS.")
  Path output;

  @Option(names = "--overwrite", description = "Replace DIR if it exists.")
  boolean overwrite;

  @Option(names = "--memory", paramLabel = "SIZE", converter = SizeConverter.class,
      description = "The memory of each JVM of the job, e.g. 512m, 2g: each worker process's"
          + " heap (-Xmx), and in every JVM, this one too, the job holds at most "
          + Job.DEFAULT_BUDGET_PERCENT + "% of it (or of this JVM's heap, if smaller) before"
          + " it spills to disk (default: " + Job.DEFAULT_BUDGET_PERCENT + "% of each JVM's"
          + " own heap).")
  Long memory;

  @Option(names = "--verbose",
      description = "On failure, print the full stack trace to stderr after the one-line error;"
          + " after a run, each JVM's peak memory on the summary line.")
  boolean verbose;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Text files or directories;"
      + " - reads standard input (FIFOs and pipes work too). Put -- before names that start"
      + " with '-'.")
  List<Path> inputs;

  private final PrintStream out;
  private final PrintStream err;

  WordCountCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs the command; returns the exit code (0 ok, 1 job failed, 2 bad usage or input). */
  static int run(PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(new WordCountCli(out, err));
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("wordcount: " + e.getMessage() + " (see --help)" + dashHint(e, a));
      return EXIT_USAGE;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    String invalid = validate(n);
    if (invalid != null) {
      err.println("wordcount: " + invalid);
      return EXIT_USAGE;
    }
    try {
      Job<String, String, Long> job = WordCount.job(inputs.toArray(Path[]::new));
      if (splitSize != null) {
        job = job.splitSize(splitSize);
      }
      if (memory != null) {
        job = job.memoryBudget(Job.defaultBudget(memory));
      }
      if (output != null) {
        JobResult.checkTarget(output, writeOptions());
      }
      return count(job, n);
    } catch (RuntimeException | java.io.IOException | OutOfMemoryError e) {
      return Failure.report("wordcount", e, verbose, err);
    }
  }

  private String validate(int n) {
    if (n < 1) {
      return "--workers must be at least 1, got " + n;
    }
    if (splitSize != null && splitSize < 1) {
      return "--split-size must be a positive size such as 65536, 64k or 32m, got " + splitSize;
    }
    if (top < 0) {
      return "--top must be 0 or more, got " + top;
    }
    if (memory != null && memory < MIN_MEMORY) {
      return "--memory must be at least 16m, got " + memory + " bytes; give it as 512m or 2g";
    }
    return null;
  }

  /** The worker processes' options: {@code n} workers and the {@code --worker-timeout}. */
  private WorkerOptions workerOptions(int n) {
    WorkerOptions options = WorkerOptions.defaults().workers(n);
    options = memory == null ? options : options.heap(memory.longValue());
    return workerTimeout == null ? options : options.workerTimeout(workerTimeout);
  }

  /** Runs the job; the result, closed by the caller, may own files (a result larger than RAM). */
  private JobResult<String, Long> run(Job<String, String, Long> job, int n) {
    ProgressBar bar = System.console() != null ? new ProgressBar(err) : null;
    try (Engine e = Engine.named(engine, workerOptions(n), master)) {
      return (bar == null ? job : job.progress(bar)).run(e);
    } finally {
      if (bar != null) {
        bar.clear();
      }
    }
  }

  private int count(Job<String, String, Long> job, int n) throws java.io.IOException {
    try (JobResult<String, Long> result = run(job, n)) {
      return print(result);
    }
  }

  private int print(JobResult<String, Long> result) throws java.io.IOException {
    if (output != null) {
      result.writeTo(output, WordCount.BY_COUNT_THEN_WORD, writeOptions());
    }
    // nothing on stdout before all has succeeded: a failure after a partial print would look
    // like a (short) answer to whoever reads the output
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Long> e : top(result, top, WordCount.BY_COUNT_THEN_WORD)) {
      text.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
    }
    String summary = summary(result) + streams(inputs)
        + result.stats().memoryNote(result.counters(), verbose);
    out.print(text);
    out.flush();
    err.println(summary);
    return 0;
  }

  /** {@code ", input stdin"} and the like when inputs are streams (they were spooled); else "". */
  static String streams(List<Path> inputs) {
    List<String> labels = inputs.stream().map(Inputs::streamLabel).filter(l -> l != null).toList();
    return labels.isEmpty() ? "" : ", input " + String.join(", ", labels);
  }

  /**
   * A hint for the first argument before {@code --} that picocli took for an unknown option and
   * may be a file name starting with '-', or "".
   */
  static String dashHint(CommandLine.ParameterException e, String[] args) {
    CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      CommandLine.Model.OptionSpec before = i == 0 ? null : spec.findOption(args[i - 1]);
      boolean isValue = before != null && before.arity().max() > 0;
      if (args[i].length() > 1 && args[i].startsWith("-") && !isValue
          && spec.findOption(args[i].split("=", 2)[0]) == null) {
        return "; if " + args[i] + " is a file, put -- before it: " + spec.qualifiedName()
            + " [OPTIONS] -- " + args[i];
      }
    }
    return "";
  }

  private WriteOption[] writeOptions() {
    return overwrite ? new WriteOption[] {WriteOption.OVERWRITE} : new WriteOption[0];
  }

  /** The first {@code k} entries in {@code order}, without sorting them all: O(n log k). */
  static <T> List<T> top(Iterable<T> items, int k, Comparator<? super T> order) {
    if (k == 0) {
      return List.of();
    }
    PriorityQueue<T> worst = new PriorityQueue<>(k + 1, order.reversed());
    for (T item : items) {
      worst.add(item);
      if (worst.size() > k) {
        worst.poll();
      }
    }
    List<T> best = new ArrayList<>(worst);
    best.sort(order);
    return best;
  }

  static String summary(JobResult<?, ?> result) {
    Counters c = result.counters();
    RunStats s = result.stats();
    double seconds = s.total().toNanos() / 1e9;
    long bytes = c.get(Counters.BYTES_READ);
    return String.format(Locale.ROOT,
        "wordcount: %,d bytes, %,d words, %,d distinct, %.3f s, %.1f MB/s, engine %s, %s",
        bytes, c.get(WordCountMapper.WORDS), c.get(Counters.DISTINCT_KEYS), seconds,
        seconds > 0 ? bytes / 1e6 / seconds : 0.0, s.consoleEngine(), s.workerCount());
  }

  /** Parses sizes such as {@code 65536}, {@code 64k}, {@code 32m}, {@code 1g}. */
  static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      long unit = 1;
      if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
        unit = 1L << (10 * ("kmg".indexOf(v.charAt(v.length() - 1)) + 1));
        v = v.substring(0, v.length() - 1);
      }
      try {
        return Math.multiplyExact(Long.parseLong(v), unit);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new CommandLine.TypeConversionException("'" + value
            + "' is not a size; use a whole number of bytes with an optional k, m or g suffix,"
            + " such as 64k, 512m or 2g");
      }
    }
  }
}
