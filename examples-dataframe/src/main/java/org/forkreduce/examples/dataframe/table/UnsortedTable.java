package org.forkreduce.examples.dataframe.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/**
 * A result's columns while its rows are appended, in the order the groups come; {@link #sorted}
 * orders the rows by the group columns into the {@link ResultTable}.
 */
public final class UnsortedTable {
  private final List<String> header;
  /** The group columns are the first {@code keys}. */
  private final int keys;
  private final ResultColumn[] cells;

  /** Columns named {@code header}, the first {@code keys} the group's, for about {@code rows}. */
  public UnsortedTable(List<String> header, int keys, int rows) {
    this.header = List.copyOf(header);
    this.keys = keys;
    cells = new ResultColumn[header.size()];
    Arrays.setAll(cells, c -> new ResultColumn(rows));
  }

  /** The columns, in header order, to append the cells of each row to. */
  public ResultColumn[] columns() {
    return cells;
  }

  /**
   * The table of the first {@code size} rows, sorted by the group columns, with the job's
   * counters and stats. The columns must not be used afterwards.
   */
  public ResultTable sorted(int size, Counters counters, RunStats stats) {
    List<int[]> spare = new ArrayList<>();
    int[] order = sortOrder(cells, keys, size, spare);
    // two threads, each permuting every other column through its own scratch arrays, the
    // sort's spare ones for the text columns' codes
    IntStream.range(0, 2).parallel().forEach(t -> {
      ResultColumn.Scratch scratch = new ResultColumn.Scratch(t < spare.size() ? spare.get(t)
          : null);
      for (int c = t; c < cells.length; c += 2) {
        cells[c] = cells[c].permute(order, scratch);
      }
    });
    return new ResultTable(header, cells, size, counters, stats);
  }

  /**
   * The first {@code size} rows as CSV lines, each with the key that orders it as {@link #sorted}
   * orders the rows ({@link SortedLine}), made as the stream is read; row r is numbered {@code
   * first + r} for ties, so that the rows of several tables, numbered on from one to the next,
   * sort as one table would. A sequential stream; the columns must not change while it is read.
   */
  public Stream<Map.Entry<byte[], String>> lines(int size, long first) {
    ResultColumn.Printed[] last = ResultTable.printed(cells.length);
    Object[] values = new Object[keys];
    return IntStream.range(0, size).mapToObj(r -> {
      StringBuilder line = new StringBuilder();
      try {
        ResultTable.appendCsv(cells, r, line, last);
      } catch (IOException e) { // from a StringBuilder: never
        throw new UncheckedIOException(e);
      }
      for (int k = 0; k < keys; k++) {
        values[k] = cells[k].get(r);
      }
      return SortedLine.of(values, first + r, line.toString());
    });
  }

  /** The header line, without the line break. */
  public String csvHeader() throws IOException {
    return ResultTable.csvHeader(header).toString();
  }

  /**
   * The rows' order by their first {@code n} columns: a stable least-significant-column-first
   * radix sort on each column's ranks, so the sort itself compares nothing and touches only int
   * arrays; rows equal on all group columns (the values of one top() group) keep their order.
   * The next column's ranks are found on another thread while a pass sorts by this one's, into
   * the one of two arrays the pass does not read: two arrays of ranks for any number of columns.
   * The int arrays of {@code size} the sort no longer needs are added to {@code spare}.
   */
  private static int[] sortOrder(ResultColumn[] cells, int n, int size, List<int[]> spare) {
    int[] order = new int[size];
    Arrays.setAll(order, i -> i);
    if (n == 0) {
      return order;
    }
    int[] next = new int[size];
    int[][] buffers = {new int[size], n > 1 ? new int[size] : null};
    CompletableFuture<ResultColumn.Ranks> coming =
        CompletableFuture.completedFuture(cells[n - 1].ranks(buffers[0]));
    for (int c = n - 1; c >= 0; c--) {
      ResultColumn.Ranks ranks = coming.join();
      if (c > 0) {
        ResultColumn column = cells[c - 1];
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
}
