package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import org.forkreduce.examples.dataframe.table.ResultColumn;

/**
 * {@code sum} of a double column, or {@code mean}: group g's exact sum is the fixed-point
 * limbs at {@code cells[STRIDE * g ...]} plus, rarely, values outside their window in
 * {@code rest} (see {@link ExactSum}); its number of values follows the limbs, so that a row's
 * update touches one run of longs. Adds and merges use ExactSum's static methods on the
 * array; a result loads the sum into a scratch {@link ExactSum}, so the arithmetic is
 * ExactSum's own.
 */
final class DoubleSumStateColumn extends FixedStateColumn {
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

  DoubleSumStateColumn(boolean mean, int groups) {
    super(STRIDE, 1, groups);
    this.mean = mean;
  }

  @Override
  public StateColumn empty(int groups) {
    return new DoubleSumStateColumn(mean, groups);
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
  public long heldBytes() {
    return super.heldBytes() + (singles == null ? 0 : 8L * singles.length);
  }

  @Override
  public long touch(int[] groups, int rows) {
    exact();
    return super.touch(groups, rows);
  }

  @Override
  public void copy(int g, StateColumn other, int og) {
    exact();
    ((DoubleSumStateColumn) other).exact();
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
    DoubleSumStateColumn o = (DoubleSumStateColumn) other;
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
   * else the exact sums ({@link FixedStateColumn#write}).
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
