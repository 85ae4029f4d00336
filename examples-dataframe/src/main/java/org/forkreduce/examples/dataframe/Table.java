package org.forkreduce.examples.dataframe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.forkreduce.JobResult;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/**
 * A group-by result: a header and rows, ordered by the group columns ascending (NA first,
 * numbers by value, text by UTF-16 order). Values are Long, Double, String or null (NA).
 * Cells are held column by column ({@link Column}); a row is assembled when it is asked for.
 */
public final class Table {
  private final List<String> columns;
  private final Column[] cells;
  private final int size;
  private final Counters counters;
  private final RunStats stats;

  private Table(List<String> columns, Column[] cells, int size, Counters counters,
      RunStats stats) {
    this.columns = List.copyOf(columns);
    this.cells = cells;
    this.size = size;
    this.counters = counters;
    this.stats = stats;
  }

  Table withRun(Counters counters, RunStats stats) {
    return new Table(columns, cells, size, counters, stats);
  }

  /** The counters of the job that computed the table (rows read, bad records, ...). */
  public Counters counters() {
    return counters;
  }

  /** How the job ran. */
  public RunStats stats() {
    return stats;
  }

  /**
   * Builds the rows of the groups, one per group or one per value of a top() column, draining
   * {@code blocks}: each partition's blocks are let go as soon as their rows are made, so the
   * result and the table are never both held whole. The table carries the job's counters and
   * stats, with {@link Counters#DISTINCT_KEYS} the number of groups.
   */
  static Table of(List<String> groupColumns, Map<String, ColumnType> types,
      List<Expr.Named> exprs, List<AggCall> calls, JobResult<Integer, GroupBlock> blocks) {
    List<List<GroupBlock.Part>> partitions = distinct(blocks);
    long groups = partitions.stream().flatMap(List::stream)
        .mapToLong(GroupBlock.Part::groups).sum();
    Builder b = new Builder(groupColumns, types, exprs, calls,
        (int) Math.min(Integer.MAX_VALUE - 8, groups));
    for (int p = 0; p < partitions.size(); p++) {
      for (GroupBlock.Part part : partitions.get(p)) {
        GroupBlock block = part.block();
        for (int g = part.gone().nextClearBit(0); g < block.size();
            g = part.gone().nextClearBit(g + 1)) {
          b.add(block, g);
        }
      }
      partitions.set(p, null); // let the blocks go as their rows are made
    }
    CounterSet counters = new CounterSet();
    blocks.counters().asMap().forEach(counters::add);
    // the framework counted blocks, its keys
    counters.add(Counters.DISTINCT_KEYS, groups - blocks.counters().get(Counters.DISTINCT_KEYS));
    return b.build().withRun(counters.snapshot(), blocks.stats());
  }

  /**
   * Each partition's blocks with each group once ({@link GroupBlock#distinct}) and the costly
   * results (medians) worked out, on all cores: a thread takes every other partition, through
   * one index it reuses. Drains {@code blocks}: the list holds them from then on.
   */
  private static List<List<GroupBlock.Part>> distinct(JobResult<Integer, GroupBlock> blocks) {
    List<GroupBlock> all = new ArrayList<>();
    blocks.drain((partition, block) -> all.add(block));
    List<List<GroupBlock.Part>> partitions = new ArrayList<>(Collections.nCopies(all.size(),
        null));
    int threads = Runtime.getRuntime().availableProcessors();
    IntStream.range(0, threads).parallel().forEach(t -> {
      GroupBlock.Probe probe = new GroupBlock.Probe();
      for (int p = t; p < all.size(); p += threads) {
        List<GroupBlock.Part> parts = all.get(p).distinct(probe);
        parts.forEach(part -> part.block().prepareResults());
        partitions.set(p, parts);
      }
    });
    return partitions;
  }

  /** Rows as they are made, one group at a time. */
  private static final class Builder {
    private final List<String> header;
    private final List<Expr.Named> exprs;
    private final int keys;
    private final int topExpr;
    private final Column[] cells;
    private final ColumnType[] keyTypes;
    /** By equality: an aggregate used by several expressions is computed once (calls()). */
    private final Map<AggCall, Integer> callIndex = new HashMap<>();
    private final Object[] results;
    private final Function<AggCall, Object> result;
    /** The call of an expression that is one aggregate and nothing more, else -1. */
    private final int[] direct;
    /** The call of the top() expression, or -1 when there is none. */
    private final int topCall;
    private int size;

    Builder(List<String> groupColumns, Map<String, ColumnType> types, List<Expr.Named> exprs,
        List<AggCall> calls, int expected) {
      header = new ArrayList<>(groupColumns);
      exprs.forEach(e -> header.add(e.name()));
      this.exprs = exprs;
      keys = groupColumns.size();
      int top = -1;
      for (int i = 0; i < exprs.size(); i++) {
        if (exprs.get(i).top() != null) {
          top = i;
        }
      }
      topExpr = top;
      cells = new Column[header.size()];
      Arrays.setAll(cells, c -> new Column(expected));
      keyTypes = new ColumnType[keys];
      Arrays.setAll(keyTypes, i -> types.getOrDefault(groupColumns.get(i), ColumnType.STRING));
      for (int c = 0; c < calls.size(); c++) {
        callIndex.put(calls.get(c), c);
      }
      results = new Object[calls.size()];
      result = c -> results[callIndex.get(c)];
      direct = new int[exprs.size()];
      Arrays.setAll(direct, e -> exprs.get(e).expr() instanceof Expr.Agg a
          ? callIndex.get(a.call()) : -1);
      topCall = top < 0 ? -1 : callIndex.get(exprs.get(top).top());
    }

    /** Adds the rows of {@code block}'s group {@code g}. */
    void add(GroupBlock block, int g) {
      if (topCall >= 0) {
        addTops(block, g);
        return;
      }
      GroupKey.decode(block.keys(), block.from(g), cells, keyTypes);
      boolean computed = false;
      for (int e = 0; e < exprs.size(); e++) {
        if (direct[e] >= 0) {
          block.resultInto(direct[e], g, cells[keys + e]);
        } else {
          computed = computed || computeResults(block, g);
          cells[keys + e].add(exprs.get(e).expr().eval(result));
        }
      }
      size++;
    }

    /** One row per value of the top() column; the key and the other cells repeat. */
    private void addTops(GroupBlock block, int g) {
      computeResults(block, g);
      Object[] tops = (Object[]) results[topCall];
      for (int i = 0; i < tops.length; i++) {
        if (i == 0) {
          GroupKey.decode(block.keys(), block.from(g), cells, keyTypes);
        } else {
          for (int k = 0; k < keys; k++) {
            cells[k].repeatLast();
          }
        }
        for (int e = 0; e < exprs.size(); e++) {
          cells[keys + e].add(e == topExpr ? tops[i]
              : direct[e] >= 0 ? results[direct[e]] : exprs.get(e).expr().eval(result));
        }
        size++;
      }
    }

    /** Fills {@link #results} with group {@code g}'s; returns true. */
    private boolean computeResults(GroupBlock block, int g) {
      for (int c = 0; c < results.length; c++) {
        results[c] = block.result(c, g);
      }
      return true;
    }

    Table build() {
      List<int[]> spare = new ArrayList<>();
      int[] order = sortOrder(cells, keys, size, spare);
      // two threads, each permuting every other column through its own scratch arrays, the
      // sort's spare ones for the text columns' codes
      IntStream.range(0, 2).parallel().forEach(t -> {
        Column.Scratch scratch = new Column.Scratch(t < spare.size() ? spare.get(t) : null);
        for (int c = t; c < cells.length; c += 2) {
          cells[c] = cells[c].permute(order, scratch);
        }
      });
      return new Table(header, cells, size, null, null);
    }
  }

  /**
   * The rows' order by their first {@code n} columns: a stable least-significant-column-first
   * radix sort on each column's ranks, so the sort itself compares nothing and touches only int
   * arrays; rows equal on all group columns (the values of one top() group) keep their order.
   * The next column's ranks are found on another thread while a pass sorts by this one's, into
   * the one of two arrays the pass does not read: two arrays of ranks for any number of columns.
   * The int arrays of {@code size} the sort no longer needs are added to {@code spare}.
   */
  private static int[] sortOrder(Column[] cells, int n, int size, List<int[]> spare) {
    int[] order = new int[size];
    Arrays.setAll(order, i -> i);
    if (n == 0) {
      return order;
    }
    int[] next = new int[size];
    int[][] buffers = {new int[size], n > 1 ? new int[size] : null};
    CompletableFuture<Column.Ranks> coming =
        CompletableFuture.completedFuture(cells[n - 1].ranks(buffers[0]));
    for (int c = n - 1; c >= 0; c--) {
      Column.Ranks ranks = coming.join();
      if (c > 0) {
        Column column = cells[c - 1];
        int[] free = buffers[(n - c) % 2];
        coming = CompletableFuture.supplyAsync(() -> column.ranks(free));
      }
      int[] starts = new int[ranks.count() + 1];
      for (int r = 0; r < size; r++) {
        starts[ranks.ofRow()[r] + 1]++;
      }
      for (int r = 0; r < ranks.count(); r++) {
        starts[r + 1] += starts[r];
      }
      for (int row : order) {
        next[starts[ranks.ofRow()[row]]++] = row;
      }
      int[] t = order;
      order = next;
      next = t;
    }
    spare.add(next);
    spare.add(buffers[0]);
    return order;
  }

  /** Orders two cells: NA first, numbers by value, text by UTF-16 order. */
  static int compare(Object x, Object y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    if (x instanceof Long l && y instanceof Long m) {
      return Long.compare(l, m);
    }
    if (x instanceof Number p && y instanceof Number q) {
      return Double.compare(p.doubleValue(), q.doubleValue());
    }
    return x.toString().compareTo(y.toString());
  }

  public List<String> columns() {
    return columns;
  }

  /** The number of rows. */
  public int size() {
    return size;
  }

  /**
   * The cell of {@code row} in {@code column} (an index into {@link #columns()}): Long, Double,
   * String or null (NA); reads one cell where {@link #rows()} makes a row's array.
   *
   * @throws IndexOutOfBoundsException if the row or column is not in the table
   */
  public Object get(int row, int column) {
    Objects.checkIndex(row, size);
    return cells[column].get(row);
  }

  /** The rows; each array is in {@link #columns()} order, made anew on every read. */
  public List<Object[]> rows() {
    return new Rows();
  }

  private final class Rows extends AbstractList<Object[]> implements RandomAccess {
    @Override
    public Object[] get(int row) {
      Object[] values = new Object[cells.length];
      for (int c = 0; c < values.length; c++) {
        values[c] = Table.this.get(row, c);
      }
      return values;
    }

    @Override
    public int size() {
      return size;
    }
  }

  /**
   * Writes the table as CSV: a header, then the rows; NA as an empty field. Blocks of rows are
   * formatted on every core, a few blocks ahead of the one being written, and written in order.
   */
  public void writeCsv(Appendable out) throws IOException {
    writeCsv(out, BLOCK_ROWS);
  }

  private static final int BLOCK_ROWS = 1 << 16;

  void writeCsv(Appendable out, int blockRows) throws IOException {
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      FORMAT.print(columns.get(i), header, i == 0);
    }
    out.append(header).append('\n');
    int blocks = (int) ((size + (long) blockRows - 1) / blockRows);
    if (blocks <= 1) {
      out.append(csv(0, size));
      return;
    }
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "table-csv");
      t.setDaemon(true);
      return t;
    });
    try {
      Deque<Future<StringBuilder>> ahead = new ArrayDeque<>();
      for (int next = 0; next < blocks || !ahead.isEmpty(); ) {
        while (next < blocks && ahead.size() < 2 * threads) {
          int from = next++ * blockRows;
          ahead.add(pool.submit(() -> csv(from, Math.min(size, from + blockRows))));
        }
        out.append(text(ahead.poll()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A block's text, or what formatting it threw. */
  private static StringBuilder text(Future<StringBuilder> block) throws IOException {
    try {
      return block.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the table");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) e.getCause();
    }
  }

  // cell by cell through the format: a CSVPrinter takes a lock for every cell and record
  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  /** Rows {@code [from, to)} as CSV lines. */
  private StringBuilder csv(int from, int to) throws IOException {
    StringBuilder lines = new StringBuilder();
    Column.Printed[] last = new Column.Printed[cells.length];
    Arrays.setAll(last, c -> new Column.Printed());
    for (int row = from; row < to; row++) {
      for (int c = 0; c < cells.length; c++) {
        cells[c].appendCsv(row, lines, FORMAT, c == 0, last[c]);
      }
      lines.append('\n');
    }
    return lines;
  }
}
