package org.forkreduce.examples.dataframe;

/** The type of a column's non-empty values. An empty field is NA whatever the type. */
public enum ColumnType {
  LONG, DOUBLE, STRING;

  /** The narrowest type that holds both this type's values and {@code value}. */
  ColumnType widen(String value) {
    if (value.isEmpty() || this == STRING) {
      return this;
    }
    if (this == LONG && isLong(value)) {
      return LONG;
    }
    return isDouble(value) ? DOUBLE : STRING;
  }

  static boolean isLong(String s) {
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static boolean isDouble(String s) {
    try {
      Double.parseDouble(s);
      return !s.endsWith("d") && !s.endsWith("D") && !s.endsWith("f") && !s.endsWith("F");
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
