package org.forkreduce.examples.dataframe.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.forkreduce.examples.dataframe.expr.Expr.Agg;
import org.forkreduce.examples.dataframe.expr.Expr.Binary;
import org.forkreduce.examples.dataframe.expr.Expr.Named;
import org.forkreduce.examples.dataframe.expr.Expr.Num;
import org.forkreduce.examples.dataframe.expr.Expr.Pow;

/** A small recursive-descent parser; errors name the position and what was expected. */
final class Parser {
  private final String text;
  private int pos;

  Parser(String text) {
    this.text = text;
  }

  Named named() {
    Expr e = sum();
    skipSpace();
    String name = text.substring(0, pos).trim();
    if (pos < text.length()) {
      int save = pos;
      String word = identifier();
      if (!word.equalsIgnoreCase("as")) {
        pos = save;
        throw error("'AS name' or the end");
      }
      name = identifier();
      skipSpace();
      if (name.isEmpty() || pos < text.length()) {
        throw error("a single output name after AS");
      }
    }
    if (e instanceof Agg a && a.call().function().equals("top") || !containsTop(e)) {
      return new Named(e, name);
    }
    throw new IllegalArgumentException("top(col, n) must stand alone in its expression, got '"
        + text + "'");
  }

  private static boolean containsTop(Expr e) {
    List<AggCall> calls = new ArrayList<>();
    e.calls(calls);
    return calls.stream().anyMatch(c -> c.function().equals("top"));
  }

  private Expr sum() {
    Expr e = product();
    for (char op = peek(); op == '+' || op == '-'; op = peek()) {
      pos++;
      e = new Binary(op, e, product());
    }
    return e;
  }

  private Expr product() {
    Expr e = unary();
    for (char op = peek(); op == '*' || op == '/'; op = peek()) {
      pos++;
      e = new Binary(op, e, unary());
    }
    return e;
  }

  private Expr unary() {
    if (peek() == '-') {
      pos++;
      return new Binary('-', new Num(0L), unary());
    }
    if (peek() == '(') {
      pos++;
      Expr e = sum();
      expect(')');
      return e;
    }
    if (Character.isDigit(peek()) || peek() == '.') {
      return number();
    }
    return call();
  }

  private Expr number() {
    skipSpace();
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
        || text.charAt(pos) == '.')) {
      pos++;
    }
    String n = text.substring(start, pos);
    try {
      return new Num(n.contains(".") || n.contains("e") ? (Object) Double.parseDouble(n)
          : (Object) Long.parseLong(n));
    } catch (NumberFormatException e) {
      pos = start;
      throw error("a number");
    }
  }

  private Expr call() {
    String name = identifier().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      throw error("an aggregate such as sum(col)");
    }
    expect('(');
    if (name.equals("pow")) {
      Expr base = sum();
      expect(',');
      Expr exponent = sum();
      expect(')');
      return new Pow(base, exponent);
    }
    List<String> columns = new ArrayList<>();
    int n = 0;
    while (peek() != ')') {
      if (!columns.isEmpty()) {
        if (peek() != ',') {
          throw error("',' or ')'");
        }
        pos++;
      }
      if (name.equals("top") && columns.size() == 1) {
        n = ((Number) ((Num) number()).value()).intValue();
      } else {
        columns.add(column());
      }
    }
    expect(')');
    return new Agg(new AggCall(name, columns, n));
  }

  private String column() {
    skipSpace();
    if (peek() == '"') {
      int end = text.indexOf('"', pos + 1);
      if (end < 0) {
        throw error("a closing double quote");
      }
      String name = text.substring(pos + 1, end);
      pos = end + 1;
      return name;
    }
    String name = identifier();
    if (name.isEmpty()) {
      throw error("a column name");
    }
    return name;
  }

  private String identifier() {
    skipSpace();
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
        || text.charAt(pos) == '_' || text.charAt(pos) == '$')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private char peek() {
    skipSpace();
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException("cannot parse aggregate '" + text + "' at position "
        + (pos + 1) + ": expected " + expected + (pos < text.length() ? ", found '"
        + text.substring(pos, Math.min(text.length(), pos + 10)) + "'" : ", found the end"));
  }
}
