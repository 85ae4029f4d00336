package org.forkreduce.examples.dataframe.agg;

import org.forkreduce.examples.dataframe.table.ResultColumn;

/** {@code sum} of a long column: the sum at 2g, the number of values at 2g + 1. */
final class LongSumStateColumn extends FixedStateColumn {
  LongSumStateColumn(int groups) {
    super(2, groups);
  }

  @Override
  public StateColumn empty(int groups) {
    return new LongSumStateColumn(groups);
  }

  @Override
  public void add(int g, State.Value[] values) {
    cells[2 * g] = Math.addExact(cells[2 * g], values[0].asLong);
    cells[2 * g + 1]++;
  }

  @Override
  public void merge(int g, StateColumn other, int og) {
    long[] o = ((LongSumStateColumn) other).cells;
    cells[2 * g] = Math.addExact(cells[2 * g], o[2 * og]);
    cells[2 * g + 1] += o[2 * og + 1];
  }

  @Override
  public Object result(int g) {
    return cells[2 * g + 1] == 0 ? null : cells[2 * g];
  }

  @Override
  public void resultInto(int g, ResultColumn out) {
    if (cells[2 * g + 1] == 0) {
      out.add(null);
    } else {
      out.addLong(cells[2 * g]);
    }
  }

  @Override
  byte kind() {
    return LONG_SUMS;
  }
}
