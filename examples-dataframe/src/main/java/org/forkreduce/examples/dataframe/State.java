package org.forkreduce.examples.dataframe;

import java.util.Arrays;

/**
 * The running state of one aggregate over some rows of one group. {@link #add} takes one row's
 * value (never NA: the caller skips those, except for {@code count()}); {@link #merge} folds
 * another state of the same aggregate into this one, so that states can be combined in any
 * grouping and order (the reducer laws). Double sums and moments are kept exactly ({@link
 * ExactSum}) and rounded once, so the digits do not depend on the order of merging: every engine
 * gives the same result.
 */
abstract class State {

  abstract void add(Value v);

  abstract void merge(State other);

  /** The final value: a Long, Double or String, null for NA, or a Value[] for top. */
  abstract Object result();

  /**
   * One parsed field: a LONG column's value in {@code asLong} (and {@code asDouble}), a DOUBLE
   * column's in {@code asDouble}, a STRING column's in {@code text}; {@code position} orders rows
   * in input order, for {@code first}.
   */
  static final class Value {
    ColumnType type;
    long asLong;
    double asDouble;
    String text;
    String position;
  }

  static State create(AggCall call, ColumnType type) {
    return switch (call.function()) {
      case "count" -> new Count();
      case "sum" -> type == ColumnType.LONG ? new LongSum() : new DoubleSum(false);
      case "mean" -> new DoubleSum(true);
      case "min" -> new Extreme(false);
      case "max" -> new Extreme(true);
      case "median" -> new Median();
      case "var" -> new Moments(false);
      case "stddev" -> new Moments(true);
      case "first" -> new First();
      case "top" -> new Top(call.n());
      case "corr" -> new Corr();
      default -> throw new IllegalArgumentException(call.function());
    };
  }

  static final class Count extends State {
    long n;

    @Override
    void add(Value v) {
      n++;
    }

    @Override
    void merge(State o) {
      n += ((Count) o).n;
    }

    @Override
    Object result() {
      return n;
    }
  }

  static final class LongSum extends State {
    long sum;
    long n;

    @Override
    void add(Value v) {
      sum = Math.addExact(sum, v.asLong);
      n++;
    }

    @Override
    void merge(State o) {
      LongSum s = (LongSum) o;
      sum = Math.addExact(sum, s.sum);
      n += s.n;
    }

    @Override
    Object result() {
      return n == 0 ? null : sum;
    }
  }

  /** Neumaier-compensated sum; the mean when asked. */
  static final class DoubleSum extends State {
    final boolean mean;
    final ExactSum sum = new ExactSum();
    long n;

    DoubleSum(boolean mean) {
      this.mean = mean;
    }

    @Override
    void add(Value v) {
      sum.add(v.asDouble);
      n++;
    }

    @Override
    void merge(State o) {
      DoubleSum s = (DoubleSum) o;
      sum.addAll(s.sum);
      n += s.n;
    }

    @Override
    Object result() {
      if (n == 0) {
        return null;
      }
      return mean ? sum.value() / n : sum.value();
    }
  }

  static final class Extreme extends State {
    final boolean max;
    Value best;

    Extreme(boolean max) {
      this.max = max;
    }

    @Override
    void add(Value v) {
      if (best == null || better(v, best)) {
        best = copy(v);
      }
    }

    private boolean better(Value a, Value b) {
      int c = compare(a, b);
      return max ? c > 0 : c < 0;
    }

    @Override
    void merge(State o) {
      Value other = ((Extreme) o).best;
      if (other != null) {
        add(other);
      }
    }

    @Override
    Object result() {
      return best == null ? null : typed(best);
    }
  }

  static final class Median extends State {
    double[] values = new double[4];
    int n;

    @Override
    void add(Value v) {
      if (n == values.length) {
        values = Arrays.copyOf(values, n * 2);
      }
      values[n++] = v.asDouble;
    }

    @Override
    void merge(State o) {
      Median m = (Median) o;
      if (n + m.n > values.length) {
        values = Arrays.copyOf(values, Math.max(n + m.n, values.length * 2));
      }
      System.arraycopy(m.values, 0, values, n, m.n);
      n += m.n;
    }

    @Override
    Object result() {
      if (n == 0) {
        return null;
      }
      double[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
    void add(Value v) {
      n++;
      sum.add(v.asDouble);
      squares.addProduct(v.asDouble, v.asDouble);
    }

    @Override
    void merge(State o) {
      Moments b = (Moments) o;
      n += b.n;
      sum.addAll(b.sum);
      squares.addAll(b.squares);
    }

    @Override
    Object result() {
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
    void add(Value v) {
      if (first == null || v.position.compareTo(first.position) < 0) {
        first = copy(v);
      }
    }

    @Override
    void merge(State o) {
      Value other = ((First) o).first;
      if (other != null) {
        add(other);
      }
    }

    @Override
    Object result() {
      return first == null ? null : typed(first);
    }
  }

  /** The n largest values, largest first. */
  static final class Top extends State {
    final int n;
    Value[] values = new Value[0];

    Top(int n) {
      this.n = n;
    }

    @Override
    void add(Value v) {
      if (values.length == n && compare(v, values[n - 1]) <= 0) {
        return;
      }
      Value[] next = Arrays.copyOf(values, Math.min(n, values.length + 1));
      int i = Math.min(values.length, n - 1);
      while (i > 0 && compare(v, next[i - 1]) > 0) {
        next[i] = next[i - 1];
        i--;
      }
      next[i] = copy(v);
      values = next;
    }

    @Override
    void merge(State o) {
      for (Value v : ((Top) o).values) {
        add(v);
      }
    }

    @Override
    Object result() {
      Object[] out = new Object[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = typed(values[i]);
      }
      return out;
    }
  }

  /** Pearson correlation from co-moments, merged by Chan's formula. */
  static final class Corr extends State {
    long n;
    final ExactSum sx = new ExactSum();
    final ExactSum sy = new ExactSum();
    final ExactSum sxx = new ExactSum();
    final ExactSum syy = new ExactSum();
    final ExactSum sxy = new ExactSum();
    private double pendingX;

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
    void add(Value v) {
      pendingX = v.asDouble;
    }

    void addY(Value v) {
      addPair(pendingX, v.asDouble);
    }

    @Override
    void merge(State o) {
      Corr b = (Corr) o;
      n += b.n;
      sx.addAll(b.sx);
      sy.addAll(b.sy);
      sxx.addAll(b.sxx);
      syy.addAll(b.syy);
      sxy.addAll(b.sxy);
    }

    @Override
    Object result() {
      if (n < 2) {
        return null;
      }
      double vx = centered(n, sxx, sx, sx);
      double vy = centered(n, syy, sy, sy);
      if (vx <= 0 || vy <= 0) {
        return null;
      }
      return centered(n, sxy, sx, sy) / Math.sqrt(vx * vy);
    }
  }

  /** Orders values of one column: text by string, longs exactly, others as doubles. */
  static int compare(Value a, Value b) {
    if (a.type == ColumnType.STRING) {
      return a.text.compareTo(b.text);
    }
    return a.type == ColumnType.LONG ? Long.compare(a.asLong, b.asLong)
        : Double.compare(a.asDouble, b.asDouble);
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
    return switch (v.type) {
      case LONG -> v.asLong;
      case DOUBLE -> v.asDouble;
      case STRING -> v.text;
    };
  }
}
