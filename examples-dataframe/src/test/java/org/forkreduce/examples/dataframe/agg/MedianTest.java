package org.forkreduce.examples.dataframe.agg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Median by selection against the middle of a sorted copy. */
class MedianTest {
  private static final double[] ODD = {Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, 1.5};

  @Test
  void select_seededArraysWithTiesSignedZerosAndNaN_placesTheKthAsSortingWould() {
    Random random = new Random(606);
    for (int trial = 0; trial < 3_000; trial++) {
      int n = 1 + random.nextInt(trial < 2_000 ? 40 : 3_000);
      double[] a = new double[n + random.nextInt(3)]; // spare room past n, as states have
      int distinct = 1 + random.nextInt(n);
      for (int i = 0; i < n; i++) {
        a[i] = random.nextInt(10) == 0 ? ODD[random.nextInt(ODD.length)]
            : random.nextInt(distinct) * 0.5 - distinct / 4.0;
      }
      double[] sorted = Arrays.copyOf(a, n);
      Arrays.sort(sorted);
      int k = random.nextInt(n);
      MedianState.select(a, n, k);
      assertThat(Double.compare(a[k], sorted[k])).as("n %d k %d", n, k).isZero();
      for (int i = 0; i < n; i++) {
        assertThat(Integer.signum(Double.compare(a[i], a[k]))).as("n %d k %d at %d", n, k, i)
            .isIn(i < k ? new Integer[] {-1, 0} : i > k ? new Integer[] {0, 1}
                : new Integer[] {0});
      }
      double[] back = Arrays.copyOf(a, n);
      Arrays.sort(back);
      assertThat(back).as("same values").isEqualTo(sorted);
    }
  }

  @Test
  void result_oddAndEvenCounts_isTheMiddleOfTheSortedValues() {
    Random random = new Random(607);
    for (int n = 1; n < 300; n++) {
      MedianState m = new MedianState();
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        State.Value v = new State.Value();
        v.asDouble = random.nextInt(5) == 0 ? ODD[random.nextInt(ODD.length - 1) + 1]
            : random.nextGaussian();
        values[i] = v.asDouble;
        m.add(v);
      }
      Arrays.sort(values);
      double expected = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
      assertThat((Double) m.result()).as("n %d", n).isEqualTo(expected);
    }
  }
}
