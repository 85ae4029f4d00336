package org.forkreduce.examples.dataframe.agg;

/**
 * {@code var} or {@code stddev} of a double column: group g's number of values at
 * {@code cells[STRIDE * g]}, then the exact sums of the values and of their squares (with
 * their rare rests), read out as {@link MomentsState} does.
 */
final class MomentsStateColumn extends FixedStateColumn {
  private static final int STRIDE = 1 + 2 * ExactSum.SIZE;
  private static final int SUM = 1;
  private static final int SQUARES = 1 + ExactSum.SIZE;
  final boolean stddev;
  private final Rests sumRest = rests[0];
  private final Rests squaresRest = rests[1];
  private final ExactSum sum = new ExactSum();
  private final ExactSum squares = new ExactSum();

  MomentsStateColumn(boolean stddev, int groups) {
    super(STRIDE, 2, groups);
    this.stddev = stddev;
  }

  @Override
  public StateColumn empty(int groups) {
    return new MomentsStateColumn(stddev, groups);
  }

  @Override
  public void add(int g, State.Value[] values) {
    double x = values[0].asDouble;
    int at = STRIDE * g;
    cells[at]++;
    Expansion sum = sumRest.get(g);
    Expansion newSum = ExactSum.add(cells, at + SUM, sum, x);
    if (newSum != sum) {
      sumRest.set(g, newSum, capacity());
    }
    Expansion squares = squaresRest.get(g);
    Expansion newSquares = ExactSum.addProduct(cells, at + SQUARES, squares, x, x);
    if (newSquares != squares) {
      squaresRest.set(g, newSquares, capacity());
    }
  }

  @Override
  public void merge(int g, StateColumn other, int og) {
    MomentsStateColumn o = (MomentsStateColumn) other;
    cells[STRIDE * g] += o.cells[STRIDE * og];
    merge(g, o, og, SUM, sumRest, o.sumRest);
    merge(g, o, og, SQUARES, squaresRest, o.squaresRest);
  }

  private void merge(int g, MomentsStateColumn o, int og, int offset, Rests mine, Rests theirs) {
    ExactSum.addAll(cells, STRIDE * g + offset, o.cells, STRIDE * og + offset);
    mine.set(g, ExactSum.addRest(mine.get(g), theirs.get(og)), capacity());
  }

  @Override
  public Object result(int g) {
    sum.load(cells, STRIDE * g + SUM, sumRest.get(g));
    squares.load(cells, STRIDE * g + SQUARES, squaresRest.get(g));
    return MomentsState.result(stddev, cells[STRIDE * g], sum, squares);
  }

  @Override
  byte kind() {
    return MOMENTS;
  }
}
