package org.forkreduce.examples.dataframe.table;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * Doubles in the shortest decimal form that reads back as the same double. Public for the
 * dataframe's type inference only ({@code ColumnType}: a double key prints as written or is
 * text); not API.
 */
public final class Doubles {
  private Doubles() {}

  /**
   * The shortest round-trip form, plain ({@code 1234.5}, {@code 0.001}, {@code 100}) for decimal
   * exponents from -7 to 20, scientific ({@code 1.5E-8}, {@code 1E+21}) beyond. The digits come
   * from Schubfach (Jackson's copy of the algorithm behind Java 19's {@code Double.toString}):
   * Java 17's {@code Double.toString} always round-trips but sometimes carries a digit too many.
   */
  public static String shortest(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    String s = DoubleToDecimal.toString(d); // e.g. 123.45, 1.0E-5, -1.2345E21
    int e = s.indexOf('E');
    int end = e < 0 ? s.length() : e;
    int from = d < 0 ? 1 : 0;
    StringBuilder digits = new StringBuilder(20);
    int point = 0; // the decimal point's place among the digits, before dropping leading zeros
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        point = digits.length();
      } else {
        digits.append(c);
      }
    }
    point += e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
    int lead = 0;
    while (digits.charAt(lead) == '0') {
      lead++;
    }
    int last = digits.length();
    while (digits.charAt(last - 1) == '0') {
      last--;
    }
    return format(d < 0, digits.substring(lead, last), point - lead);
  }

  /** Formats the value {@code 0.DIGITS * 10^point}, as {@link java.math.BigDecimal} would. */
  private static String format(boolean negative, String digits, int point) {
    StringBuilder out = new StringBuilder(digits.length() + 12);
    if (negative) {
      out.append('-');
    }
    int exponent = point - 1;
    int n = digits.length();
    if (exponent < -7 || exponent > 20) {
      out.append(digits.charAt(0));
      if (n > 1) {
        out.append('.').append(digits, 1, n);
      }
      return out.append('E').append(exponent > 0 ? "+" : "").append(exponent).toString();
    }
    if (point <= 0) {
      out.append("0.").append("0".repeat(-point)).append(digits);
    } else if (point >= n) {
      out.append(digits).append("0".repeat(point - n));
    } else {
      out.append(digits, 0, point).append('.').append(digits, point, n);
    }
    return out.toString();
  }
}
