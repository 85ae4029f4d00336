package org.forkreduce.examples.dataframe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/**
 * A group-by result: a header and rows, ordered by the group columns ascending (NA first,
 * numbers by value, text by UTF-16 order). Values are Long, Double, String or null (NA).
 */
public final class Table {
  private final List<String> columns;
  private final List<Object[]> rows;
  private final Counters counters;
  private final RunStats stats;

  Table(List<String> columns, List<Object[]> rows, Counters counters, RunStats stats) {
    this.columns = List.copyOf(columns);
    this.rows = Collections.unmodifiableList(rows);
    this.counters = counters;
    this.stats = stats;
  }

  Table withRun(Counters counters, RunStats stats) {
    return new Table(columns, rows, counters, stats);
  }

  /** The counters of the job that computed the table (rows read, bad records, ...). */
  public Counters counters() {
    return counters;
  }

  /** How the job ran. */
  public RunStats stats() {
    return stats;
  }

  /** Builds the rows of the groups: one per group, or one per value of a top() column. */
  static Table of(List<String> groupColumns, Map<String, ColumnType> types,
      List<Expr.Named> exprs, List<AggCall> calls, Map<GroupKey, State[]> groups) {
    List<String> header = new ArrayList<>(groupColumns);
    exprs.forEach(e -> header.add(e.name()));
    int topExpr = -1;
    for (int i = 0; i < exprs.size(); i++) {
      if (exprs.get(i).top() != null) {
        topExpr = i;
      }
    }
    List<Object[]> rows = new ArrayList<>(groups.size());
    StringCache strings = new StringCache();
    ColumnType[] keyTypes = new ColumnType[groupColumns.size()];
    Arrays.setAll(keyTypes, i -> types.getOrDefault(groupColumns.get(i), ColumnType.STRING));
    Map<AggCall, Integer> callIndex = new IdentityHashMap<>();
    for (int c = 0; c < calls.size(); c++) {
      callIndex.put(calls.get(c), c);
    }
    for (Map.Entry<GroupKey, State[]> g : groups.entrySet()) {
      Object[] results = new Object[calls.size()];
      for (int c = 0; c < results.length; c++) {
        results[c] = g.getValue()[c].result();
      }
      Object[] base = new Object[header.size()];
      g.getKey().decode(base, keyTypes, strings);
      for (int e = 0; e < exprs.size(); e++) {
        if (e != topExpr) {
          base[groupColumns.size() + e] = exprs.get(e).expr().eval(c -> results[callIndex.get(c)]);
        }
      }
      if (topExpr < 0) {
        rows.add(base);
        continue;
      }
      Object[] tops = (Object[]) results[callIndex.get(exprs.get(topExpr).top())];
      for (Object top : tops) {
        Object[] row = base.clone();
        row[groupColumns.size() + topExpr] = top;
        rows.add(row);
      }
    }
    return new Table(header, sortByGroup(rows, groupColumns.size()), null, null);
  }

  /**
   * Sorts rows by their first {@code n} cells. Comparing cells chases pointers to boxed numbers
   * and strings, which dominates on millions of rows; instead each group column's distinct
   * values are ranked once (one hash lookup per cell) and a row's ranks are packed into two
   * longs, so the sort compares primitives. Rows whose ranks do not fit in 126 bits fall back to
   * comparing cells.
   */
  private static List<Object[]> sortByGroup(List<Object[]> rows, int n) {
    Ranks[] ranks = new Ranks[n];
    int[] bits = new int[n];
    int total = 0;
    for (int c = 0; c < n; c++) {
      ranks[c] = ranks(rows, c);
      bits[c] = 64 - Long.numberOfLeadingZeros(Math.max(1, ranks[c].distinct() - 1));
      total += bits[c];
    }
    if (total > 126) {
      rows.sort(byGroup(n));
      return rows;
    }
    record Keyed(long hi, long lo, Object[] row) {}
    Keyed[] keyed = new Keyed[rows.size()];
    for (int i = 0; i < keyed.length; i++) {
      long hi = 0;
      long lo = 0;
      for (int c = 0; c < n; c++) {
        hi = (hi << bits[c]) | (lo >>> (63 - bits[c]));
        lo = ((lo << bits[c]) | ranks[c].ofRow()[i]) & Long.MAX_VALUE;
      }
      keyed[i] = new Keyed(hi, lo, rows.get(i));
    }
    Arrays.parallelSort(keyed, (x, y) -> x.hi != y.hi ? Long.compare(x.hi, y.hi)
        : Long.compare(x.lo, y.lo));
    List<Object[]> sorted = new ArrayList<>(keyed.length);
    for (Keyed k : keyed) {
      sorted.add(k.row());
    }
    return sorted;
  }

  /** Each row's rank among the {@code distinct} values of one cell. */
  private record Ranks(int[] ofRow, int distinct) {}

  /** The ranks of cell {@code c} among its distinct values (NA first). */
  private static Ranks ranks(List<Object[]> rows, int c) {
    Map<Object, Integer> ids = new HashMap<>();
    List<Object> values = new ArrayList<>();
    int[] rowIds = new int[rows.size()];
    for (int i = 0; i < rowIds.length; i++) {
      Object v = rows.get(i)[c] == null ? NA : rows.get(i)[c];
      Integer id = ids.get(v); // not putIfAbsent: that would box an id for every row
      if (id == null) {
        id = values.size();
        ids.put(v, id);
        values.add(v);
      }
      rowIds[i] = id;
    }
    Integer[] byValue = new Integer[values.size()];
    Arrays.setAll(byValue, i -> i);
    Arrays.sort(byValue, (x, y) -> compareNullable(values.get(x), values.get(y)));
    int[] rankOfId = new int[byValue.length];
    for (int r = 0; r < byValue.length; r++) {
      rankOfId[byValue[r]] = r;
    }
    for (int i = 0; i < rowIds.length; i++) {
      rowIds[i] = rankOfId[rowIds[i]];
    }
    return new Ranks(rowIds, values.size());
  }

  /** Stands for NA among a column's distinct values; sorts first. */
  private static final Object NA = new Object();

  private static int compareNullable(Object x, Object y) {
    return compare(x == NA ? null : x, y == NA ? null : y);
  }

  private static Comparator<Object[]> byGroup(int n) {
    return (a, b) -> {
      for (int i = 0; i < n; i++) {
        int c = compare(a[i], b[i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  private static int compare(Object x, Object y) {
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

  /** The rows; each array is in {@link #columns()} order. */
  public List<Object[]> rows() {
    return rows;
  }

  /** Writes the table as CSV: a header, then the rows; NA as an empty field. */
  public void writeCsv(Appendable out) throws IOException {
    // cell by cell through the format: a CSVPrinter takes a lock for every cell and record
    CSVFormat format = CSVFormat.RFC4180;
    for (int i = 0; i < columns.size(); i++) {
      format.print(columns.get(i), out, i == 0);
    }
    out.append('\n');
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        format.print(format(row[i]), out, i == 0);
      }
      out.append('\n');
    }
  }

  /** A cell as CSV text; NA is null, which prints as an empty field. */
  static String format(Object value) {
    return value == null ? null : value instanceof Double d ? Doubles.shortest(d)
        : value.toString();
  }
}
