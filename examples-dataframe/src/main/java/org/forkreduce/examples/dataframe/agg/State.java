package org.forkreduce.examples.dataframe.agg;

import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.expr.AggCall;

/**
 * The running state of one aggregate over some rows of one group. {@link #add} takes one row's
 * value (never NA: the caller skips those, except for {@code count()}); {@link #merge} folds
 * another state of the same aggregate into this one, so that states can be combined in any
 * grouping and order (the reducer laws). Double sums and moments are kept exactly ({@link
 * ExactSum}) and rounded once, so the digits do not depend on the order of merging: every engine
 * gives the same result. The states of many groups are kept by a {@link StateColumn}: counts,
 * sums, means, var, stddev, the min and max of numbers in arrays ({@link FixedStateColumn},
 * tested against these objects), medians in arrays by group ({@link MedianStateColumn}), the
 * others as these objects ({@link ObjectStateColumn}).
 */
public abstract class State {

  /** Adds one row's value. */
  public abstract void add(Value v);

  /** Folds {@code other}, a state of the same aggregate, into this one. */
  public abstract void merge(State other);

  /** The final value: a Long, Double or String, null for NA, or a Value[] for top. */
  public abstract Object result();

  /**
   * One parsed field: a LONG column's value in {@code asLong} (and {@code asDouble}), a DOUBLE
   * column's in {@code asDouble}, a STRING column's in {@code text}; {@code position} orders rows
   * in input order, for {@code first}.
   */
  public static final class Value {
    public ColumnType type;
    public long asLong;
    public double asDouble;
    public String text;
    public String position;
  }

  /** A new, empty state of {@code call} over a column of {@code type}. */
  public static State create(AggCall call, ColumnType type) {
    return switch (call.function()) {
      case "count" -> new CountState();
      case "sum" -> type == ColumnType.LONG ? new LongSumState() : new DoubleSumState(false);
      case "mean" -> new DoubleSumState(true);
      case "min" -> new ExtremeState(false, type);
      case "max" -> new ExtremeState(true, type);
      case "median" -> new MedianState();
      case "var" -> new MomentsState(false);
      case "stddev" -> new MomentsState(true);
      case "first" -> new FirstState();
      case "top" -> new TopState(call.n(), type);
      case "corr" -> new CorrState();
      default -> throw new IllegalArgumentException(call.function());
    };
  }

  /**
   * {@code n * sumXY - sumX * sumY}, which is n times the co-moment, computed exactly and rounded
   * once: no cancellation, and the same digits whatever the order of the rows.
   */
  static double centered(long n, ExactSum sumXY, ExactSum sumX, ExactSum sumY) {
    ExactSum t = new ExactSum();
    sumXY.addScaledTo(t, n);
    sumX.subtractProductTo(t, sumY);
    return t.value();
  }

  /**
   * Orders two values of a column of {@code type}, each given as its three fields: text by
   * string, longs exactly, doubles as doubles.
   */
  static int compare(ColumnType type, long l1, double d1, String t1, long l2, double d2,
      String t2) {
    return switch (type) {
      case STRING -> t1.compareTo(t2);
      case LONG -> Long.compare(l1, l2);
      case DOUBLE -> Double.compare(d1, d2);
    };
  }

  static Value copy(Value v) {
    Value c = new Value();
    c.type = v.type;
    c.asLong = v.asLong;
    c.asDouble = v.asDouble;
    c.text = v.text;
    c.position = v.position;
    return c;
  }

  static Object typed(Value v) {
    return typed(v.type, v.asLong, v.asDouble, v.text);
  }

  static Object typed(ColumnType type, long l, double d, String t) {
    return switch (type) {
      case LONG -> l;
      case DOUBLE -> d;
      case STRING -> t;
    };
  }
}
