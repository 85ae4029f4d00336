package org.forkreduce.datasets;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to {@code 1 / (rank + 1)^s}, in constant time
 * per draw by Vose's alias method.
 */
final class ZipfSampler {
  private final double[] probability;
  private final int[] alias;

  ZipfSampler(int n, double s) {
    if (n < 1 || !(s > 0)) {
      throw new IllegalArgumentException("need n >= 1 and s > 0, got n=" + n + ", s=" + s);
    }
    double[] weights = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = 1 / Math.pow(i + 1, s);
      total += weights[i];
    }
    probability = new double[n];
    alias = new int[n];
    ArrayDeque<Integer> small = new ArrayDeque<>();
    ArrayDeque<Integer> large = new ArrayDeque<>();
    double[] scaled = new double[n];
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / total;
      (scaled[i] < 1 ? small : large).add(i);
    }
    while (!small.isEmpty() && !large.isEmpty()) {
      int less = small.poll();
      int more = large.poll();
      probability[less] = scaled[less];
      alias[less] = more;
      scaled[more] = scaled[more] + scaled[less] - 1;
      (scaled[more] < 1 ? small : large).add(more);
    }
    for (int i : large) {
      probability[i] = 1;
    }
    for (int i : small) {
      probability[i] = 1;
    }
  }

  int sample(SplittableRandom random) {
    int column = random.nextInt(probability.length);
    return random.nextDouble() < probability[column] ? column : alias[column];
  }
}
