package org.forkreduce.examples.dataframe.agg;

import org.forkreduce.examples.dataframe.table.ResultColumn;

/** {@code count()}: the number of rows. */
final class CountStateColumn extends FixedStateColumn {
  CountStateColumn(int groups) {
    super(1, groups);
  }

  @Override
  public StateColumn empty(int groups) {
    return new CountStateColumn(groups);
  }

  @Override
  public void add(int g, State.Value[] values) {
    cells[g]++;
  }

  @Override
  public void merge(int g, StateColumn other, int og) {
    cells[g] += ((CountStateColumn) other).cells[og];
  }

  @Override
  public Object result(int g) {
    return cells[g];
  }

  @Override
  public void resultInto(int g, ResultColumn out) {
    out.addLong(cells[g]);
  }

  @Override
  byte kind() {
    return COUNTS;
  }
}
