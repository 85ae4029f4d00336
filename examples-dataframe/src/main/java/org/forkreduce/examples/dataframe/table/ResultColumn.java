package org.forkreduce.examples.dataframe.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;

/**
 * One column of a {@link ResultTable}, its cells in row order. Numbers live in one primitive array
 * (a double as its bits) and NA in a bit set, so ten million rows cost tens of megabytes, read in
 * address order, instead of boxed cells scattered over the heap. Text given as UTF-8 bytes ({@link
 * #addText}) is held as codes into the column's {@link TextDictionary}. A column holds longs until
 * it is given a double, or doubles until it is given a long; any other mix turns it into boxed
 * cells, so every cell reads back as the very value, of the very type, it was given.
 */
public final class ResultColumn {
  private enum Kind { NONE, LONG, DOUBLE, TEXT, BOXED }

  private Kind kind = Kind.NONE;
  private long[] bits;
  private Object[] boxed;
  /** A text column's cells, as codes into {@link #texts}. */
  private int[] codes;
  private TextDictionary texts;
  private final BitSet na = new BitSet();
  private int size;
  /** The room to make when the first value tells the column's kind. */
  private int initial;

  /**
   * An empty column with room for {@code capacity} cells, made when the first value tells of
   * which kind: a table's columns are made before any cell is, and room for ten million cells
   * of the wrong kind would be memory touched for nothing.
   */
  public ResultColumn(int capacity) {
    this(capacity, null);
  }

  /**
   * As {@link #ResultColumn(int)}, text coded into {@code texts} while it takes more values
   * (null: a dictionary made with the first text).
   */
  ResultColumn(int capacity, TextDictionary texts) {
    initial = Math.max(16, capacity);
    this.texts = texts;
  }

  /** A permuted column's: {@code cells} is its long[], Object[] or int[] of codes. */
  private ResultColumn(ResultColumn of, Object cells, int size) {
    this.kind = of.kind;
    this.bits = cells instanceof long[] l ? l : null;
    this.boxed = cells instanceof Object[] o ? o : null;
    this.codes = cells instanceof int[] c ? c : null;
    this.texts = of.texts;
    this.size = size;
  }

  int size() {
    return size;
  }

  /** Appends a long cell; as {@code add(Long)}, without the box while the column holds longs. */
  public void addLong(long value) {
    if (kind != Kind.LONG || size == bits.length) {
      add((Object) value);
      return;
    }
    bits[size++] = value;
  }

  /** Appends a double cell; as {@code add(Double)}, without the box in a column of doubles. */
  public void addDouble(double value) {
    if (kind != Kind.DOUBLE || size == bits.length) {
      add((Object) value);
      return;
    }
    bits[size++] = Double.doubleToRawLongBits(value);
  }

  /**
   * Appends a text cell, its UTF-8 bytes {@code b[from, from + length)}; as {@code add(String)},
   * without making the string while the column holds text.
   */
  public void addText(byte[] b, int from, int length) {
    if (kind == Kind.NONE) {
      becomes(Kind.TEXT);
    }
    int code = kind == Kind.TEXT ? texts.code(b, from, length) : -1;
    if (code < 0) { // another kind, or a dictionary full: boxed strings from here on
      add(new String(b, from, length, StandardCharsets.UTF_8));
      return;
    }
    if (size == codes.length) {
      grow();
    }
    codes[size++] = code;
  }

  /** Appends a copy of the last cell. */
  public void repeatLast() {
    if (kind != Kind.TEXT) {
      add(get(size - 1));
      return;
    }
    if (size == codes.length) {
      grow();
    }
    if (na.get(size - 1)) {
      na.set(size);
    }
    codes[size] = codes[size - 1];
    size++;
  }

  /** Appends a cell: a Long, Double, String or null (NA). */
  public void add(Object value) {
    Kind k = value instanceof Long ? Kind.LONG : value instanceof Double ? Kind.DOUBLE
        : value == null ? kind : Kind.BOXED;
    if (kind == Kind.NONE && k != Kind.NONE) {
      becomes(k);
    } else if (k != kind && kind != Kind.BOXED) {
      box();
    }
    if (size == capacity()) {
      grow();
    }
    if (value == null) {
      na.set(size);
    } else if (kind == Kind.LONG) {
      bits[size] = (Long) value;
    } else if (kind == Kind.DOUBLE) {
      bits[size] = Double.doubleToRawLongBits((Double) value);
    } else {
      boxed[size] = value;
    }
    size++;
  }

  /** Makes the array of a column of no kind yet (all NA so far) that becomes of kind k. */
  private void becomes(Kind k) {
    int n = Math.max(initial, size + 1);
    switch (k) {
      case LONG, DOUBLE -> bits = new long[n];
      case TEXT -> {
        codes = new int[n];
        texts = texts != null ? texts : new TextDictionary();
      }
      default -> boxed = new Object[n];
    }
    kind = k;
  }

  /** The cell of {@code row}: Long, Double, String or null (NA). */
  public Object get(int row) {
    if (na.get(row)) {
      return null;
    }
    return switch (kind) {
      case NONE -> null;
      case LONG -> bits[row];
      case DOUBLE -> Double.longBitsToDouble(bits[row]);
      case TEXT -> texts.text(codes[row]);
      case BOXED -> boxed[row];
    };
  }

  /**
   * Appends the cell of {@code row} as a CSV field, after the delimiter unless it is the first.
   * Numbers go straight in: their text (digits, sign, point, exponent, NaN, Infinity) is never
   * quoted by {@code format} ({@code ResultColumnTest} holds this against {@link CSVFormat#print});
   * text goes through {@code format}, which quotes it when it must.
   */
  void appendCsv(int row, StringBuilder out, CSVFormat format, boolean first, Printed last)
      throws IOException {
    if (kind == Kind.BOXED || kind == Kind.TEXT) {
      Object v = get(row);
      if (v == null || !v.equals(last.value) || first != last.first) {
        // a sorted group column repeats each value over many rows: print it once per run
        StringBuilder field = new StringBuilder();
        format.print(v instanceof Double d ? Doubles.shortest(d) : v, field, first);
        last.value = v;
        last.first = first;
        last.field = field.toString();
      }
      out.append(last.field);
      return;
    }
    if (!first) {
      out.append(format.getDelimiterString());
    }
    if (!na.get(row) && kind == Kind.LONG) {
      out.append(bits[row]);
    } else if (!na.get(row) && kind == Kind.DOUBLE) {
      out.append(Doubles.shortest(Double.longBitsToDouble(bits[row])));
    }
  }

  /** The text cell a writer printed last in one column, and its field; one per thread. */
  static final class Printed {
    private Object value;
    private boolean first;
    private String field;
  }

  /**
   * Arrays a thread permutes columns through, one column after another ({@link #permute}): a
   * column's cells go into the scratch array, and its own array becomes the scratch for the
   * next, so permuting many columns takes one new array of each kind instead of one per column,
   * and memory first touched (page faults, for ten million rows 80 MB a column) with it.
   */
  static final class Scratch {
    private long[] longs;
    private Object[] boxed;
    private int[] ints;

    /** Scratch arrays, starting with {@code ints} (or none, when null) for the codes. */
    Scratch(int[] ints) {
      this.ints = ints;
    }
  }

  /**
   * This column's cells in the order {@code order} gives: cell i is old cell order[i]. This
   * column must not be used afterwards: its array becomes {@code scratch}'s.
   */
  ResultColumn permute(int[] order, Scratch scratch) {
    ResultColumn c;
    if (kind == Kind.NONE) {
      c = new ResultColumn(this, null, order.length);
    } else if (bits != null) {
      long[] to = scratch.longs != null && scratch.longs.length >= order.length ? scratch.longs
          : new long[order.length];
      for (int i = 0; i < order.length; i++) {
        to[i] = bits[order[i]];
      }
      scratch.longs = bits;
      c = new ResultColumn(this, to, order.length);
    } else if (codes != null) {
      int[] to = scratch.ints != null && scratch.ints.length >= order.length ? scratch.ints
          : new int[order.length];
      for (int i = 0; i < order.length; i++) {
        to[i] = codes[order[i]];
      }
      scratch.ints = codes;
      c = new ResultColumn(this, to, order.length);
    } else {
      Object[] to = scratch.boxed != null && scratch.boxed.length >= order.length
          ? scratch.boxed : new Object[order.length];
      for (int i = 0; i < order.length; i++) {
        to[i] = boxed[order[i]];
      }
      scratch.boxed = boxed;
      c = new ResultColumn(this, to, order.length);
    }
    if (!na.isEmpty()) {
      for (int i = 0; i < order.length; i++) {
        if (na.get(order[i])) {
          c.na.set(i);
        }
      }
    }
    return c;
  }

  /**
   * Each row's rank among the column's distinct values, NA first (rank 0 when present), numbers
   * by value ({@link Double#compare} for doubles), text by UTF-16 order. Distinct values are
   * found by hashing, so only they are sorted. The ranks are written into {@code ids}, which
   * holds at least {@link #size()} ints, and the result holds it.
   */
  Ranks ranks(int[] ids) {
    int[] rankOfId;
    if (kind == Kind.LONG || kind == Kind.DOUBLE) {
      LongIds index = new LongIds();
      for (int r = 0; r < size; r++) {
        ids[r] = na.get(r) ? -1 : index.id(bits[r]);
      }
      rankOfId = ranks(kind == Kind.LONG ? index.keys() : inCompareOrder(index.keys()));
    } else if (kind == Kind.TEXT) {
      rankOfId = texts.ranks();
      for (int r = 0; r < size; r++) {
        ids[r] = na.get(r) ? 0 : rankOfId[codes[r]] + 1;
      }
      return new Ranks(ids, rankOfId.length + 1);
    } else {
      List<Object> distinct = new ArrayList<>();
      Map<Object, Integer> index = new HashMap<>();
      for (int r = 0; r < size; r++) {
        Object v = get(r);
        Integer id = v == null ? null : index.get(v); // not putIfAbsent: no box per row
        if (v != null && id == null) {
          id = distinct.size();
          index.put(v, id);
          distinct.add(v);
        }
        ids[r] = v == null ? -1 : id;
      }
      Integer[] byValue = new Integer[distinct.size()];
      Arrays.setAll(byValue, i -> i);
      Arrays.sort(byValue, (x, y) -> ResultTable.compare(distinct.get(x), distinct.get(y)));
      rankOfId = new int[byValue.length];
      for (int r = 0; r < byValue.length; r++) {
        rankOfId[byValue[r]] = r + 1;
      }
    }
    for (int r = 0; r < size; r++) {
      ids[r] = ids[r] < 0 ? 0 : rankOfId[ids[r]];
    }
    return new Ranks(ids, rankOfId.length + 1);
  }

  /** Each distinct long's rank from 1 in ascending order: sorted as primitives, found back. */
  private static int[] ranks(long[] distinct) {
    long[] sorted = distinct.clone();
    Arrays.sort(sorted);
    int[] rank = new int[distinct.length];
    for (int i = 0; i < distinct.length; i++) {
      rank[i] = Arrays.binarySearch(sorted, distinct[i]) + 1;
    }
    return rank;
  }

  /**
   * Doubles' bits as longs whose order is Double.compare's: a negative double's magnitude bits
   * flipped, so -0.0 comes before 0.0; NaN (one bit pattern) after infinity.
   */
  private static long[] inCompareOrder(long[] bits) {
    long[] ordered = new long[bits.length];
    for (int i = 0; i < bits.length; i++) {
      long b = Double.doubleToLongBits(Double.longBitsToDouble(bits[i]));
      ordered[i] = b ^ ((b >> 63) & Long.MAX_VALUE);
    }
    return ordered;
  }

  /** Each row's rank, and the number of ranks (distinct values plus one for NA). */
  record Ranks(int[] ofRow, int count) {}

  /** How many cells the column has room for; no limit while it holds NA only. */
  private int capacity() {
    return kind == Kind.NONE ? Integer.MAX_VALUE
        : bits != null ? bits.length : codes != null ? codes.length : boxed.length;
  }

  private void grow() {
    int n = capacity() + (capacity() >> 1);
    if (bits != null) {
      bits = Arrays.copyOf(bits, n);
    } else if (codes != null) {
      codes = Arrays.copyOf(codes, n);
    } else {
      boxed = Arrays.copyOf(boxed, n);
    }
  }

  /** Turns primitive cells into boxed ones, for a column given values of more than one type. */
  private void box() {
    Object[] cells = new Object[capacity()];
    for (int r = 0; r < size; r++) {
      cells[r] = get(r);
    }
    kind = Kind.BOXED;
    boxed = cells;
    bits = null;
    codes = null;
    texts = null;
  }
}
