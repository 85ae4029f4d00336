package org.forkreduce.examples.dataframe.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.forkreduce.CsvRow;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.agg.State;
import org.forkreduce.examples.dataframe.agg.StateColumn;
import org.forkreduce.examples.dataframe.expr.AggCall;
import org.forkreduce.examples.dataframe.table.ResultColumn;

/** Keys packed as the mapper packs them, and read back as text, for tests. */
final class TestKeys {
  private TestKeys() {}

  /** A row of text fields, as the CSV readers hand them out. */
  record Row(String... values) implements CsvRow {
    @Override
    public String get(int i) {
      return values[i];
    }

    @Override
    public int indexOf(String name) {
      return columns().indexOf(name);
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public List<String> columns() {
      return IntStream.range(0, values.length).mapToObj(i -> "c" + i).toList();
    }
  }

  /** The packed key of {@code values}, by a {@link GroupKey.Packer} over all of them. */
  static byte[] pack(String... values) {
    GroupKey.Packer packer = new GroupKey.Packer(IntStream.range(0, values.length).toArray());
    packer.pack(new Row(values));
    byte[] key = new byte[packer.length(0)];
    packer.copyTo(0, key, 0);
    return key;
  }

  /** The values of the key of {@code columns} text columns packed at {@code packed[from...]}. */
  static List<String> values(byte[] packed, int from, int columns) {
    ColumnType[] types = new ColumnType[columns];
    Arrays.fill(types, ColumnType.STRING);
    List<String> values = new ArrayList<>();
    for (Object cell : decode(packed, from, types)) {
      values.add(cell == null ? "" : (String) cell); // NA, the empty value, decodes as null
    }
    return values;
  }

  /** The cells {@link GroupKey#decode} makes of the key packed at {@code packed[from...]}. */
  static Object[] decode(byte[] packed, int from, ColumnType... types) {
    ResultColumn[] columns = new ResultColumn[types.length];
    Arrays.setAll(columns, c -> new ResultColumn(1));
    GroupKey.decode(packed, from, columns, types);
    return Arrays.stream(columns).map(c -> c.get(0)).toArray();
  }

  /** The values of group g of a block of {@code columns} text columns. */
  static List<String> values(GroupBlock block, int g, int columns) {
    return values(block.keys(), block.from(g), columns);
  }

  /** A new state of {@code function} over a column ({@code x, y} for corr) of {@code type}. */
  static State state(String function, ColumnType type) {
    return state(function, 0, type);
  }

  /** As {@link #state(String, ColumnType)}, with {@code top}'s count {@code n}. */
  static State state(String function, int n, ColumnType type) {
    List<String> columns = function.equals("corr") ? List.of("x", "y") : List.of("v");
    return State.create(new AggCall(function, columns, n), type);
  }

  /** Appends a group of key {@code key} to {@code block}, with group sg's states of source. */
  static void add(GroupBlock block, byte[] key, int hash, StateColumn[] source, int sg) {
    block.addKey(key, 0, key.length, hash);
    for (int c = 0; c < source.length; c++) {
      block.states(c, source).copy(block.size() - 1, source[c], sg);
    }
  }
}
