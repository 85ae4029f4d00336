package org.forkreduce.examples.dataframe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.forkreduce.CsvOptions;
import org.forkreduce.Engine;
import org.forkreduce.ForkReduceException;
import org.forkreduce.InputException;
import org.forkreduce.Inputs;
import org.forkreduce.examples.dataframe.table.ResultTable;
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
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

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

    @Option(names = "--output", paramLabel = "FILE.csv",
        description = "Write the result here (default: stdout).")
    Path output;

    @Option(names = "--on-bad-record", defaultValue = "fail", paramLabel = "fail|skip",
        description = "fail (default): stop at the first bad record; skip: count bad records"
            + " and write them to FILE.csv.rejects (or groupby.rejects without --output).")
    String onBadRecord;

    @Option(names = "--type", paramLabel = "COL=TYPE",
        description = "Declare a column's type: long, double or string. Repeatable.")
    Map<String, String> typeNames = new HashMap<>();

    @Option(names = "--delimiter", defaultValue = ",", description = "Field delimiter.")
    char delimiter;

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
      } catch (InputException | IllegalArgumentException | IllegalStateException e) {
        err.println("dataframe: " + e.getMessage());
        return EXIT_USAGE;
      } catch (ForkReduceException | IOException e) {
        err.println("dataframe: " + e.getMessage());
        return EXIT_FAILED;
      }
    }

    private String validate(int n) {
      if (n < 1) {
        return "--workers must be at least 1, got " + n;
      }
      if (!onBadRecord.equals("fail") && !onBadRecord.equals("skip")) {
        return "--on-bad-record must be fail or skip, got '" + onBadRecord + "'";
      }
      return null;
    }

    private int groupBy(int n, Path rejectsDir) throws IOException {
      CsvOptions options = CsvOptions.defaults().delimiter(delimiter);
      if (rejectsDir != null) {
        options = options.skipBadRecords(rejectsDir);
      }
      DataFrame df = DataFrame.csv(options, inputs.toArray(Path[]::new));
      for (Map.Entry<String, String> t : typeNames.entrySet()) {
        df = df.type(t.getKey(), type(t.getValue()));
      }
      DataFrame.Aggregation agg = df.groupBy(by.toArray(String[]::new))
          .agg(aggs.toArray(String[]::new));
      ResultTable table;
      try (Engine e = Engine.named(engine, n, master)) {
        table = agg.run(e);
      }
      write(table);
      long bad = table.counters().get(Counters.BAD_RECORDS);
      if (bad > 0) {
        Path rejects = output != null ? Path.of(output + ".rejects") : Path.of("groupby.rejects");
        collectRejects(rejectsDir, rejects);
        err.println("dataframe: " + bad + " bad records skipped, written to " + rejects);
      }
      List<String> streams = inputs.stream().map(Inputs::streamLabel).filter(l -> l != null)
          .toList();
      err.println(summary(table) + (streams.isEmpty() ? "" : ", input " + String.join(", ",
          streams)));
      return 0;
    }

    private static ColumnType type(String name) {
      try {
        return ColumnType.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--type takes long, double or string, got '" + name
            + "'");
      }
    }

    private void write(ResultTable table) throws IOException {
      if (output == null) {
        StringBuilder sb = new StringBuilder();
        table.writeCsv(sb);
        out.print(sb);
        out.flush();
        return;
      }
      Path target = output.toAbsolutePath();
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(temp,
            StandardCharsets.UTF_8))) {
          table.writeCsv(w);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
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
      }
    }

    private static String summary(ResultTable t) {
      Counters c = t.counters();
      RunStats s = t.stats();
      return String.format(Locale.ROOT, "dataframe: %,d bytes, %,d rows, %,d groups, %,d output"
          + " rows, %.3f s (plan %.3f, map %.3f, reduce %.3f), engine %s, %d workers",
          c.get(Counters.BYTES_READ), c.get(Counters.RECORDS_READ),
          c.get(Counters.DISTINCT_KEYS), t.size(), seconds(s.total()),
          seconds(s.plan()), seconds(s.map()), seconds(s.reduce()), s.engine(), s.workers());
    }

    private static double seconds(Duration d) {
      return d.toNanos() / 1e9;
    }
  }
}
