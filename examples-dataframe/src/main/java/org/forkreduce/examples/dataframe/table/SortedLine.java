package org.forkreduce.examples.dataframe.table;

import java.io.ByteArrayOutputStream;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * A result row as an entry of a sort key and its CSV line (without the line break): the key's
 * unsigned byte order ({@link #ORDER}) is the order {@link UnsortedTable#sorted} gives the rows:
 * the group columns' values one after another, each NA first, numbers by value ({@link
 * Double#compare} for doubles), text by UTF-16 order ({@link String#compareTo}), then the row's
 * number, so rows equal on the group columns keep their order. An entry of a byte array and a
 * string, so that the external sort sizes and writes it as a pair, cheaply.
 */
public final class SortedLine {
  private SortedLine() {}

  /** Orders lines by their keys, unsigned byte by byte, a shorter key first. */
  public static final Comparator<Map.Entry<byte[], String>> ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey());

  private static final int NA = 0;
  private static final int VALUE = 1;
  /** The end of a text: below every character's first byte. */
  private static final int END = 0;

  /**
   * The entry of {@code line}, the CSV line of the row whose group columns' values are {@code
   * values} (each a Long, Double, String or null; in one column, always of one type, as a group
   * column's are) and whose number is {@code row}, from 0; its key is {@link #key}'s.
   *
   * @throws IllegalArgumentException for a value of another type
   */
  static Map.Entry<byte[], String> of(Object[] values, long row, String line) {
    return new AbstractMap.SimpleImmutableEntry<>(key(values, row), line);
  }

  /** The sort key of the row {@link #of} describes. */
  static byte[] key(Object[] values, long row) {
    ByteArrayOutputStream key = new ByteArrayOutputStream(16 + 9 * values.length);
    for (Object v : values) {
      key.write(v == null ? NA : VALUE);
      if (v instanceof Long l) {
        bigEndian(key, l ^ Long.MIN_VALUE);
      } else if (v instanceof Double d) {
        long b = Double.doubleToLongBits(d); // one NaN, after infinity, as Double.compare
        bigEndian(key, (b ^ ((b >> 63) & Long.MAX_VALUE)) ^ Long.MIN_VALUE);
      } else if (v instanceof String s) {
        text(key, s);
      } else if (v != null) {
        throw new IllegalArgumentException("a group value must be a Long, Double or String, got "
            + v.getClass().getName() + " " + v);
      }
    }
    bigEndian(key, row);
    return key.toByteArray();
  }

  private static void bigEndian(ByteArrayOutputStream out, long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
  }

  /**
   * The text's UTF-16 chars, each in a prefix-free code that keeps their order: 0 to 0x7E as one
   * byte (the char + 1), the others as three (0x80 + the top 4 bits, then 6 bits, 6 bits); then
   * {@link #END}, so a text comes before every longer one it begins.
   */
  private static void text(ByteArrayOutputStream out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x7F) {
        out.write(c + 1);
      } else {
        out.write(0x80 | c >>> 12);
        out.write(c >>> 6 & 0x3F);
        out.write(c & 0x3F);
      }
    }
    out.write(END);
  }
}
