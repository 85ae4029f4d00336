package org.forkreduce.examples.dataframe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.forkreduce.CsvOptions;
import org.forkreduce.Engine;
import org.forkreduce.Failure;
import org.forkreduce.WorkerOptions;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.examples.dataframe.table.Written;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code java -jar dataframe.jar groupby --by COLS --agg EXPR... INPUT...}. */
@Command(name = "dataframe", mixinStandardHelpOptions = true, version = "dataframe 0.1.0",
    description = "Group-by aggregation over CSV files with ForkReduce.",
    subcommands = DataFrameCli.GroupByCommand.class)
public final class DataFrameCli {
  static final int EXIT_USAGE = Failure.EXIT_USAGE;
  /** The least {@code --memory}: a JVM heap below it cannot hold a job's machinery. */
  static final long MIN_MEMORY = 16 << 20;
  /** The syntax of {@code --type}, shown in its help and its errors. */
  static final String TYPE_SYNTAX = "COL=long|double|string";

  private DataFrameCli() {}

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  static int run(PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(DataFrameCli.class, new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == GroupByCommand.class ? cls.cast(new GroupByCommand(out, err))
            : CommandLine.defaultFactory().create(cls);
      }
    });
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("dataframe: " + e.getMessage() + " (see --help)" + dashHint(e, a));
      return EXIT_USAGE;
    });
    return cli.execute(args);
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

  @Command(name = "groupby", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Groups CSV rows by columns and prints the aggregates as CSV, ordered by"
          + " the group columns.")
  static final class GroupByCommand implements Callable<Integer> {
    @Option(names = "--by", split = ",", paramLabel = "COL",
        description = "Group columns, comma separated (none: one group).")
    List<String> by = new ArrayList<>();

    @Option(names = "--agg", required = true, paramLabel = "'EXPR [AS name]'",
        description = "An aggregate: count(), count(c), sum|mean|min|max|median|stddev|var|"
            + "first(c), top(c, n), corr(a, b), arithmetic and pow() over them. Repeatable.")
    List<String> aggs;

    @Option(names = "--engine", defaultValue = "auto",
        description = "Where mappers run: " + Engine.NAMES + " (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
        description = "For --engine spark: the Spark master, e.g. local[2], spark://host:7077,"
            + " yarn (default: the one spark-submit sets, else local[N] with N workers).")
    String master;

    @Option(names = "--workers", description = "Workers (default: the number of processors).")
    Integer workers;

    @Option(names = "--worker-timeout", paramLabel = "DURATION",
        description = "Kill a worker process silent this long while it runs a task, and retry"
            + " the task elsewhere: 500ms, 5s, 2m (default: 60s).")
    String workerTimeout;

    @Option(names = "--output", paramLabel = "FILE.csv",
        description = "Write the result here (default: stdout).")
    Path output;

    @Option(names = "--on-bad-record", defaultValue = "fail", paramLabel = "fail|skip",
        description = "fail (default): stop at the first bad record; skip: count bad records"
            + " and write them to FILE.csv.rejects (or groupby.rejects without --output).")
    String onBadRecord;

    @Option(names = "--type", paramLabel = TYPE_SYNTAX,
        description = "Declare a column's type: long, double or string. Repeatable.")
    Map<String, String> typeNames = new HashMap<>();

    @Option(names = "--delimiter", paramLabel = "CHAR",
        description = "Field delimiter: one character, or tab or \\t (default: tab for .tsv and"
            + " .tsv.gz inputs, else a comma).")
    String delimiter;

    @Option(names = "--no-header",
        description = "The files have no header line: every line is a row (needs --columns).")
    boolean noHeader;

    @Option(names = "--columns", split = ",", paramLabel = "NAME[:TYPE]",
        description = "With --no-header: the columns' names in order, comma separated, each with"
            + " a type (long, double or string) or inferred.")
    List<String> columns;

    @Option(names = "--memory", paramLabel = "SIZE", converter = MemoryConverter.class,
        description = "The memory of each JVM of the job, e.g. 512m, 2g: each worker process's"
            + " heap (-Xmx), and in every JVM, this one too, the job holds at most "
            + Job.DEFAULT_BUDGET_PERCENT + "% of it (or of this JVM's heap, if smaller) before"
            + " it spills to disk (default: " + Job.DEFAULT_BUDGET_PERCENT + "% of each JVM's"
            + " own heap).")
    Long memory;

    @Option(names = "--verbose",
        description = "On failure, print the full stack trace to stderr after the one-line"
            + " error; after a run, each JVM's peak memory on the summary line.")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "CSV files or directories;"
        + " - reads standard input (FIFOs and pipes work too, gzip or not). Put -- before"
        + " names that start with '-'.")
    List<Path> inputs;

    private final PrintStream out;
    private final PrintStream err;

    GroupByCommand(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      int n = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
      try {
        String invalid = validate(n);
        if (invalid != null) {
          err.println("dataframe: " + invalid);
          return EXIT_USAGE;
        }
        Path rejectsDir = onBadRecord.equals("skip") ? Files.createTempDirectory("rejects-")
            : null;
        try {
          return groupBy(n, rejectsDir);
        } finally {
          if (rejectsDir != null) {
            Schema.deleteTree(rejectsDir);
          }
        }
      } catch (RuntimeException | IOException | OutOfMemoryError e) {
        return Failure.report("dataframe", e, verbose, err);
      }
    }

    private String validate(int n) {
      if (n < 1) {
        return "--workers must be at least 1, got " + n;
      }
      if (!onBadRecord.equals("fail") && !onBadRecord.equals("skip")) {
        return "--on-bad-record must be fail or skip, got '" + onBadRecord + "'";
      }
      if (noHeader != (columns != null)) {
        return noHeader ? "--no-header needs the columns' names: --columns NAME[:TYPE],..."
            : "--columns names the columns of files without a header: add --no-header";
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

    private int groupBy(int n, Path rejectsDir) throws IOException {
      CsvOptions options = CsvOptions.defaults().delimiter(delimiter == null
          ? defaultDelimiter(inputs) : delimiter(delimiter));
      Map<String, ColumnType> types = new HashMap<>();
      if (noHeader) {
        List<String> names = new ArrayList<>();
        for (String column : columns) {
          int colon = column.lastIndexOf(':');
          names.add(colon < 0 ? column : column.substring(0, colon));
          if (colon >= 0) {
            types.put(names.get(names.size() - 1), type(column.substring(colon + 1),
                "--columns takes NAME[:TYPE],... where a TYPE is long, double or string",
                column.substring(colon + 1)));
          }
        }
        options = options.noHeader(names);
      }
      if (rejectsDir != null) {
        options = options.skipBadRecords(rejectsDir);
      }
      DataFrame df = DataFrame.csv(options, inputs.toArray(Path[]::new));
      for (Map.Entry<String, String> t : typeNames.entrySet()) {
        types.put(t.getKey(), type(t.getValue(), "--type takes " + TYPE_SYNTAX,
            t.getKey() + "=" + t.getValue()));
      }
      for (Map.Entry<String, ColumnType> t : types.entrySet()) {
        df = df.type(t.getKey(), t.getValue());
      }
      DataFrame.Aggregation agg = df.groupBy(by.toArray(String[]::new))
          .agg(aggs.toArray(String[]::new));
      if (memory != null) {
        agg = agg.memoryBudget(Job.defaultBudget(memory));
      }
      Written table;
      try (Engine e = Engine.named(engine, workerOptions(n), master)) {
        table = write(agg, e);
      }
      long bad = table.counters().get(Counters.BAD_RECORDS);
      Path rejects = output != null ? Path.of(output + ".rejects") : Path.of("groupby.rejects");
      if (bad > 0) {
        collectRejects(rejectsDir, rejects);
      }
      if (bad > 0) {
        err.println("dataframe: " + bad + " bad records (" + table.counters()
            .get(Counters.BAD_LINES) + " lines) skipped, written to " + rejects);
      }
      List<String> streams = inputs.stream().map(Inputs::streamLabel).filter(l -> l != null)
          .toList();
      err.println(summary(table) + (streams.isEmpty() ? "" : ", input " + String.join(", ",
          streams)) + table.stats().memoryNote(table.counters(), verbose));
      return 0;
    }

    /** The type {@code name} names; else fails with the option's {@code usage} and what it got. */
    private static ColumnType type(String name, String usage, String got) {
      try {
        return ColumnType.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(usage + ", got '" + got + "'");
      }
    }

    /** The delimiter {@code --delimiter} names: one character, or {@code tab} or {@code \t}. */
    static char delimiter(String spec) {
      if (spec.equals("tab") || spec.equals("\\t")) {
        return '\t';
      }
      if (spec.length() != 1) {
        throw new IllegalArgumentException("--delimiter takes one character, or tab or \\t,"
            + " got '" + spec + "'");
      }
      return spec.charAt(0);
    }

    /** Tab when every input is a .tsv or .tsv.gz file, else a comma. */
    static char defaultDelimiter(List<Path> inputs) {
      return inputs.stream().map(p -> p.getFileName().toString())
          .allMatch(name -> name.endsWith(".tsv") || name.endsWith(".tsv.gz")) ? '\t' : ',';
    }

    /** Runs {@code agg}, writing its CSV to --output or stdout (Aggregation.writeCsv). */
    private Written write(DataFrame.Aggregation agg, Engine e) throws IOException {
      if (output == null) {
        Written written = agg.writeCsv(e, out);
        out.flush();
        return written;
      }
      Path target = output.toAbsolutePath();
      // Not createTempFile: its 0600 would stay on the output, which gets the umask's mode.
      Path temp = target.resolveSibling("." + target.getFileName() + "."
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      Written written;
      try {
        // the file is closed by itself: a writer whose last flush fails leaves it open
        try (OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
            Writer w = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8))) {
          written = agg.writeCsv(e, w);
        } catch (IOException x) {
          throw Failure.naming(target, x);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        return written;
      } finally {
        Files.deleteIfExists(temp);
      }
    }

    /** Concatenates the per-split rejects files, in split order, into one file. */
    private static void collectRejects(Path dir, Path target) throws IOException {
      List<Path> parts;
      try (Stream<Path> s = Files.list(dir)) {
        parts = s.sorted().toList();
      }
      try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
        for (Path p : parts) {
          w.write(Files.readString(p, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw Failure.naming(target, e);
      }
    }

    private static String summary(Written t) {
      Counters c = t.counters();
      RunStats s = t.stats();
      return String.format(Locale.ROOT, "dataframe: %,d bytes, %,d rows, %,d groups, %,d output"
          + " rows, %.3f s (plan %.3f, map %.3f, reduce %.3f), engine %s, %s",
          c.get(Counters.BYTES_READ), c.get(Counters.RECORDS_READ),
          c.get(Counters.DISTINCT_KEYS), t.size(), seconds(s.total()),
          seconds(s.plan()), seconds(s.map()), seconds(s.reduce()), s.consoleEngine(), s.workerCount());
    }

    private static double seconds(Duration d) {
      return d.toNanos() / 1e9;
    }
  }

  /** Parses {@code --memory}: a whole number of bytes with an optional k, m or g suffix. */
  static final class MemoryConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      int suffix = value.isEmpty() ? -1 : "kmg".indexOf(Character.toLowerCase(
          value.charAt(value.length() - 1)));
      try {
        long number = Long.parseLong(suffix < 0 ? value : value.substring(0, value.length() - 1));
        return Math.multiplyExact(number, 1L << (10 * (suffix + 1)));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a size; use a"
            + " whole number of bytes with an optional k, m or g suffix, such as 512m or 2g");
      }
    }
  }
}
