package org.forkreduce.examples.dataframe.group;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.forkreduce.JobResult;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.expr.AggCall;
import org.forkreduce.examples.dataframe.expr.Expr;
import org.forkreduce.examples.dataframe.table.ResultColumn;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.forkreduce.examples.dataframe.table.SortedCsv;
import org.forkreduce.examples.dataframe.table.UnsortedTable;
import org.forkreduce.examples.dataframe.table.Written;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.stats.Counters;

/**
 * The result's rows, made on the driver from the job's blocks: one row per group, or one per
 * value of a top() column, appended as the groups come and then sorted by the group columns
 * ({@link UnsortedTable}).
 */
public final class ResultRows {
  /**
   * Builds the rows of the groups, one per group or one per value of a top() column, draining
   * {@code blocks}: each partition's blocks are let go as soon as their rows are made, so the
   * result and the table are never both held whole. The table carries the job's counters and
   * stats, with {@link Counters#DISTINCT_KEYS} the number of groups.
   */
  public static ResultTable table(List<String> groupColumns, Map<String, ColumnType> types,
      List<Expr.Named> exprs, List<AggCall> calls, JobResult<Integer, GroupBlock> blocks) {
    List<List<GroupBlock.Part>> partitions = distinct(blocks);
    long groups = partitions.stream().mapToLong(ResultRows::groups).sum();
    ResultRows b = new ResultRows(groupColumns, types, exprs, calls,
        (int) Math.min(Integer.MAX_VALUE - 8, groups));
    for (int p = 0; p < partitions.size(); p++) {
      b.addAll(partitions.get(p));
      partitions.set(p, null); // let the blocks go as their rows are made
    }
    return b.table.sorted(b.size, counters(blocks, groups), blocks.stats());
  }

  /**
   * Writes the rows of the groups as CSV, as {@link #table} would make them and {@link
   * ResultTable#writeCsv} write them, but one block at a time from {@code blocks}' {@link
   * JobResult#stream()} (each group's block once, as a result that is not in memory has them),
   * ordered by the group columns through an external sort within {@code budgetBytes} that puts
   * its runs in {@code tempDir} ({@link SortedCsv}). So no more than a block's rows and the
   * sort's budget are held at a time.
   */
  public static Written writeCsv(List<String> groupColumns, Map<String, ColumnType> types,
      List<Expr.Named> exprs, List<AggCall> calls, JobResult<Integer, GroupBlock> blocks,
      long budgetBytes, Path tempDir, Appendable out) throws IOException {
    String header = new ResultRows(groupColumns, types, exprs, calls, 0).table.csvHeader();
    try (Stream<Map.Entry<Integer, GroupBlock>> entries = blocks.stream()) {
      Lines lines = new Lines(entries.iterator(),
          groups -> new ResultRows(groupColumns, types, exprs, calls, groups));
      long rows = SortedCsv.write(header, lines, budgetBytes, tempDir, out);
      return new Written(counters(blocks, lines.groups), blocks.stats(), rows, false);
    }
  }

  /**
   * The lines of the blocks' rows, a block's made when the one before has been read: not
   * Stream.flatMap, whose iterator would take in a whole block's lines at once.
   */
  private static final class Lines implements Iterator<Map.Entry<byte[], String>> {
    private final Iterator<Map.Entry<Integer, GroupBlock>> blocks;
    /** Makes the rows for a number of groups. */
    private final IntFunction<ResultRows> rows;
    private final GroupBlock.Probe probe = new GroupBlock.Probe();
    private Iterator<Map.Entry<byte[], String>> block = Collections.emptyIterator();
    private long groups;
    private long lines;

    Lines(Iterator<Map.Entry<Integer, GroupBlock>> blocks, IntFunction<ResultRows> rows) {
      this.blocks = blocks;
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      while (!block.hasNext() && blocks.hasNext()) {
        List<GroupBlock.Part> parts = distinct(blocks.next().getValue(), probe);
        groups += groups(parts);
        ResultRows b = rows.apply((int) groups(parts));
        b.addAll(parts);
        block = b.table.lines(b.size, lines).iterator();
        lines += b.size;
      }
      return block.hasNext();
    }

    @Override
    public Map.Entry<byte[], String> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return block.next();
    }
  }

  private static long groups(List<GroupBlock.Part> parts) {
    return parts.stream().mapToLong(GroupBlock.Part::groups).sum();
  }

  /** The job's counters, with {@link Counters#DISTINCT_KEYS} the number of groups. */
  private static Counters counters(JobResult<Integer, GroupBlock> blocks, long groups) {
    CounterSet counters = new CounterSet();
    blocks.counters().asMap().forEach(counters::add);
    // the framework counted blocks, its keys
    counters.add(Counters.DISTINCT_KEYS, groups - blocks.counters().get(Counters.DISTINCT_KEYS));
    return counters.snapshot();
  }

  /** Block's groups, each once ({@link GroupBlock#distinct}), their costly results worked out. */
  private static List<GroupBlock.Part> distinct(GroupBlock block, GroupBlock.Probe probe) {
    List<GroupBlock.Part> parts = block.distinct(probe);
    parts.forEach(part -> part.block().prepareResults());
    return parts;
  }

  /** Adds the rows of the groups {@code parts} hold. */
  private void addAll(List<GroupBlock.Part> parts) {
    for (GroupBlock.Part part : parts) {
      GroupBlock block = part.block();
      for (int g = part.gone().nextClearBit(0); g < block.size();
          g = part.gone().nextClearBit(g + 1)) {
        add(block, g);
      }
    }
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
        partitions.set(p, distinct(all.get(p), probe));
      }
    });
    return partitions;
  }

  private final List<Expr.Named> exprs;
  private final int keys;
  private final int topExpr;
  private final UnsortedTable table;
  private final ResultColumn[] cells;
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

  private ResultRows(List<String> groupColumns, Map<String, ColumnType> types,
      List<Expr.Named> exprs, List<AggCall> calls, int expected) {
    List<String> header = new ArrayList<>(groupColumns);
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
    table = new UnsortedTable(header, keys, expected);
    cells = table.columns();
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
}
