package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Arrays;
import org.forkreduce.examples.dataframe.table.ResultColumn;

/**
 * {@code median}: each group's values in an array of its own, filled from the front and grown
 * by doubling, its count beside it. A row's add is a store at the end of its group's array, with
 * no state object to call through; a merge appends the other group's values. Reads out as
 * {@link MedianState} does.
 */
final class MedianStateColumn extends StateColumn {
  private static final double[] NONE = {};
  private double[][] values;
  private int[] counts;
  /** The length of every group's array, summed as they grow: {@link #heldBytes} in O(1). */
  private long lengths;
  /** Group g's median once {@link #prepareResults} has found it, else null. */
  private double[] medians;

  MedianStateColumn(int groups) {
    values = new double[Math.max(4, groups)][];
    counts = new int[values.length];
  }

  @Override
  public StateColumn empty(int groups) {
    return new MedianStateColumn(groups);
  }

  @Override
  public void reserve(int groups) {
    if (groups > values.length) {
      int n = grown(values.length, groups);
      values = Arrays.copyOf(values, n);
      counts = Arrays.copyOf(counts, n);
    }
  }

  @Override
  public long heldBytes() {
    return 12L * values.length + 8 * lengths;
  }

  @Override
  public void newGroup(int g) {
    values[g] = NONE;
    counts[g] = 0;
  }

  @Override
  public void add(int g, State.Value[] row) {
    double[] a = values[g];
    int n = counts[g];
    if (n == a.length) {
      a = values[g] = Arrays.copyOf(a, Math.max(8, 2 * n));
      lengths += a.length - n;
    }
    a[n] = row[0].asDouble;
    counts[g] = n + 1;
  }

  /** Takes {@code other}'s group {@code og} over: its array, which other must not use again. */
  @Override
  public void copy(int g, StateColumn other, int og) {
    MedianStateColumn o = (MedianStateColumn) other;
    lengths += o.values[og].length - (values[g] == null ? 0 : values[g].length);
    values[g] = o.values[og];
    counts[g] = o.counts[og];
  }

  @Override
  public void merge(int g, StateColumn other, int og) {
    MedianStateColumn o = (MedianStateColumn) other;
    int n = counts[g];
    int more = o.counts[og];
    if (n + more > values[g].length) {
      int length = values[g].length;
      values[g] = Arrays.copyOf(values[g], Math.max(n + more, 2 * n));
      lengths += values[g].length - length;
    }
    System.arraycopy(o.values[og], 0, values[g], n, more);
    counts[g] = n + more;
  }

  @Override
  public void prepareResults(int size) {
    double[] found = new double[size];
    for (int g = 0; g < size; g++) {
      found[g] = counts[g] == 0 ? 0 : MedianState.median(values[g], counts[g]);
    }
    medians = found;
  }

  @Override
  public Object result(int g) {
    return counts[g] == 0 ? null : median(g);
  }

  @Override
  public void resultInto(int g, ResultColumn out) {
    if (counts[g] == 0) {
      out.add(null);
    } else {
      out.addDouble(median(g));
    }
  }

  private double median(int g) {
    return medians != null ? medians[g] : MedianState.median(values[g], counts[g]);
  }

  @Override
  byte kind() {
    return MEDIANS;
  }

  @Override
  void write(Kryo kryo, Output out, int size) {
    for (int g = 0; g < size; g++) {
      out.writeVarInt(counts[g], true);
      out.writeDoubles(values[g], 0, counts[g]);
    }
  }

  @Override
  void read(Kryo kryo, Input in, int size) {
    for (int g = 0; g < size; g++) {
      counts[g] = in.readVarInt(true);
      values[g] = in.readDoubles(counts[g]);
      lengths += counts[g];
    }
  }
}
