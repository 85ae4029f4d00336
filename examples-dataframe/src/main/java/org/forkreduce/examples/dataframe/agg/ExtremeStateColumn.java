package org.forkreduce.examples.dataframe.agg;

import org.forkreduce.examples.dataframe.ColumnType;

/**
 * {@code min} or {@code max} of a long or double column: the value at 2g (a double as its
 * bits), at 2g + 1 whether there is one; compared and read out as {@link ExtremeState} does.
 */
final class ExtremeStateColumn extends FixedStateColumn {
  final boolean max;
  final ColumnType type;

  ExtremeStateColumn(boolean max, ColumnType type, int groups) {
    super(2, groups);
    this.max = max;
    this.type = type;
  }

  @Override
  public StateColumn empty(int groups) {
    return new ExtremeStateColumn(max, type, groups);
  }

  @Override
  public void add(int g, State.Value[] values) {
    State.Value v = values[0];
    offer(g, type == ColumnType.LONG ? v.asLong : Double.doubleToRawLongBits(v.asDouble));
  }

  private void offer(int g, long value) {
    long current = cells[2 * g];
    int c = cells[2 * g + 1] == 0 ? 0 : State.compare(type, value,
        Double.longBitsToDouble(value), null, current, Double.longBitsToDouble(current), null);
    if (cells[2 * g + 1] == 0 || (max ? c > 0 : c < 0)) {
      cells[2 * g] = value;
      cells[2 * g + 1] = 1;
    }
  }

  @Override
  public void merge(int g, StateColumn other, int og) {
    long[] o = ((ExtremeStateColumn) other).cells;
    if (o[2 * og + 1] != 0) {
      offer(g, o[2 * og]);
    }
  }

  @Override
  public Object result(int g) {
    long value = cells[2 * g];
    return cells[2 * g + 1] == 0 ? null
        : State.typed(type, value, Double.longBitsToDouble(value), null);
  }

  @Override
  byte kind() {
    return EXTREMES;
  }
}
