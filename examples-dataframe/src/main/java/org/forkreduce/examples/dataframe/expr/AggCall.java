package org.forkreduce.examples.dataframe.expr;

import java.util.List;
import java.util.Set;

/**
 * One aggregate function applied to columns: {@code count()}, {@code sum(v1)},
 * {@code corr(v1, v2)}, {@code top(v3, 2)}.
 *
 * @param function the function's name, lowercase
 * @param columns the columns it reads (none for {@code count()})
 * @param n the count of {@code top}, else 0
 */
public record AggCall(String function, List<String> columns, int n) {
  static final Set<String> ONE_COLUMN = Set.of("count", "sum", "mean", "min", "max", "median",
      "stddev", "var", "first");

  public AggCall {
    columns = List.copyOf(columns);
    boolean ok = switch (function) {
      case "count" -> columns.size() <= 1;
      case "corr" -> columns.size() == 2;
      case "top" -> columns.size() == 1 && n >= 1;
      default -> ONE_COLUMN.contains(function) && columns.size() == 1;
    };
    if (!ok) {
      throw new IllegalArgumentException("bad aggregate " + label(function, columns, n)
          + ": use count(), count(col), sum|mean|min|max|median|stddev|var|first(col),"
          + " top(col, n) with n >= 1, or corr(col, col)");
    }
  }

  /** The call as written, for messages: {@code top(v3, 2)}. */
  public String label() {
    return label(function, columns, n);
  }

  private static String label(String function, List<String> columns, int n) {
    return function + "(" + String.join(", ", columns) + (function.equals("top") ? ", " + n : "")
        + ")";
  }
}
