package org.forkreduce.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/** Textbook formulas over one group's values (NaN is NA), for the single-thread loop. */
final class LoopFormulas {
  private LoopFormulas() {}

  static List<Double> answer(String q, double[] v1, double[] v2, double[] v3) {
    return switch (q) {
      case "q1", "q2" -> List.of(sum(v1));
      case "q3" -> List.of(sum(v1), mean(v3));
      case "q4" -> List.of(mean(v1), mean(v2), mean(v3));
      case "q5" -> List.of(sum(v1), sum(v2), sum(v3));
      case "q6" -> List.of(median(v3), stddev(v3));
      case "q7" -> List.of(present(v1).max().orElse(Double.NaN)
          - present(v2).min().orElse(Double.NaN));
      case "q8" -> top2(v3);
      case "q9" -> List.of(r2(v1, v2));
      case "q10" -> List.of(sum(v3), (double) v3.length);
      default -> throw new IllegalArgumentException(q);
    };
  }

  private static DoubleStream present(double[] v) {
    return Arrays.stream(v).filter(d -> !Double.isNaN(d));
  }

  private static double sum(double[] v) {
    return present(v).sum();
  }

  private static double mean(double[] v) {
    return present(v).average().orElse(Double.NaN);
  }

  private static double median(double[] v) {
    double[] s = present(v).sorted().toArray();
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double stddev(double[] v) {
    double[] p = present(v).toArray();
    if (p.length < 2) {
      return Double.NaN;
    }
    double m = Arrays.stream(p).average().getAsDouble();
    return Math.sqrt(Arrays.stream(p).map(x -> (x - m) * (x - m)).sum() / (p.length - 1));
  }

  private static List<Double> top2(double[] v) {
    double[] s = present(v).sorted().toArray();
    List<Double> out = new ArrayList<>();
    for (int i = s.length - 1; i >= Math.max(0, s.length - 2); i--) {
      out.add(s[i]);
    }
    return out;
  }

  private static double r2(double[] x, double[] y) {
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        sx += x[i];
        sy += y[i];
        n++;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double mx = sx / n;
    double my = sy / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
      }
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return r * r;
  }
}
