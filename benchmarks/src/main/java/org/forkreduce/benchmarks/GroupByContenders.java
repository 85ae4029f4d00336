package org.forkreduce.benchmarks;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.Engine;
import org.forkreduce.benchmarks.GroupByQuestions.Digest;
import org.forkreduce.benchmarks.GroupByQuestions.Question;
import org.forkreduce.examples.dataframe.DataFrame;
import org.forkreduce.examples.dataframe.table.ResultTable;

/** The group-by contenders; each answers one question with a digest of its result. */
final class GroupByContenders {
  private GroupByContenders() {}

  static Digest run(String contender, Question q, Path csv, int workers) throws Exception {
    return switch (contender) {
      case "forkreduce-processes" -> forkReduce(Engine.processes(workers), q, csv);
      case "forkreduce-threads" -> forkReduce(Engine.threads(workers), q, csv);
      case "duckdb" -> duckDb(q, csv, workers);
      case "single-thread-loop" -> loop(q, csv);
      case "forkreduce-spark" -> SparkContenders.groupBy(q, csv, workers);
      default -> throw new IllegalArgumentException("unknown group-by contender " + contender);
    };
  }

  static Digest forkReduce(Engine engine, Question q, Path csv) {
    try (engine) {
      ResultTable t = q.on(DataFrame.csv(csv)).run(engine);
      double sum = 0;
      for (int row = 0; row < t.size(); row++) { // the aggregates' cells, as read from DuckDB
        for (int i = q.by().size(); i < t.columns().size(); i++) {
          sum += Digest.cell(t.get(row, i));
        }
      }
      return new Digest(t.size(), sum);
    }
  }

  /** DuckDB reading the CSV inside the query, as db-benchmark's "from CSV" timing does. */
  private static Digest duckDb(Question q, Path csv, int workers) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + workers);
      String sql = fromCsv(q, csv);
      long rows = 0;
      double sum = 0;
      try (ResultSet r = s.executeQuery(sql)) {
        int columns = r.getMetaData().getColumnCount();
        while (r.next()) {
          rows++;
          for (int i = q.by().size() + 1; i <= columns; i++) {
            sum += Digest.cell(r.getObject(i));
          }
        }
      }
      return new Digest(rows, sum);
    }
  }

  /**
   * DuckDB (in memory, {@code workers} threads) writing {@code q}'s answer over {@code csv} to
   * {@code answer} as CSV with a header, spilling to {@code spillDir} when it runs out of
   * memory.
   */
  static void duckDbToCsv(Question q, Path csv, int workers, Path spillDir, Path answer)
      throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + workers);
      s.execute("SET temp_directory = " + literal(spillDir));
      s.execute("COPY (" + fromCsv(q, csv) + ") TO " + literal(answer) + " (HEADER)");
    }
  }

  /** {@code q}'s SQL over table {@code t}, read from {@code csv} inside the query. */
  private static String fromCsv(Question q, Path csv) {
    return "WITH t AS (SELECT * FROM read_csv(" + literal(csv) + ", header = true)) " + q.sql();
  }

  /** {@code path}, absolute, as an SQL string literal. */
  private static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /**
   * What a user writes without a framework: one thread, Commons CSV, every group's values of
   * the needed columns kept in arrays, then each question's formula.
   */
  private static Digest loop(Question q, Path csv) throws Exception {
    List<String> columns = new ArrayList<>(List.of("v1", "v2", "v3"));
    Map<List<String>, double[][]> groups = new HashMap<>();
    Map<List<String>, int[]> sizes = new HashMap<>();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(in)) {
      for (CSVRecord r : p) {
        List<String> key = new ArrayList<>(q.by().size());
        for (String b : q.by()) {
          key.add(r.get(b));
        }
        double[][] g = groups.computeIfAbsent(key, k -> new double[3][4]);
        int[] n = sizes.computeIfAbsent(key, k -> new int[1]);
        if (n[0] == g[0].length) {
          for (int c = 0; c < 3; c++) {
            g[c] = Arrays.copyOf(g[c], n[0] * 2);
          }
        }
        for (int c = 0; c < 3; c++) {
          String v = r.get(columns.get(c));
          g[c][n[0]] = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
        }
        n[0]++;
      }
    }
    long rows = 0;
    double sum = 0;
    for (Map.Entry<List<String>, double[][]> e : groups.entrySet()) {
      int n = sizes.get(e.getKey())[0];
      double[][] g = e.getValue();
      double[] v1 = Arrays.copyOf(g[0], n);
      double[] v2 = Arrays.copyOf(g[1], n);
      double[] v3 = Arrays.copyOf(g[2], n);
      List<Double> out = LoopFormulas.answer(q.name(), v1, v2, v3);
      if (q.name().equals("q8")) {
        rows += out.size();
      } else {
        rows++;
      }
      for (Double d : out) {
        sum += Digest.cell(d);
      }
    }
    return new Digest(rows, sum);
  }
}
