package org.forkreduce;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One CSV record: its fields, read by index or by the header's column name. An empty field is
 * the empty string (dataframe code treats it as NA). Not thread-safe; valid during the
 * {@link Mapper#map} call that receives it.
 */
public final class CsvRow {
  private final List<String> columns;
  private final Map<String, Integer> index;
  private final String[] values;

  /** A row over {@code values}, named by {@code columns} (index built once per file). */
  public CsvRow(List<String> columns, Map<String, Integer> index, String[] values) {
    this.columns = columns;
    this.index = index;
    this.values = values;
  }

  /** The field at {@code i}, from 0. */
  public String get(int i) {
    return values[i];
  }

  /**
   * The field of column {@code name}.
   *
   * @throws IllegalArgumentException naming the columns there are, if there is no such column
   */
  public String get(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no column '" + name + "'; the columns are " + columns);
    }
    return values[i];
  }

  /** The index of column {@code name}, or -1. */
  public int indexOf(String name) {
    return index.getOrDefault(name, -1);
  }

  public int size() {
    return values.length;
  }

  /** The header's column names. */
  public List<String> columns() {
    return columns;
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
