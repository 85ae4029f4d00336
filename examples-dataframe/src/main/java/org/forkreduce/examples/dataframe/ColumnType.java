package org.forkreduce.examples.dataframe;

import java.util.regex.Pattern;
import org.forkreduce.examples.dataframe.table.Doubles;

/** The type of a column's non-empty values. An empty field is NA whatever the type. */
public enum ColumnType {
  LONG, DOUBLE, STRING;

  /** An integer as a long prints it: an optional minus, then 0 or digits without a leading 0. */
  private static final Pattern INTEGER = Pattern.compile("-?(?:0|[1-9][0-9]*)");
  /** A decimal number without a leading zero or plus: {@code 12.50}, {@code .5}, {@code 1e-3}. */
  private static final Pattern DECIMAL =
      Pattern.compile("-?(?=\\.?[0-9])(?:0|[1-9][0-9]*)?(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?");

  /**
   * Whether a non-empty {@code value} of a column of this type prints exactly as written: a
   * LONG as {@link Long#toString}, a DOUBLE in the result's shortest round-trip form, text
   * always. A group key that does not is a bad record, never a rewritten key.
   */
  public boolean printsAsWritten(String value) {
    try {
      return switch (this) {
        case LONG -> Long.toString(Long.parseLong(value)).equals(value);
        case DOUBLE -> {
          double d = Double.parseDouble(value);
          yield Double.isFinite(d) && Doubles.shortest(d).equals(value);
        }
        case STRING -> true;
      };
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Whether an aggregate's {@code value} is read as a number of this type without a doubt: an
   * integer in a long's range for LONG ({@code 0}, {@code -42}), a decimal number, not an
   * integer beyond a long's range, for DOUBLE ({@code 12.50}, {@code 1e-3}), anything for
   * STRING. A leading zero ({@code 007}), a plus sign, spaces, hex or a suffix ({@code 1d}) make
   * a value text, as DuckDB's sniffer reads them.
   */
  boolean reads(String value) {
    return switch (this) {
      case LONG -> INTEGER.matcher(value).matches() && fitsLong(value);
      case DOUBLE -> DECIMAL.matcher(value).matches()
          && (fitsLong(value) || !INTEGER.matcher(value).matches());
      case STRING -> true;
    };
  }

  private static boolean fitsLong(String s) {
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The type a sample of one column's values infers: the narrowest of LONG, DOUBLE, STRING that
   * takes every non-empty value (LONG if none), where a group key column's values must also
   * {@link #printsAsWritten} and an aggregate-only column's must be {@link #reads read} without
   * a doubt.
   */
  static final class Inference {
    private final boolean key;
    private boolean isLong = true;
    private boolean isDouble = true;

    /** @param key whether the column is a group key: its values must print as written */
    Inference(boolean key) {
      this.key = key;
    }

    /** Takes a sampled value into account; an empty one (NA) fits every type. */
    void add(String value) {
      if (value.isEmpty()) {
        return;
      }
      isLong = isLong && fits(LONG, value);
      isDouble = isDouble && fits(DOUBLE, value);
    }

    private boolean fits(ColumnType type, String value) {
      return key ? type.printsAsWritten(value) : type.reads(value);
    }

    /** The type inferred from the values so far. */
    ColumnType type() {
      return isLong ? LONG : isDouble ? DOUBLE : STRING;
    }
  }
}
