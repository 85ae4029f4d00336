package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.DefaultSerializer;
import java.util.Arrays;
import org.forkreduce.examples.dataframe.ColumnType;

/**
 * The n largest values of a numeric column, largest first, in an array of the column's type:
 * an update compares primitives, and allocates nothing once n are held.
 */
@DefaultSerializer(StateSerde.class)
final class TopState extends State {
  final int n;
  final boolean exact;
  int size;
  /** The values of a LONG column, else null; made at the first value. */
  long[] longs;
  /** The values of any other column, else null; made at the first value. */
  double[] doubles;

  /** @param type LONG values are kept exactly, the others as doubles */
  TopState(int n, ColumnType type) {
    this.n = n;
    this.exact = type == ColumnType.LONG;
  }

  @Override
  public void add(Value v) {
    offer(v.asLong, v.asDouble);
  }

  private void offer(long l, double d) {
    if (size == n && compareAt(n - 1, l, d) <= 0) {
      return;
    }
    if (size < n) {
      grow();
      size++;
    }
    // equal values keep their order: the new one goes after them
    int i = size - 1;
    for (; i > 0 && compareAt(i - 1, l, d) > 0; i--) {
      set(i, longs(i - 1), doubles(i - 1));
    }
    set(i, l, d);
  }

  /** Compares the offered value with the one held at {@code j}. */
  private int compareAt(int j, long l, double d) {
    return exact ? Long.compare(l, longs[j]) : Double.compare(d, doubles[j]);
  }

  private long longs(int j) {
    return exact ? longs[j] : 0;
  }

  private double doubles(int j) {
    return exact ? longs[j] : doubles[j];
  }

  private void set(int j, long l, double d) {
    if (exact) {
      longs[j] = l;
    } else {
      doubles[j] = d;
    }
  }

  /** Makes room for one more value: four at first, then doubling, up to n. */
  private void grow() {
    int capacity = exact ? (longs == null ? 0 : longs.length)
        : (doubles == null ? 0 : doubles.length);
    if (size == capacity) {
      int next = Math.min(n, Math.max(4, capacity * 2));
      if (exact) {
        longs = longs == null ? new long[next] : Arrays.copyOf(longs, next);
      } else {
        doubles = doubles == null ? new double[next] : Arrays.copyOf(doubles, next);
      }
    }
  }

  @Override
  public void merge(State o) {
    TopState t = (TopState) o;
    for (int j = 0; j < t.size; j++) {
      offer(t.longs(j), t.doubles(j));
    }
  }

  @Override
  public Object result() {
    Object[] out = new Object[size];
    for (int j = 0; j < size; j++) {
      out[j] = exact ? (Object) longs[j] : (Object) doubles[j];
    }
    return out;
  }
}
