package org.forkreduce.examples.dataframe;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Doubles in the shortest decimal form that reads back as the same double. */
final class Doubles {
  private Doubles() {}

  /**
   * The shortest round-trip form, plain ({@code 1234.5}, {@code 0.001}) for exponents from -7 to
   * 20, scientific ({@code 1.5E-8}) beyond. Java 17's {@code Double.toString} always round-trips
   * but sometimes carries a digit too many; this drops digits while the value still reads back.
   */
  static String shortest(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d));
    for (int p = bd.precision() - 1; p >= 1; p--) {
      BigDecimal shorter = bd.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (shorter.doubleValue() != d) {
        break;
      }
      bd = shorter;
    }
    bd = bd.stripTrailingZeros();
    int exponent = bd.precision() - bd.scale() - 1;
    return exponent >= -7 && exponent < 21 ? bd.toPlainString() : bd.toString();
  }
}
