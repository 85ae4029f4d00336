package org.forkreduce.examples.dataframe.expr;

import java.util.List;
import java.util.function.Function;

/**
 * An aggregate expression: aggregate calls combined with numbers, {@code + - * /}, unary minus,
 * parentheses and {@code pow(a, b)}, e.g. {@code max(v1) - min(v2)} or
 * {@code pow(corr(v1, v2), 2)}. Column names that are not plain identifiers are written in
 * double quotes: {@code sum("Cost Total $")}.
 */
public sealed interface Expr {

  /** Evaluates over the groups' aggregate results; NA (null) in, NA out. */
  Object eval(Function<AggCall, Object> results);

  /** Adds the aggregate calls the expression needs. */
  void calls(List<AggCall> into);

  record Agg(AggCall call) implements Expr {
    @Override
    public Object eval(Function<AggCall, Object> results) {
      return results.apply(call);
    }

    @Override
    public void calls(List<AggCall> into) {
      if (!into.contains(call)) {
        into.add(call);
      }
    }
  }

  record Num(Object value) implements Expr {
    @Override
    public Object eval(Function<AggCall, Object> results) {
      return value;
    }

    @Override
    public void calls(List<AggCall> into) {}
  }

  record Binary(char op, Expr left, Expr right) implements Expr {
    @Override
    public Object eval(Function<AggCall, Object> results) {
      Object a = left.eval(results);
      Object b = right.eval(results);
      if (!(a instanceof Number x) || !(b instanceof Number y)) {
        return null;
      }
      if (x instanceof Long l && y instanceof Long r && op != '/') {
        return switch (op) {
          case '+' -> Math.addExact(l, r);
          case '-' -> Math.subtractExact(l, r);
          default -> Math.multiplyExact(l, r);
        };
      }
      double l = x.doubleValue();
      double r = y.doubleValue();
      return switch (op) {
        case '+' -> l + r;
        case '-' -> l - r;
        case '*' -> l * r;
        default -> l / r;
      };
    }

    @Override
    public void calls(List<AggCall> into) {
      left.calls(into);
      right.calls(into);
    }
  }

  record Pow(Expr base, Expr exponent) implements Expr {
    @Override
    public Object eval(Function<AggCall, Object> results) {
      Object a = base.eval(results);
      Object b = exponent.eval(results);
      return a instanceof Number x && b instanceof Number y
          ? Math.pow(x.doubleValue(), y.doubleValue()) : null;
    }

    @Override
    public void calls(List<AggCall> into) {
      base.calls(into);
      exponent.calls(into);
    }
  }

  /** An expression and its output column name. */
  record Named(Expr expr, String name) {
    /** The single top() call this expression is, or null. */
    public AggCall top() {
      return expr instanceof Agg a && a.call().function().equals("top") ? a.call() : null;
    }
  }

  /** Parses {@code EXPR [AS name]}. */
  static Named parse(String text) {
    return new Parser(text).named();
  }
}
