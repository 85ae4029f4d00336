package org.forkreduce.internal.input;

import java.util.Arrays;
import java.util.List;
import org.forkreduce.CsvRow;

/** A row of fields already decoded to strings (Commons CSV's records). */
final class TextRow implements CsvRow {
  Header header;
  String[] values;

  @Override
  public String get(int i) {
    return values[i];
  }

  @Override
  public int indexOf(String name) {
    return header.indexOf(name);
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public List<String> columns() {
    return header.names;
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
