package org.forkreduce.datasets;

import java.util.Locale;

/** Parsing and printing the numbers of the CLI and file names. */
public final class Sizes {
  private Sizes() {}

  /** {@code 10000000} as {@code 1e7}, {@code 25000} as {@code 2.5e4}; as db-benchmark names. */
  static String scientific(long n) {
    int exp = 0;
    long mantissa = n;
    while (mantissa >= 10 && mantissa % 10 == 0) {
      mantissa /= 10;
      exp++;
    }
    if (mantissa < 10) {
      return mantissa + "e" + exp;
    }
    String digits = Long.toString(mantissa);
    return digits.charAt(0) + "." + digits.substring(1) + "e" + (exp + digits.length() - 1);
  }

  /** Parses a count such as {@code 10000}, {@code 1e7} or {@code 2.5e6}. */
  static long count(String text) {
    try {
      double v = Double.parseDouble(text.trim());
      if (v != Math.rint(v) || v < 0 || v > Long.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (long) v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole count; write e.g. 10000"
          + " or 1e7");
    }
  }

  /** Parses a byte size such as {@code 1048576}, {@code 100m} or {@code 1g}. */
  public static long bytes(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    int suffix = v.isEmpty() ? -1 : "kmg".indexOf(v.charAt(v.length() - 1));
    if (suffix >= 0) {
      unit = 1L << (10 * (suffix + 1));
      v = v.substring(0, v.length() - 1);
    }
    try {
      return Math.multiplyExact(Long.parseLong(v), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is not a size; write bytes with an"
          + " optional k, m or g suffix, e.g. 100m");
    }
  }

  /** Appends {@code micros / 1e6} in shortest form: 12.5, 3, 0.000001. */
  static void appendMicros(StringBuilder sb, long micros) {
    sb.append(micros / 1_000_000);
    long frac = micros % 1_000_000;
    if (frac != 0) {
      String digits = Long.toString(frac + 1_000_000).substring(1);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(digits, 0, end);
    }
  }
}
