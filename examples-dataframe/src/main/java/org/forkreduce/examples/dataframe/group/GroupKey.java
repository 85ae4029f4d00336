package org.forkreduce.examples.dataframe.group;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import org.forkreduce.CsvRow;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.table.HashSlots;
import org.forkreduce.examples.dataframe.table.ResultColumn;

/**
 * The values of the group columns of one row, as read (an empty string is the NA group), packed
 * into bytes: each value's UTF-8 length (one byte, or 0xFF and four more bytes) and then its
 * bytes. A group's key is these bytes, so a lookup among millions of keys compares one byte
 * range, a key costs no string objects, and its hash, of the bytes ({@link HashSlots#hash}), is
 * the same in every worker JVM. Keys live in a {@link GroupTable} while a worker maps and in
 * {@link GroupBlock}s after.
 */
final class GroupKey {
  private static final int LONG_VALUE = 0xFF;

  private GroupKey() {}

  /** The {@link #whole} of a key longer than eight bytes: no short key's bytes are all 0xFF. */
  static final long LONG_KEY = -1;

  /**
   * A packed key of at most eight bytes as a long (its bytes little-endian, zero-padded), else
   * {@link #LONG_KEY}. Packed keys are self-delimiting (a table's keys have the same columns), so
   * no short key is another's bytes and zeros: two short keys are equal exactly when these are.
   * A short key cannot start with 0xFF, the length marker of a value of 255 bytes or more.
   */
  static long whole(byte[] packed, int from, int to) {
    if (to - from > Long.BYTES) {
      return LONG_KEY;
    }
    long v = 0;
    for (int i = to - 1; i >= from; i--) {
      v = v << 8 | (packed[i] & 0xFF);
    }
    return v;
  }

  /** Writes a value's length at {@code p}; returns where its bytes go. */
  private static int writeLength(byte[] packed, int p, int length) {
    if (length < LONG_VALUE) {
      packed[p++] = (byte) length;
    } else {
      packed[p++] = (byte) LONG_VALUE;
      for (int shift = 24; shift >= 0; shift -= 8) {
        packed[p++] = (byte) (length >>> shift);
      }
    }
    return p;
  }

  /**
   * Packs the group columns of a batch of rows, one row after another, into one reused buffer,
   * and hashes each row's bytes as a key of those bytes would be: rows are matched against the
   * keys there are without making one, and a key is made only for a new group.
   */
  static final class Packer {
    private final int[] columns;
    private byte[] bytes = new byte[1024];
    /** Row r's bytes are {@code bytes[starts[r] .. starts[r + 1])}. */
    private int[] starts = new int[17];
    private int[] hashes = new int[16];
    private long[] wholes = new long[16];
    private int rows;

    /** @param columns the indexes of the group columns in each row */
    Packer(int[] columns) {
      this.columns = columns.clone();
    }

    /** Appends the row's key to the batch; returns its index there. */
    int pack(CsvRow row) {
      if (rows == hashes.length) {
        hashes = Arrays.copyOf(hashes, rows * 2);
        wholes = Arrays.copyOf(wholes, rows * 2);
        starts = Arrays.copyOf(starts, rows * 2 + 1);
      }
      int start = starts[rows];
      int p = start;
      for (int column : columns) {
        int n = row.utf8Length(column);
        if (p + n + 5 > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, p + n + 5));
        }
        p = writeLength(bytes, p, n);
        row.copyUtf8(column, bytes, p);
        p += n;
      }
      hashes[rows] = HashSlots.hash(bytes, start, p);
      wholes[rows] = GroupKey.whole(bytes, start, p);
      starts[++rows] = p;
      return rows - 1;
    }

    /** How many rows the batch holds. */
    int rows() {
      return rows;
    }

    /** Empties the batch. */
    void clear() {
      rows = 0;
    }

    int hash(int row) {
      return hashes[row];
    }

    /** Packed row {@code row} as a long ({@link GroupKey#whole}), or {@code LONG_KEY}. */
    long whole(int row) {
      return wholes[row];
    }

    /** Whether packed row {@code row} equals the key {@code packed[from, from + length)}. */
    boolean matches(int row, byte[] packed, int from, int length) {
      return Arrays.equals(packed, from, from + length, bytes, starts[row], starts[row + 1]);
    }

    /** The length of packed row {@code row}. */
    int length(int row) {
      return starts[row + 1] - starts[row];
    }

    /** {@link GroupKey#misread} of packed row {@code row}. */
    int misread(int row, ColumnType[] types) {
      return GroupKey.misread(bytes, starts[row], types);
    }

    /** Value {@code k} of packed row {@code row}, as written. */
    String value(int row, int k) {
      return GroupKey.value(bytes, starts[row], k);
    }

    /** Copies packed row {@code row} to {@code to[at...]}, to keep as a key's bytes. */
    void copyTo(int row, byte[] to, int at) {
      System.arraycopy(bytes, starts[row], to, at, length(row));
    }

  }

  /**
   * Decodes the key packed at {@code packed[from...]}, appending one cell to each of {@code
   * cells[0, types.length)}, typed: NA (empty) as null, LONG as a long, DOUBLE as a double, text
   * as its bytes ({@link ResultColumn#addText}).
   *
   * @throws NumberFormatException if a value does not parse as its column's type
   */
  static void decode(byte[] packed, int from, ResultColumn[] cells, ColumnType[] types) {
    int p = from;
    for (int k = 0; k < types.length; k++) {
      int length = length(packed, p);
      p = start(packed, p);
      if (length == 0) {
        cells[k].add(null);
      } else if (types[k] == ColumnType.LONG) {
        cells[k].addLong(parseLong(packed, p, length));
      } else if (types[k] == ColumnType.DOUBLE) {
        cells[k].addDouble(Double.parseDouble(new String(packed, p, length, UTF_8)));
      } else {
        cells[k].addText(packed, p, length);
      }
      p += length;
    }
  }

  /**
   * The index of the first non-empty value of the key packed at {@code packed[from...]} that
   * would not print as written as its column's type ({@link ColumnType#printsAsWritten}), or -1:
   * a key that decodes to other text than the input's. Makes a string per numeric value: for a
   * new key only.
   */
  static int misread(byte[] packed, int from, ColumnType[] types) {
    int p = from;
    for (int k = 0; k < types.length; k++) {
      int length = length(packed, p);
      p = start(packed, p);
      if (length > 0 && types[k] != ColumnType.STRING
          && !types[k].printsAsWritten(new String(packed, p, length, UTF_8))) {
        return k;
      }
      p += length;
    }
    return -1;
  }

  /** Value {@code k} of the key packed at {@code packed[from...]}, as written. */
  static String value(byte[] packed, int from, int k) {
    int p = from;
    for (int i = 0; i < k; i++) {
      p = start(packed, p) + length(packed, p);
    }
    return new String(packed, start(packed, p), length(packed, p), UTF_8);
  }

  /** The length of the value whose length is written at {@code p} ({@link #writeLength}). */
  private static int length(byte[] packed, int p) {
    int length = packed[p] & 0xFF;
    if (length == LONG_VALUE) {
      length = 0;
      for (int j = 1; j <= 4; j++) {
        length = (length << 8) | (packed[p + j] & 0xFF);
      }
    }
    return length;
  }

  /** Where the bytes of the value whose length is written at {@code p} start. */
  private static int start(byte[] packed, int p) {
    return (packed[p] & 0xFF) == LONG_VALUE ? p + 5 : p + 1;
  }

  /** {@code Long.parseLong} of the bytes, without a String for plain digits. */
  private static long parseLong(byte[] b, int from, int length) {
    boolean negative = b[from] == '-';
    int i = negative ? from + 1 : from;
    int end = from + length;
    if (end - i == 0 || end - i > 18) {
      return Long.parseLong(new String(b, from, length, UTF_8));
    }
    long v = 0;
    for (; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Long.parseLong(new String(b, from, length, UTF_8));
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }
}
