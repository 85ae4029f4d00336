package org.forkreduce.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.datasets.G1Questions;
import org.forkreduce.examples.dataframe.DataFrame;

/** The ten db-benchmark groupby questions, for the dataframe API and for SQL. */
final class GroupByQuestions {
  private GroupByQuestions() {}

  /** A db-benchmark question and the same question in DuckDB's SQL. */
  record Question(G1Questions.Question df, String sql) {
    /** The question as an aggregation of {@code frame}. */
    DataFrame.Aggregation on(DataFrame frame) {
      return frame.groupBy(df.by().toArray(String[]::new)).agg(df.aggs().toArray(String[]::new));
    }

    String name() {
      return df.name();
    }

    List<String> by() {
      return df.by();
    }
  }

  private static final Map<String, String> SQL = Map.of(
      "q1", "SELECT id1, sum(v1) AS v1 FROM t GROUP BY id1",
      "q2", "SELECT id1, id2, sum(v1) AS v1 FROM t GROUP BY id1, id2",
      "q3", "SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM t GROUP BY id3",
      "q4", "SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM t GROUP BY id4",
      "q5", "SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM t GROUP BY id6",
      "q6", "SELECT id4, id5, median(v3) AS median_v3, stddev(v3) AS sd_v3 FROM t"
          + " GROUP BY id4, id5",
      "q7", "SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM t GROUP BY id3",
      "q8", "SELECT id6, largest2_v3 FROM (SELECT id6, v3 AS largest2_v3,"
          + " row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS order_v3 FROM t"
          + " WHERE v3 IS NOT NULL) sub WHERE order_v3 <= 2",
      "q9", "SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM t GROUP BY id2, id4",
      "q10", "SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM t"
          + " GROUP BY id1, id2, id3, id4, id5, id6");

  static final List<Question> ALL = G1Questions.QUESTIONS.stream()
      .map(q -> new Question(q, SQL.get(q.name()))).toList();

  static Question named(String name) {
    G1Questions.Question q = G1Questions.named(name);
    return new Question(q, SQL.get(q.name()));
  }

  /** Rows and the sum of the aggregate cells: equal (to 1e-6) across correct contenders. */
  record Digest(long rows, double sum) {
    @Override
    public String toString() {
      return "rows=" + rows + " sum=" + String.format(java.util.Locale.ROOT, "%.9e", sum);
    }

    /** A result cell's contribution: its value, 0 for NA (null or NaN) and text. */
    static double cell(Object v) {
      return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : 0;
    }

    /**
     * The digest of an answer written as CSV with a header line: its rows, and the sum of the
     * cells after the first {@code groupColumns} of each row, an empty or non-numeric cell (NA,
     * text) counting 0 as in {@link #cell}.
     */
    static Digest ofCsv(Path csv, int groupColumns) throws IOException {
      long rows = 0;
      double sum = 0;
      try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
          CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
              .parse(in)) {
        for (CSVRecord r : p) {
          rows++;
          for (int i = groupColumns; i < r.size(); i++) {
            sum += number(r.get(i));
          }
        }
      }
      return new Digest(rows, sum);
    }

    private static double number(String text) {
      try {
        return cell(Double.parseDouble(text));
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    static boolean agree(String a, String b) {
      String[] x = a.split("[ =]");
      String[] y = b.split("[ =]");
      double p = Double.parseDouble(x[3]);
      double q = Double.parseDouble(y[3]);
      return x[1].equals(y[1]) && Math.abs(p - q) <= 1e-6 * Math.max(Math.abs(p), Math.abs(q));
    }
  }
}
