package org.forkreduce.examples.dataframe.agg;

import java.util.Arrays;

/** A median state's values; a column of them is a {@link MedianStateColumn}. */
final class MedianState extends State {
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
    MedianState m = (MedianState) o;
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
