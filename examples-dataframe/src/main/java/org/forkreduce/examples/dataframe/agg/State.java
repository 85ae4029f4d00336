package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.DefaultSerializer;
import java.util.Arrays;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.expr.AggCall;

/**
 * The running state of one aggregate over some rows of one group. {@link #add} takes one row's
 * value (never NA: the caller skips those, except for {@code count()}); {@link #merge} folds
 * another state of the same aggregate into this one, so that states can be combined in any
 * grouping and order (the reducer laws). Double sums and moments are kept exactly ({@link
 * ExactSum}) and rounded once, so the digits do not depend on the order of merging: every engine
 * gives the same result. The states of many groups are kept by a {@link StateColumn}: counts,
 * sums, means, var, stddev and the min and max of numbers in arrays ({@link NumericColumns},
 * tested against these objects), the others as these objects.
 */
public abstract class State {

  public abstract void add(Value v);

  public abstract void merge(State other);

  /** The final value: a Long, Double or String, null for NA, or a Value[] for top. */
  public abstract Object result();

  /**
   * One parsed field: a LONG column's value in {@code asLong} (and {@code asDouble}), a DOUBLE
   * column's in {@code asDouble}, a STRING column's in {@code text}; {@code position} orders rows
   * in input order, for {@code first}.
   */
  public static final class Value {
    public ColumnType type;
    public long asLong;
    public double asDouble;
    public String text;
    public String position;
  }

  public static State create(AggCall call, ColumnType type) {
    return switch (call.function()) {
      case "count" -> new Count();
      case "sum" -> type == ColumnType.LONG ? new LongSum() : new DoubleSum(false);
      case "mean" -> new DoubleSum(true);
      case "min" -> new Extreme(false, type);
      case "max" -> new Extreme(true, type);
      case "median" -> new Median();
      case "var" -> new Moments(false);
      case "stddev" -> new Moments(true);
      case "first" -> new First();
      case "top" -> new Top(call.n(), type);
      case "corr" -> new Corr();
      default -> throw new IllegalArgumentException(call.function());
    };
  }

  static final class Count extends State {
    long n;

    @Override
    public void add(Value v) {
      n++;
    }

    @Override
    public void merge(State o) {
      n += ((Count) o).n;
    }

    @Override
    public Object result() {
      return n;
    }
  }

  static final class LongSum extends State {
    long sum;
    long n;

    @Override
    public void add(Value v) {
      sum = Math.addExact(sum, v.asLong);
      n++;
    }

    @Override
    public void merge(State o) {
      LongSum s = (LongSum) o;
      sum = Math.addExact(sum, s.sum);
      n += s.n;
    }

    @Override
    public Object result() {
      return n == 0 ? null : sum;
    }
  }

  /** An exact sum of doubles; the mean when asked. */
  static final class DoubleSum extends State {
    final boolean mean;
    final ExactSum sum = new ExactSum();
    long n;

    DoubleSum(boolean mean) {
      this.mean = mean;
    }

    @Override
    public void add(Value v) {
      sum.add(v.asDouble);
      n++;
    }

    @Override
    public void merge(State o) {
      DoubleSum s = (DoubleSum) o;
      sum.addAll(s.sum);
      n += s.n;
    }

    @Override
    public Object result() {
      if (n == 0) {
        return null;
      }
      return mean ? sum.value() / n : sum.value();
    }
  }

  /**
   * The smallest or largest value, kept in this object's fields: with many groups, an update
   * reads no object but this one.
   */
  @DefaultSerializer(StateSerde.class)
  static final class Extreme extends State {
    final boolean max;
    final ColumnType type;
    boolean seen;
    long asLong;
    double asDouble;
    String text;

    Extreme(boolean max, ColumnType type) {
      this.max = max;
      this.type = type;
    }

    @Override
    public void add(Value v) {
      offer(v.asLong, v.asDouble, v.text);
    }

    private void offer(long l, double d, String t) {
      int c = seen ? compare(type, l, d, t, asLong, asDouble, text) : 0;
      if (!seen || (max ? c > 0 : c < 0)) {
        seen = true;
        asLong = l;
        asDouble = d;
        text = t;
      }
    }

    @Override
    public void merge(State o) {
      Extreme e = (Extreme) o;
      if (e.seen) {
        offer(e.asLong, e.asDouble, e.text);
      }
    }

    @Override
    public Object result() {
      return seen ? typed(type, asLong, asDouble, text) : null;
    }
  }

  /** A median state's values; a column of them is a {@link MedianColumn}. */
  static final class Median extends State {
    double[] values = new double[4];
    int n;

    @Override
    public void add(Value v) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = v.asDouble;
    }

    @Override
    public void merge(State o) {
      Median m = (Median) o;
      if (n + m.n > values.length) {
        values = Arrays.copyOf(values, Math.max(n + m.n, values.length * 2));
      }
      System.arraycopy(m.values, 0, values, n, m.n);
      n += m.n;
    }

    @Override
    public Object result() {
      return n == 0 ? null : median(values, n);
    }

    /**
     * The middle of {@code a[0, n)} ({@code n > 0}), or the mean of the two middle values, in
     * {@link Double#compare} order (as {@code Arrays.sort} would place them). Found by
     * selection, which reorders the values (a median does not depend on their order) instead of
     * sorting a copy: sorting took most of building q6's table.
     */
    static double median(double[] a, int n) {
      int k = n / 2;
      select(a, n, k);
      if (n % 2 == 1) {
        return a[k];
      }
      double below = a[0]; // the largest of the k values selection put before a[k]
      for (int i = 1; i < k; i++) {
        below = Double.compare(a[i], below) > 0 ? a[i] : below;
      }
      return (below + a[k]) / 2;
    }

    /**
     * Puts the k-th smallest of {@code a[0, n)} at {@code a[k]}, smaller or equal ones before it
     * and greater or equal ones after (Hoare's selection, median-of-three pivots). Should the
     * pivots keep splitting badly, the remaining range is sorted instead.
     */
    static void select(double[] a, int n, int k) {
      int lo = 0;
      int hi = n - 1;
      for (int round = 0; hi > lo; round++) {
        if (round == 64) {
          Arrays.sort(a, lo, hi + 1);
          return;
        }
        double pivot = middle(a[lo], a[(lo + hi) >>> 1], a[hi]);
        int i = lo;
        int j = hi;
        while (i <= j) {
          while (Double.compare(a[i], pivot) < 0) {
            i++;
          }
          while (Double.compare(a[j], pivot) > 0) {
            j--;
          }
          if (i <= j) {
            double t = a[i];
            a[i++] = a[j];
            a[j--] = t;
          }
        }
        if (k <= j) {
          hi = j;
        } else if (k >= i) {
          lo = i;
        } else {
          return; // a[j + 1, i) all equal the pivot, and k is among them
        }
      }
    }

    private static double middle(double x, double y, double z) {
      if (Double.compare(x, y) > 0) {
        double t = x;
        x = y;
        y = t;
      }
      return Double.compare(y, z) <= 0 ? y : Double.compare(x, z) >= 0 ? x : z;
    }
  }

  /** Count, mean and sum of squared deviations, merged by Chan's formula; var or stddev. */
  static final class Moments extends State {
    final boolean stddev;
    long n;
    final ExactSum sum = new ExactSum();
    final ExactSum squares = new ExactSum();

    Moments(boolean stddev) {
      this.stddev = stddev;
    }

    @Override
    public void add(Value v) {
      n++;
      sum.add(v.asDouble);
      squares.addProduct(v.asDouble, v.asDouble);
    }

    @Override
    public void merge(State o) {
      Moments b = (Moments) o;
      n += b.n;
      sum.addAll(b.sum);
      squares.addAll(b.squares);
    }

    @Override
    public Object result() {
      return result(stddev, n, sum, squares);
    }

    /** The sample variance or standard deviation of {@code n} values of these sums; NA below 2. */
    static Object result(boolean stddev, long n, ExactSum sum, ExactSum squares) {
      if (n < 2) {
        return null;
      }
      double var = Math.max(0.0, centered(n, squares, sum, sum)) / ((double) n * (n - 1));
      return stddev ? Math.sqrt(var) : var;
    }
  }

  /**
   * {@code n * sumXY - sumX * sumY}, which is n times the co-moment, computed exactly and rounded
   * once: no cancellation, and the same digits whatever the order of the rows.
   */
  static double centered(long n, ExactSum sumXY, ExactSum sumX, ExactSum sumY) {
    ExactSum t = new ExactSum();
    sumXY.addScaledTo(t, n);
    sumX.subtractProductTo(t, sumY);
    return t.value();
  }

  /** The value of the row that comes first in input order (file, then position). */
  static final class First extends State {
    Value first;

    @Override
    public void add(Value v) {
      if (first == null || v.position.compareTo(first.position) < 0) {
        first = copy(v);
      }
    }

    @Override
    public void merge(State o) {
      Value other = ((First) o).first;
      if (other != null) {
        add(other);
      }
    }

    @Override
    public Object result() {
      return first == null ? null : typed(first);
    }
  }

  /**
   * The n largest values of a numeric column, largest first, in an array of the column's type:
   * an update compares primitives, and allocates nothing once n are held.
   */
  @DefaultSerializer(StateSerde.class)
  static final class Top extends State {
    final int n;
    final boolean exact;
    int size;
    /** The values of a LONG column, else null; made at the first value. */
    long[] longs;
    /** The values of any other column, else null; made at the first value. */
    double[] doubles;

    /** @param type LONG values are kept exactly, the others as doubles */
    Top(int n, ColumnType type) {
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
      Top t = (Top) o;
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

  /** Pearson correlation from co-moments, merged by Chan's formula. */
  @DefaultSerializer(StateSerde.class)
  static final class Corr extends State {
    long n;
    final ExactSum sx = new ExactSum();
    final ExactSum sy = new ExactSum();
    final ExactSum sxx = new ExactSum();
    final ExactSum syy = new ExactSum();
    final ExactSum sxy = new ExactSum();
    double pendingX;
    /** Whether pendingX came from a long column and holds that long exactly. */
    private boolean pendingIsLong;
    /**
     * The five sums of the pairs added as longs, exactly, while they fit: part of the sums
     * above, settled into them before those are read. Such a pair costs a few integer
     * operations instead of eight exact double additions. Longs beyond 2^53 take the double
     * path, as they always did, so the result is the same to the last bit either way.
     */
    private long lx;
    private long ly;
    private long lxx;
    private long lyy;
    private long lxy;
    private boolean overflowed;

    /** The five sums, in the order they are written, with the long pairs settled in. */
    ExactSum[] sums() {
      settle();
      return new ExactSum[] {sx, sy, sxx, syy, sxy};
    }

    private void settle() {
      sx.addLong(lx);
      sy.addLong(ly);
      sxx.addLong(lxx);
      syy.addLong(lyy);
      sxy.addLong(lxy);
      lx = ly = lxx = lyy = lxy = 0;
    }

    /** Adds the pair to the long sums; false, changing nothing, if a sum would overflow. */
    private boolean addLongs(long x, long y) {
      try {
        long nx = Math.addExact(lx, x);
        long ny = Math.addExact(ly, y);
        long nxx = Math.addExact(lxx, Math.multiplyExact(x, x));
        long nyy = Math.addExact(lyy, Math.multiplyExact(y, y));
        long nxy = Math.addExact(lxy, Math.multiplyExact(x, y));
        lx = nx;
        ly = ny;
        lxx = nxx;
        lyy = nyy;
        lxy = nxy;
        n++;
        return true;
      } catch (ArithmeticException e) {
        overflowed = true; // values this large take the double path from now on
        return false;
      }
    }

    private static boolean exactDouble(Value v) {
      return v.type == ColumnType.LONG && v.asLong >= -(1L << 53) && v.asLong <= 1L << 53;
    }

    /** Corr takes two values: x first, then y. */
    void addPair(double x, double y) {
      n++;
      sx.add(x);
      sy.add(y);
      sxx.addProduct(x, x);
      syy.addProduct(y, y);
      sxy.addProduct(x, y);
    }

    @Override
    public void add(Value v) {
      pendingX = v.asDouble;
      pendingIsLong = !overflowed && exactDouble(v);
    }

    void addY(Value v) {
      if (!pendingIsLong || !exactDouble(v) || !addLongs((long) pendingX, v.asLong)) {
        addPair(pendingX, v.asDouble);
      }
    }

    @Override
    public void merge(State o) {
      Corr b = (Corr) o;
      settle();
      b.settle();
      n += b.n;
      sx.addAll(b.sx);
      sy.addAll(b.sy);
      sxx.addAll(b.sxx);
      syy.addAll(b.syy);
      sxy.addAll(b.sxy);
    }

    @Override
    public Object result() {
      if (n < 2) {
        return null;
      }
      settle();
      double vx = centered(n, sxx, sx, sx);
      double vy = centered(n, syy, sy, sy);
      if (vx <= 0 || vy <= 0) {
        return null;
      }
      return centered(n, sxy, sx, sy) / Math.sqrt(vx * vy);
    }
  }

  /**
   * Orders two values of a column of {@code type}, each given as its three fields: text by
   * string, longs exactly, doubles as doubles.
   */
  static int compare(ColumnType type, long l1, double d1, String t1, long l2, double d2,
      String t2) {
    return switch (type) {
      case STRING -> t1.compareTo(t2);
      case LONG -> Long.compare(l1, l2);
      case DOUBLE -> Double.compare(d1, d2);
    };
  }

  static Value copy(Value v) {
    Value c = new Value();
    c.type = v.type;
    c.asLong = v.asLong;
    c.asDouble = v.asDouble;
    c.text = v.text;
    c.position = v.position;
    return c;
  }

  static Object typed(Value v) {
    return typed(v.type, v.asLong, v.asDouble, v.text);
  }

  static Object typed(ColumnType type, long l, double d, String t) {
    return switch (type) {
      case LONG -> l;
      case DOUBLE -> d;
      case STRING -> t;
    };
  }
}
