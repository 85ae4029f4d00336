package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.table.ResultColumn;

/**
 * The {@link StateColumn}s held in arrays of longs ({@link StateColumn.Fixed}): counts, long
 * sums, exact double sums and means, var and stddev, and the min and max of numbers. Each reads
 * out as the {@link State} of its aggregate does.
 */
final class NumericColumns {
  private NumericColumns() {}

  /** {@code count()}: the number of rows. */
  static final class Counts extends StateColumn.Fixed {
    Counts(int groups) {
      super(1, groups);
    }

    @Override
    public StateColumn empty(int groups) {
      return new Counts(groups);
    }

    @Override
    public void add(int g, State.Value[] values) {
      cells[g]++;
    }

    @Override
    public void merge(int g, StateColumn other, int og) {
      cells[g] += ((Counts) other).cells[og];
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

  /** {@code sum} of a long column: the sum at 2g, the number of values at 2g + 1. */
  static final class LongSums extends StateColumn.Fixed {
    LongSums(int groups) {
      super(2, groups);
    }

    @Override
    public StateColumn empty(int groups) {
      return new LongSums(groups);
    }

    @Override
    public void add(int g, State.Value[] values) {
      cells[2 * g] = Math.addExact(cells[2 * g], values[0].asLong);
      cells[2 * g + 1]++;
    }

    @Override
    public void merge(int g, StateColumn other, int og) {
      long[] o = ((LongSums) other).cells;
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

  /**
   * {@code sum} of a double column, or {@code mean}: group g's exact sum is the fixed-point
   * limbs at {@code cells[STRIDE * g ...]} plus, rarely, values outside their window in
   * {@code rest} (see {@link ExactSum}); its number of values follows the limbs, so that a row's
   * update touches one run of longs. Adds and merges use ExactSum's static methods on the
   * array; a result loads the sum into a scratch {@link ExactSum}, so the arithmetic is
   * ExactSum's own.
   */
  static final class DoubleSums extends StateColumn.Fixed {
    private static final int STRIDE = ExactSum.SIZE + 1;
    private static final int N = ExactSum.SIZE;
    private final boolean mean;
    private final Rests rest = rests[0];
    private final ExactSum mine = new ExactSum();
    /**
     * Each group's sum while every group holds one value (a block of a worker's many small
     * groups, as written and read), else null and the sums are exact in the cells: one value
     * is its own exact sum, so a double stands for nine longs until an add, merge or copy needs
     * them ({@link #exact}). Ten million groups of one row take 80 MB in the driver, not 720.
     */
    private double[] singles;

    DoubleSums(boolean mean, int groups) {
      super(STRIDE, 1, groups);
      this.mean = mean;
    }

    @Override
    public StateColumn empty(int groups) {
      return new DoubleSums(mean, groups);
    }

    @Override
    public void add(int g, State.Value[] values) {
      exact();
      addValue(g, values[0].asDouble);
    }

    private void addValue(int g, double x) {
      if (!ExactSum.add(cells, STRIDE * g, x)) {
        rest.set(g, ExactSum.addOutside(rest.get(g), x), capacity());
      }
      cells[STRIDE * g + N]++;
    }

    /** Whether the sums are held as {@link #singles}. */
    boolean isSingles() {
      return singles != null;
    }

    /** Turns {@link #singles} into exact sums in the cells, if there are any. */
    private void exact() {
      double[] values = singles;
      if (values != null) {
        singles = null;
        cells = new long[STRIDE * Math.max(4, values.length)];
        for (int g = 0; g < values.length; g++) {
          addValue(g, values[g]);
        }
      }
    }

    @Override
    public void reserve(int groups) {
      exact();
      super.reserve(groups);
    }

    @Override
    public long touch(int[] groups, int rows) {
      exact();
      return super.touch(groups, rows);
    }

    @Override
    public void copy(int g, StateColumn other, int og) {
      exact();
      ((DoubleSums) other).exact();
      super.copy(g, other, og);
    }

    @Override
    public void scatter(int[] partition, StateColumn[] into, int size) {
      exact();
      super.scatter(partition, into, size);
    }

    @Override
    public void merge(int g, StateColumn other, int og) {
      exact();
      DoubleSums o = (DoubleSums) other;
      o.exact();
      ExactSum.addAll(cells, STRIDE * g, o.cells, STRIDE * og);
      cells[STRIDE * g + N] += o.cells[STRIDE * og + N];
      rest.set(g, ExactSum.addRest(rest.get(g), o.rest.get(og)), capacity());
    }

    @Override
    public Object result(int g) {
      if (singles != null) {
        return singles[g];
      }
      return cells[STRIDE * g + N] == 0 ? null : value(g);
    }

    @Override
    public void resultInto(int g, ResultColumn out) {
      if (singles != null) {
        out.addDouble(singles[g]); // one value: its own sum and mean
      } else if (cells[STRIDE * g + N] == 0) {
        out.add(null);
      } else {
        out.addDouble(value(g));
      }
    }

    private double value(int g) {
      mine.load(cells, STRIDE * g, rest.get(g));
      return mean ? mine.value() / cells[STRIDE * g + N] : mine.value();
    }

    /**
     * Writes whether every group of {@code [0, size)} holds one value, then those values, or
     * else the exact sums ({@link StateColumn.Fixed#write}).
     */
    @Override
    void write(Kryo kryo, Output out, int size) {
      boolean single = singles != null || allSingle(size);
      out.writeBoolean(single);
      if (!single) {
        super.write(kryo, out, size);
      } else if (singles != null) {
        out.writeDoubles(singles, 0, size);
      } else {
        for (int g = 0; g < size; g++) {
          out.writeDouble(value(g));
        }
      }
    }

    private boolean allSingle(int size) {
      for (int g = 0; g < size; g++) {
        if (cells[STRIDE * g + N] != 1 || rest.get(g) != null) {
          return false;
        }
      }
      return true;
    }

    @Override
    void read(Kryo kryo, Input in, int size) {
      if (in.readBoolean()) {
        singles = in.readDoubles(size);
      } else {
        super.read(kryo, in, size);
      }
    }

    @Override
    byte kind() {
      return mean ? MEANS : DOUBLE_SUMS;
    }
  }

  /**
   * {@code var} or {@code stddev} of a double column: group g's number of values at
   * {@code cells[STRIDE * g]}, then the exact sums of the values and of their squares (with
   * their rare rests), read out as {@link State.Moments} does.
   */
  static final class Moments extends StateColumn.Fixed {
    private static final int STRIDE = 1 + 2 * ExactSum.SIZE;
    private static final int SUM = 1;
    private static final int SQUARES = 1 + ExactSum.SIZE;
    final boolean stddev;
    private final Rests sumRest = rests[0];
    private final Rests squaresRest = rests[1];
    private final ExactSum sum = new ExactSum();
    private final ExactSum squares = new ExactSum();

    Moments(boolean stddev, int groups) {
      super(STRIDE, 2, groups);
      this.stddev = stddev;
    }

    @Override
    public StateColumn empty(int groups) {
      return new Moments(stddev, groups);
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
      Moments o = (Moments) other;
      cells[STRIDE * g] += o.cells[STRIDE * og];
      merge(g, o, og, SUM, sumRest, o.sumRest);
      merge(g, o, og, SQUARES, squaresRest, o.squaresRest);
    }

    private void merge(int g, Moments o, int og, int offset, Rests mine, Rests theirs) {
      ExactSum.addAll(cells, STRIDE * g + offset, o.cells, STRIDE * og + offset);
      mine.set(g, ExactSum.addRest(mine.get(g), theirs.get(og)), capacity());
    }

    @Override
    public Object result(int g) {
      sum.load(cells, STRIDE * g + SUM, sumRest.get(g));
      squares.load(cells, STRIDE * g + SQUARES, squaresRest.get(g));
      return State.Moments.result(stddev, cells[STRIDE * g], sum, squares);
    }

    @Override
    byte kind() {
      return MOMENTS;
    }
  }

  /**
   * {@code min} or {@code max} of a long or double column: the value at 2g (a double as its
   * bits), at 2g + 1 whether there is one; compared and read out as {@link State.Extreme} does.
   */
  static final class Extremes extends StateColumn.Fixed {
    final boolean max;
    final ColumnType type;

    Extremes(boolean max, ColumnType type, int groups) {
      super(2, groups);
      this.max = max;
      this.type = type;
    }

    @Override
    public StateColumn empty(int groups) {
      return new Extremes(max, type, groups);
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
      long[] o = ((Extremes) other).cells;
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
}
