package org.forkreduce.examples.dataframe;

import java.util.Arrays;

/**
 * A sum of doubles kept exactly, as Shewchuk's non-overlapping expansion (the algorithm behind
 * Python's {@code math.fsum}), and rounded once when read. The result is the correctly rounded
 * exact sum, so it does not depend on the order of adding or on how partial sums were grouped:
 * every engine, split size and worker count gives the same digits.
 */
final class ExactSum {
  /*
   * Non-overlapping partial sums, increasing in magnitude; their exact sum is the total. The
   * first two (all there are for most sums) live in fields, the rest in an array made when
   * needed: with many groups, a sum that is one object costs one cache miss, not two.
   */
  private double p0;
  private double p1;
  private double[] more;
  private int size;
  /** The sum of the non-finite values (NaN, infinities) seen, which bypass the expansion. */
  private double special;

  void add(double x) {
    if (!Double.isFinite(x)) {
      special += x;
      return;
    }
    int kept = 0;
    for (int j = 0; j < size; j++) {
      double y = get(j);
      if (Math.abs(x) < Math.abs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) {
        set(kept++, lo);
      }
      x = hi;
    }
    set(kept, x);
    size = kept + 1;
  }

  private double get(int j) {
    return j == 0 ? p0 : j == 1 ? p1 : more[j - 2];
  }

  /** Sets partial {@code j}, at most one past the last. */
  private void set(int j, double value) {
    if (j == 0) {
      p0 = value;
    } else if (j == 1) {
      p1 = value;
    } else {
      if (more == null) {
        more = new double[2];
      } else if (j - 2 == more.length) {
        more = Arrays.copyOf(more, more.length * 2);
      }
      more[j - 2] = value;
    }
  }

  /** Adds {@code a * b} exactly: the rounded product and its rounding error. */
  void addProduct(double a, double b) {
    double p = a * b;
    add(p);
    if (Double.isFinite(p)) {
      add(Math.fma(a, b, -p));
    }
  }

  void addAll(ExactSum other) {
    for (int i = 0; i < other.size; i++) {
      add(other.get(i));
    }
    special += other.special;
  }

  /** Adds {@code this * factor} exactly to {@code target}. */
  void addScaledTo(ExactSum target, double factor) {
    for (int i = 0; i < size; i++) {
      target.addProduct(get(i), factor);
    }
    target.special += special * factor;
  }

  /** Adds {@code -(this * other)} exactly to {@code target}. */
  void subtractProductTo(ExactSum target, ExactSum other) {
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < other.size; j++) {
        target.addProduct(-get(i), other.get(j));
      }
    }
    target.special -= special * other.special;
  }

  /** The exact sum rounded to the nearest double, ties to even (as {@code math.fsum}). */
  double value() {
    if (special != 0.0 || Double.isNaN(special)) {
      return special;
    }
    int n = size;
    if (n == 0) {
      return 0.0;
    }
    double hi = get(--n);
    double lo = 0.0;
    while (n > 0) {
      double x = hi;
      double y = get(--n);
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) {
        break;
      }
    }
    // half-way case: the partials below decide whether the tie rounds up or down
    if (n > 0 && ((lo < 0.0 && get(n - 1) < 0.0) || (lo > 0.0 && get(n - 1) > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      if (y == x - hi) {
        hi = x;
      }
    }
    return hi;
  }
}
