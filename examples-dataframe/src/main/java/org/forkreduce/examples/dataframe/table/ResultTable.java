package org.forkreduce.examples.dataframe.table;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.csv.CSVFormat;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/**
 * A group-by result: a header and rows, ordered by the group columns ascending (NA first,
 * numbers by value, text by UTF-16 order). Values are Long, Double, String or null (NA).
 * Cells are held column by column ({@link ResultColumn}); a row is assembled when it is asked for.
 */
public final class ResultTable {
  private final List<String> columns;
  private final ResultColumn[] cells;
  private final int size;
  private final Counters counters;
  private final RunStats stats;

  ResultTable(List<String> columns, ResultColumn[] cells, int size, Counters counters,
      RunStats stats) {
    this.columns = List.copyOf(columns);
    this.cells = cells;
    this.size = size;
    this.counters = counters;
    this.stats = stats;
  }

  /** The counters of the job that computed the table (rows read, bad records, ...). */
  public Counters counters() {
    return counters;
  }

  /** How the job ran. */
  public RunStats stats() {
    return stats;
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
        values[c] = ResultTable.this.get(row, c);
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
    out.append(csvHeader(columns)).append('\n');
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

  /** The header line of a table of {@code columns}, without the line break. */
  static StringBuilder csvHeader(List<String> columns) throws IOException {
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      FORMAT.print(columns.get(i), header, i == 0);
    }
    return header;
  }

  /** Rows {@code [from, to)} as CSV lines. */
  private StringBuilder csv(int from, int to) throws IOException {
    StringBuilder lines = new StringBuilder();
    ResultColumn.Printed[] last = printed(cells.length);
    for (int row = from; row < to; row++) {
      appendCsv(cells, row, lines, last);
      lines.append('\n');
    }
    return lines;
  }

  /** What each of {@code columns} columns printed last, for {@link #appendCsv}. */
  static ResultColumn.Printed[] printed(int columns) {
    ResultColumn.Printed[] last = new ResultColumn.Printed[columns];
    Arrays.setAll(last, c -> new ResultColumn.Printed());
    return last;
  }

  /** Appends {@code row} of {@code cells} as a CSV line, without the line break. */
  static void appendCsv(ResultColumn[] cells, int row, StringBuilder out,
      ResultColumn.Printed[] last) throws IOException {
    for (int c = 0; c < cells.length; c++) {
      cells[c].appendCsv(row, out, FORMAT, c == 0, last[c]);
    }
  }
}
