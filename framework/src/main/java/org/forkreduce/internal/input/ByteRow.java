package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.util.List;
import org.forkreduce.CsvRow;

/**
 * A row over the bytes of the file as read: field {@code i} is {@code bytes[from(i), to(i))}, the
 * text between its quotes if it was quoted. A quoted field that holds doubled quotes is marked
 * (its end stored as {@code ~end}) and unescaped only when asked for, by way of {@link #get}; so
 * are fields with non-ASCII bytes where bytes are asked for, so that every answer agrees with
 * {@code get}, which replaces malformed UTF-8 as the decoder of the text path does.
 */
final class ByteRow implements CsvRow {
  private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
      1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

  private final String quote;
  Header header;
  byte[] bytes;
  /** Field i spans bounds[2i] to bounds[2i + 1], or ~bounds[2i + 1] if it holds doubled quotes. */
  int[] bounds;
  int size;

  ByteRow(char quote) {
    this.quote = String.valueOf(quote);
  }

  private int from(int i) {
    return bounds[2 * i];
  }

  private int to(int i) {
    int end = bounds[2 * i + 1];
    return end < 0 ? ~end : end;
  }

  private boolean escaped(int i) {
    return bounds[2 * i + 1] < 0;
  }

  @Override
  public String get(int i) {
    String text = new String(bytes, from(i), to(i) - from(i), UTF_8);
    return escaped(i) ? text.replace(quote + quote, quote) : text;
  }

  @Override
  public boolean isEmpty(int i) {
    return from(i) == to(i);
  }

  @Override
  public long getLong(int i) {
    int p = from(i);
    int end = to(i);
    boolean negative = p < end && bytes[p] == '-';
    if (p < end && (negative || bytes[p] == '+')) {
      p++;
    }
    // up to 18 digits cannot overflow; anything else is Long.parseLong's to judge
    if (p == end || end - p > 18 || escaped(i)) {
      return Long.parseLong(get(i));
    }
    long value = 0;
    for (; p < end; p++) {
      int digit = bytes[p] - '0';
      if (digit < 0 || digit > 9) {
        return Long.parseLong(get(i));
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  @Override
  public double getDouble(int i) {
    double plain = plainDecimal(from(i), to(i));
    if (plain == plain) { // not NaN: the field was a plain decimal
      return plain;
    }
    if (!escaped(i)) {
      try {
        return JavaDoubleParser.parseDouble(bytes, from(i), to(i) - from(i));
      } catch (NumberFormatException e) {
        // fall through: Double.parseDouble decides, and words the message
      }
    }
    return Double.parseDouble(get(i));
  }

  /**
   * The value of {@code bytes[from, to)} if it is a plain decimal, {@code [-]digits[.digits]}
   * with 1 to 15 digits, else NaN. Then the digits as a long and the power of ten they are
   * divided by (at most 10^15) are both exact doubles, so the one division rounds correctly:
   * the double {@code Double.parseDouble} gives (Clinger's fast path), at a fraction of a full
   * parse's cost.
   */
  private double plainDecimal(int from, int to) {
    int p = from;
    boolean negative = p < to && bytes[p] == '-';
    if (negative) {
      p++;
    }
    long digits = 0;
    int count = 0;
    int point = -1;
    for (; p < to; p++) {
      int d = bytes[p] - '0';
      if (d >= 0 && d <= 9) {
        digits = digits * 10 + d;
        count++;
      } else if (bytes[p] == '.' && point < 0) {
        point = count;
      } else {
        return Double.NaN;
      }
    }
    if (count == 0 || count > 15) {
      return Double.NaN;
    }
    double value = point < 0 ? digits : digits / POWERS_OF_TEN[count - point];
    return negative ? -value : value;
  }

  @Override
  public int utf8Length(int i) {
    return ascii(i) ? to(i) - from(i) : CsvRow.super.utf8Length(i);
  }

  @Override
  public void copyUtf8(int i, byte[] dest, int at) {
    if (ascii(i)) {
      System.arraycopy(bytes, from(i), dest, at, to(i) - from(i));
    } else {
      CsvRow.super.copyUtf8(i, dest, at);
    }
  }

  /** Plain ASCII, no doubled quotes: the bytes are the field's UTF-8 as they stand. */
  private boolean ascii(int i) {
    if (escaped(i)) {
      return false;
    }
    for (int p = from(i), end = to(i); p < end; p++) {
      if (bytes[p] < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int indexOf(String name) {
    return header.indexOf(name);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public List<String> columns() {
    return header.names;
  }

  @Override
  public String toString() {
    return toList().toString();
  }
}
