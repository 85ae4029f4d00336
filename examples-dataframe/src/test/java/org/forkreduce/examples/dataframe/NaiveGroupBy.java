package org.forkreduce.examples.dataframe;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The independent reference for the db-benchmark questions: the whole table in memory, one
 * thread, textbook two-pass formulas, no code shared with the dataframe module.
 */
final class NaiveGroupBy {
  private final List<Map<String, String>> rows = new ArrayList<>();

  NaiveGroupBy(Path csv) throws IOException {
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(r)) {
      for (CSVRecord rec : p) {
        rows.add(rec.toMap());
      }
    }
  }

  /** Rows of the result: group values (typed as in G1: id4-6 numbers), then the aggregates. */
  List<List<Object>> query(List<String> by, List<Function<List<Map<String, String>>,
      List<Object>>> aggs) {
    TreeMap<List<Object>, List<Map<String, String>>> groups = new TreeMap<>(KEY_ORDER);
    for (Map<String, String> row : rows) {
      List<Object> key = new ArrayList<>();
      for (String col : by) {
        key.add(typedKey(col, row.get(col)));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    List<List<Object>> out = new ArrayList<>();
    groups.forEach((key, members) -> {
      List<List<Object>> columns = new ArrayList<>();
      int height = 1;
      for (var agg : aggs) {
        List<Object> values = agg.apply(members);
        columns.add(values);
        height = values.size() == 1 ? height : values.size();
      }
      for (int i = 0; i < height; i++) {
        List<Object> row = new ArrayList<>(key);
        for (List<Object> c : columns) {
          row.add(c.size() == 1 ? c.get(0) : c.get(i));
        }
        out.add(row);
      }
    });
    return out;
  }

  private static Object typedKey(String col, String v) {
    if (v.isEmpty()) {
      return null;
    }
    return col.equals("id4") || col.equals("id5") || col.equals("id6") ? Long.parseLong(v) : v;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c = x == null ? (y == null ? 0 : -1) : y == null ? 1 : ((Comparable) x).compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  static List<Double> values(List<Map<String, String>> rows, String col) {
    List<Double> v = new ArrayList<>();
    for (Map<String, String> r : rows) {
      if (!r.get(col).isEmpty()) {
        v.add(Double.parseDouble(r.get(col)));
      }
    }
    return v;
  }

  static Function<List<Map<String, String>>, List<Object>> longSum(String col) {
    return rows -> {
      List<Double> v = values(rows, col);
      long s = 0;
      for (double d : v) {
        s += (long) d;
      }
      return listOf(v.isEmpty() ? null : s);
    };
  }

  static Function<List<Map<String, String>>, List<Object>> doubleSum(String col) {
    return rows -> {
      List<Double> v = values(rows, col);
      return listOf(v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).sum());
    };
  }

  static Function<List<Map<String, String>>, List<Object>> mean(String col) {
    return rows -> {
      List<Double> v = values(rows, col);
      return listOf(v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).average()
          .getAsDouble());
    };
  }

  static Function<List<Map<String, String>>, List<Object>> median(String col) {
    return rows -> {
      List<Double> v = new ArrayList<>(values(rows, col));
      if (v.isEmpty()) {
        return listOf(null);
      }
      v.sort(null);
      int n = v.size();
      return listOf(n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2);
    };
  }

  static Function<List<Map<String, String>>, List<Object>> stddev(String col) {
    return rows -> {
      List<Double> v = values(rows, col);
      if (v.size() < 2) {
        return listOf(null);
      }
      double mean = v.stream().mapToDouble(Double::doubleValue).average().getAsDouble();
      double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
      return listOf(Math.sqrt(ss / (v.size() - 1)));
    };
  }

  static Function<List<Map<String, String>>, List<Object>> range(String a, String b) {
    return rows -> {
      List<Double> x = values(rows, a);
      List<Double> y = values(rows, b);
      if (x.isEmpty() || y.isEmpty()) {
        return listOf(null);
      }
      return listOf((long) (x.stream().mapToDouble(d -> d).max().getAsDouble()
          - y.stream().mapToDouble(d -> d).min().getAsDouble()));
    };
  }

  static Function<List<Map<String, String>>, List<Object>> top2(String col) {
    return rows -> {
      List<Double> v = new ArrayList<>(values(rows, col));
      v.sort(Comparator.reverseOrder());
      return new ArrayList<>(v.subList(0, Math.min(2, v.size())));
    };
  }

  static Function<List<Map<String, String>>, List<Object>> r2(String a, String b) {
    return rows -> {
      List<double[]> pairs = new ArrayList<>();
      for (Map<String, String> r : rows) {
        if (!r.get(a).isEmpty() && !r.get(b).isEmpty()) {
          pairs.add(new double[] {Double.parseDouble(r.get(a)), Double.parseDouble(r.get(b))});
        }
      }
      if (pairs.size() < 2) {
        return listOf(null);
      }
      double mx = pairs.stream().mapToDouble(p -> p[0]).average().getAsDouble();
      double my = pairs.stream().mapToDouble(p -> p[1]).average().getAsDouble();
      double sxy = 0;
      double sxx = 0;
      double syy = 0;
      for (double[] p : pairs) {
        sxy += (p[0] - mx) * (p[1] - my);
        sxx += (p[0] - mx) * (p[0] - mx);
        syy += (p[1] - my) * (p[1] - my);
      }
      if (sxx == 0 || syy == 0) {
        return listOf(null);
      }
      double r = sxy / Math.sqrt(sxx * syy);
      return listOf(r * r);
    };
  }

  static Function<List<Map<String, String>>, List<Object>> countRows() {
    return rows -> listOf((long) rows.size());
  }

  private static List<Object> listOf(Object o) {
    List<Object> l = new ArrayList<>();
    l.add(o);
    return l;
  }
}
