package org.forkreduce.examples.dataframe;

import java.util.Arrays;

/**
 * A sum of doubles kept exactly, as Shewchuk's non-overlapping expansion (the algorithm behind
 * Python's {@code math.fsum}), and rounded once when read. The result is the correctly rounded
 * exact sum, so it does not depend on the order of adding or on how partial sums were grouped:
 * every engine, split size and worker count gives the same digits.
 */
final class ExactSum {
  /** Non-overlapping partial sums, increasing in magnitude; their exact sum is the total. */
  private double[] partials = new double[2];
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
      double y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) {
        partials[kept++] = lo;
      }
      x = hi;
    }
    if (kept == partials.length) {
      partials = Arrays.copyOf(partials, kept * 2);
    }
    partials[kept] = x;
    size = kept + 1;
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
      add(other.partials[i]);
    }
    special += other.special;
  }

  /** Adds {@code this * factor} exactly to {@code target}. */
  void addScaledTo(ExactSum target, double factor) {
    for (int i = 0; i < size; i++) {
      target.addProduct(partials[i], factor);
    }
    target.special += special * factor;
  }

  /** Adds {@code -(this * other)} exactly to {@code target}. */
  void subtractProductTo(ExactSum target, ExactSum other) {
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < other.size; j++) {
        target.addProduct(-partials[i], other.partials[j]);
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
    double hi = partials[--n];
    double lo = 0.0;
    while (n > 0) {
      double x = hi;
      double y = partials[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) {
        break;
      }
    }
    // half-way case: the partials below decide whether the tie rounds up or down
    if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      if (y == x - hi) {
        hi = x;
      }
    }
    return hi;
  }
}
