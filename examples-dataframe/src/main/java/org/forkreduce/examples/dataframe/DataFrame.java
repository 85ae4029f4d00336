package org.forkreduce.examples.dataframe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.Engine;
import org.forkreduce.Input;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.examples.dataframe.expr.AggCall;
import org.forkreduce.examples.dataframe.expr.Expr;
import org.forkreduce.examples.dataframe.group.BlockReducer;
import org.forkreduce.examples.dataframe.group.GroupBlock;
import org.forkreduce.examples.dataframe.group.GroupByMapper;
import org.forkreduce.examples.dataframe.group.ResultRows;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.forkreduce.examples.dataframe.table.Written;

/**
 * A small DataFrame-style API over CSV files, run as a ForkReduce job on any engine:
 *
 * <pre>{@code
 * ResultTable t = DataFrame.csv(Path.of("G1.csv"))
 *     .groupBy("id1", "id2")
 *     .agg("sum(v1)", "max(v1) - min(v2) AS range_v1_v2")
 *     .run(engine);
 * }</pre>
 *
 * <p>An empty field is NA: aggregates ignore it ({@code count(col)} counts non-NA values,
 * {@code count()} counts rows) and NA keys form their own group. Column types are inferred from
 * the first rows or declared with {@link #type}.
 */
public final class DataFrame {
  private final Input<CsvRow> input;
  private final Path[] paths;
  private final CsvOptions options;
  private final Map<String, ColumnType> declared;

  private DataFrame(Path[] paths, CsvOptions options, Map<String, ColumnType> declared) {
    this.input = Inputs.csv(options, paths);
    this.paths = paths.clone();
    this.options = options;
    this.declared = Map.copyOf(declared);
  }

  /** The CSV files (or directories of them), RFC 4180 with a header line. */
  public static DataFrame csv(Path... paths) {
    return csv(CsvOptions.defaults(), paths);
  }

  /** The CSV files read with {@code options} (delimiter, quote, bad-record policy). */
  public static DataFrame csv(CsvOptions options, Path... paths) {
    return new DataFrame(paths, options, Map.of());
  }

  /** Declares a column's type instead of inferring it. */
  public DataFrame type(String column, ColumnType type) {
    Map<String, ColumnType> types = new HashMap<>(declared);
    types.put(column, type);
    return new DataFrame(paths, options, types);
  }

  /** Groups by the columns (none: one group of all rows). */
  public GroupBy groupBy(String... columns) {
    return new GroupBy(List.of(columns));
  }

  /** A grouping waiting for its aggregates. */
  public final class GroupBy {
    private final List<String> columns;

    private GroupBy(List<String> columns) {
      this.columns = columns;
    }

    /**
     * The aggregate expressions, each {@code EXPR [AS name]}: {@code count()}, {@code count(c)},
     * {@code sum mean min max median stddev var first(c)}, {@code top(c, n)}, {@code corr(a, b)},
     * and arithmetic over them ({@code max(v1) - min(v2)}, {@code pow(corr(v1, v2), 2)}).
     *
     * @throws IllegalArgumentException naming the position of a syntax error
     */
    public Aggregation agg(String... expressions) {
      List<Expr.Named> exprs = new ArrayList<>();
      for (String e : expressions) {
        exprs.add(Expr.parse(e));
      }
      if (exprs.stream().filter(e -> e.top() != null).count() > 1) {
        throw new IllegalArgumentException("at most one top(col, n) per group-by");
      }
      return new Aggregation(columns, exprs);
    }
  }

  /** A group-by with its aggregates, ready to run. */
  public final class Aggregation {
    private final List<String> groupColumns;
    private final List<Expr.Named> exprs;
    private Map<String, ColumnType> types;
    private long splitSize;
    private long memoryBudget;

    private Aggregation(List<String> groupColumns, List<Expr.Named> exprs) {
      this.groupColumns = groupColumns;
      this.exprs = exprs;
    }

    /**
     * The types of the columns used: declared, or inferred once from the first rows.
     *
     * @throws org.forkreduce.InputException before any work when a column used is not in the
     *     files, or their headers are not one, or name a column twice
     */
    Map<String, ColumnType> types() {
      if (types == null) {
        try {
          Set<String> columns = new LinkedHashSet<>(groupColumns);
          calls().forEach(c -> columns.addAll(c.columns()));
          types = Schema.infer(options, paths, columns, new HashSet<>(groupColumns), declared);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the input to infer column types", e);
        }
      }
      return types;
    }

    /** Sets the split size in bytes (default: derived from the input and the workers). */
    public Aggregation splitSize(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("split size must be positive, got " + bytes);
      }
      this.splitSize = bytes;
      return this;
    }

    /**
     * Sets the job's memory budget per JVM in bytes ({@link Job#memoryBudget(long)}; default:
     * {@value Job#DEFAULT_BUDGET_PERCENT}% of each JVM's maximum heap). A run fails with an
     * {@link IllegalArgumentException} if it is below 1 MB.
     */
    public Aggregation memoryBudget(long bytes) {
      this.memoryBudget = bytes;
      return this;
    }

    /** The ForkReduce job this aggregation runs. */
    Job<CsvRow, Integer, GroupBlock> job() {
      Job<CsvRow, Integer, GroupBlock> job = Job.of(input).mapper(new GroupByMapper(groupColumns,
          calls(), types(), options.rejectsDir())).reducer(new BlockReducer());
      job = memoryBudget > 0 ? job.memoryBudget(memoryBudget) : job;
      return splitSize > 0 ? job.splitSize(splitSize) : job;
    }

    /**
     * Runs on {@code engine} and returns the table, with the job's counters and stats; the
     * job's result, and any files it had, are gone by then.
     *
     * @throws IllegalStateException when the groups do not fit the driver's memory budget
     *     ({@link #memoryBudget}), as soon as the job has run: write them with {@link #writeCsv}
     *     instead, which streams them
     */
    public ResultTable run(Engine engine) {
      Job<CsvRow, Integer, GroupBlock> job = job();
      try (JobResult<Integer, GroupBlock> blocks = job.run(engine)) {
        if (!blocks.inMemory()) {
          throw new IllegalStateException("the group-by's groups do not fit the driver's memory"
              + " budget of " + (job.memoryBudget() >> 20) + " MB, so run() cannot hold them as"
              + " a table; write them with writeCsv(engine, out), which streams them in group"
              + " order (on the command line: --output FILE.csv, or stdout), or give the driver"
              + " more memory (-Xmx, or memoryBudget)");
        }
        return ResultRows.table(groupColumns, types(), exprs, calls(), blocks);
      }
    }

    /**
     * Runs on {@code engine} and writes the result to {@code out} as CSV: a header, then a line
     * per row ordered by the group columns, NA as an empty field; the same text {@link #run}'s
     * table writes ({@link ResultTable#writeCsv}). Groups that do not fit the driver's memory
     * budget ({@link #memoryBudget}) are written from the job's partitions, one at a time,
     * through an external sort within that budget whose sorted runs go to a private directory in
     * {@code java.io.tmpdir}, removed when done. Lines are appended as they are sorted, so a
     * failure midway may leave part of the text in {@code out}. The job's result, and any files
     * it had, are gone when this returns.
     *
     * @return the job's counters and stats, and the number of rows written
     */
    public Written writeCsv(Engine engine, Appendable out) throws IOException {
      Job<CsvRow, Integer, GroupBlock> job = job();
      try (JobResult<Integer, GroupBlock> blocks = job.run(engine)) {
        if (blocks.inMemory()) {
          ResultTable table = ResultRows.table(groupColumns, types(), exprs, calls(), blocks);
          table.writeCsv(out);
          return new Written(table.counters(), table.stats(), table.size(), true);
        }
        return ResultRows.writeCsv(groupColumns, types(), exprs, calls(), blocks,
            job.memoryBudget(), Path.of(System.getProperty("java.io.tmpdir")), out);
      }
    }

    private List<AggCall> calls() {
      List<AggCall> calls = new ArrayList<>();
      exprs.forEach(e -> e.expr().calls(calls));
      return calls;
    }
  }
}
