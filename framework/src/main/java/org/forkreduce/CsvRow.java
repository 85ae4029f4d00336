package org.forkreduce;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One CSV record: its fields, read by index or by the header's column name. An empty field is
 * the empty string (dataframe code treats it as NA). Not thread-safe; valid only during the
 * {@link Mapper#map} call that receives it: a reader reuses one row, and the bytes under it, for
 * every record of a split. To keep a record, or to emit it, keep {@link #toList()}.
 *
 * <p>Besides {@link #get(int)}, which makes a {@code String}, a row answers the questions a hot
 * loop asks without one: {@link #isEmpty}, {@link #getLong}, {@link #getDouble} and the field's
 * UTF-8 bytes ({@link #utf8Length}, {@link #copyUtf8}). Rows of files proven strict RFC 4180
 * answer them straight from the file's bytes; these methods always agree with {@code get}.
 */
public interface CsvRow {

  /** The field at {@code i}, from 0. */
  String get(int i);

  /**
   * The field of column {@code name}.
   *
   * @throws IllegalArgumentException naming the columns there are, if there is no such column
   */
  default String get(String name) {
    int i = indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + name + "'; the columns are "
          + columns());
    }
    return get(i);
  }

  /** The index of column {@code name}, or -1. */
  int indexOf(String name);

  /** The number of fields (the header's column count). */
  int size();

  /** The header's column names. */
  List<String> columns();

  /** The fields as an immutable list of their own, which outlives the row. */
  default List<String> toList() {
    String[] values = new String[size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = get(i);
    }
    return List.of(values);
  }

  /** Whether field {@code i} is empty (NA): {@code get(i).isEmpty()}. */
  default boolean isEmpty(int i) {
    return get(i).isEmpty();
  }

  /**
   * Field {@code i} as {@link Long#parseLong(String)} reads it.
   *
   * @throws NumberFormatException as {@code Long.parseLong} does
   */
  default long getLong(int i) {
    return Long.parseLong(get(i));
  }

  /**
   * Field {@code i} as {@link Double#parseDouble(String)} reads it.
   *
   * @throws NumberFormatException as {@code Double.parseDouble} does
   */
  default double getDouble(int i) {
    return Double.parseDouble(get(i));
  }

  /** The length of {@code get(i).getBytes(UTF_8)}. */
  default int utf8Length(int i) {
    return get(i).getBytes(StandardCharsets.UTF_8).length;
  }

  /** Copies {@code get(i).getBytes(UTF_8)} to {@code dest} at {@code at}. */
  default void copyUtf8(int i, byte[] dest, int at) {
    byte[] bytes = get(i).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, dest, at, bytes.length);
  }
}
