package org.forkreduce.examples.dataframe.agg;

import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * A sum of any doubles kept exactly, as Shewchuk's non-overlapping expansion (the algorithm
 * behind Python's {@code math.fsum}), and rounded once when read: the part of an {@link ExactSum}
 * that its fixed-point window cannot hold.
 */
final class Expansion {
  /*
   * Non-overlapping partial sums, increasing in magnitude; their exact sum is the total. The
   * first two (all there are for most sums) live in fields, the rest in an array made when
   * needed.
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

  void addAll(Expansion other) {
    for (int i = 0; i < other.size; i++) {
      add(other.get(i));
    }
    special += other.special;
  }

  /** Hands each partial to {@code action}. */
  void forEachPartial(DoubleConsumer action) {
    for (int j = 0; j < size; j++) {
      action.accept(get(j));
    }
  }

  /** The sum of the non-finite values added (NaN, infinities), or 0. */
  double special() {
    return special;
  }

  void addSpecial(double x) {
    special += x;
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
