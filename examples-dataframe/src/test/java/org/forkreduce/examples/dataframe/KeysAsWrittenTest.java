package org.forkreduce.examples.dataframe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forkreduce.CsvOptions;
import org.forkreduce.Engine;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys written with digits (zip codes with leading zeros, codes with a plus, 20-digit ids)
 * grouped on every local engine against DuckDB's {@code read_csv} answer, keys compared as text;
 * and keys met after the sample that would not print as written, as bad records.
 */
class KeysAsWrittenTest {
  @TempDir static Path dir;
  static Path codes;
  static List<Engine> engines;

  /** A question: its group columns, its aggregates here and in DuckDB's SQL. */
  record Question(List<String> by, List<String> aggs, String sql) {}

  static final List<Question> QUESTIONS = List.of(
      new Question(List.of("zip"), List.of("count()", "sum(n)"), "count(*), sum(n)"),
      new Question(List.of("code", "sgn"), List.of("count()", "sum(n)", "max(price)"),
          "count(*), sum(n), max(price)"),
      new Question(List.of("id"), List.of("count()", "min(price)"), "count(*), min(price)"));

  @BeforeAll
  static void setUp() throws IOException {
    Random random = new Random(21);
    String[] code = {"007", "7", "07", "0", "70", "00"};
    String[] sgn = {"+5", "5", "-5", "+0", "0"};
    BigInteger edge = BigInteger.valueOf(Long.MAX_VALUE).subtract(BigInteger.TEN);
    StringBuilder csv = new StringBuilder("zip,code,sgn,id,n,price\n");
    for (int i = 0; i < 4_000; i++) {
      // ids on both sides of a long's range, and 20 digits wide
      BigInteger id = random.nextBoolean() ? edge.add(BigInteger.valueOf(random.nextInt(20)))
          : new BigInteger("12345678901234567890").add(BigInteger.valueOf(random.nextInt(30)));
      csv.append(String.format("%05d", random.nextInt(1_500))).append(',')
          .append(code[random.nextInt(code.length)]).append(',')
          .append(sgn[random.nextInt(sgn.length)]).append(',').append(id).append(',')
          .append(random.nextInt(2_001) - 1_000).append(',')
          .append(random.nextInt(100)).append('.').append(String.format("%02d", random.nextInt(100)))
          .append('\n');
    }
    codes = dir.resolve("codes.csv");
    Files.writeString(codes, csv, UTF_8);
    engines = List.of(Engine.inline(), Engine.threads(2), Engine.processes(2));
  }

  @AfterAll
  static void tearDown() {
    engines.forEach(Engine::close);
  }

  @Test
  void groupBy_digitKeysOnEveryEngine_equalDuckDbKeysAsText() throws Exception {
    for (Question q : QUESTIONS) {
      List<List<Object>> expected = duckDb(q);
      for (Engine engine : engines) {
        ResultTable t = DataFrame.csv(codes).groupBy(q.by().toArray(String[]::new))
            .agg(q.aggs().toArray(String[]::new)).splitSize(20_000).run(engine);
        assertThat(t.stats().splits()).isGreaterThan(3);
        assertThat(t.rows().stream().map(Arrays::asList).toList())
            .as("%s on %s", q.by(), engine.name()).isEqualTo(expected);
      }
    }
  }

  @Test
  void infer_digitKeys_sameTypesAsDuckDbExceptWideIds() throws Exception {
    Map<String, ColumnType> ours = DataFrame.csv(codes).groupBy("zip", "code", "sgn", "id")
        .agg("sum(n)", "sum(price)").types();
    Map<String, ColumnType> duck = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_csv('" + codes + "')")) {
      while (r.next()) {
        duck.put(r.getString(1), switch (r.getString(2)) {
          case "BIGINT" -> ColumnType.LONG;
          case "DOUBLE" -> ColumnType.DOUBLE;
          default -> ColumnType.STRING;
        });
      }
    }
    // DuckDB reads the 20-digit ids as doubles, which would merge neighbouring ids
    assertThat(duck.put("id", ColumnType.STRING)).isEqualTo(ColumnType.DOUBLE);
    assertThat(ours).isEqualTo(duck);
  }

  /** DuckDB's answer, ids read as text (see above), rows sorted by the keys' text. */
  private static List<List<Object>> duckDb(Question q) throws SQLException {
    String keys = String.join(", ", q.by());
    String sql = "SELECT " + keys + ", " + q.sql() + " FROM read_csv('" + codes
        + "', types = {'id': 'VARCHAR'}) GROUP BY ALL";
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(i <= q.by().size() ? r.getString(i)
              : r.getMetaData().getColumnTypeName(i).equals("DOUBLE") ? (Object) r.getDouble(i)
              : (Object) r.getLong(i));
        }
        rows.add(row);
      }
    }
    Comparator<List<Object>> byKeys = Comparator.comparing(row -> (String) row.get(0));
    for (int k = 1; k < q.by().size(); k++) {
      int key = k;
      byKeys = byKeys.thenComparing(row -> (String) row.get(key));
    }
    rows.sort(byKeys);
    return rows;
  }

  /** 7, 8, 9 for the whole sample, then {@code 007}: a LONG column's key that reads as 7. */
  private static Path lateLeadingZero() throws IOException {
    StringBuilder csv = new StringBuilder("code,n\n");
    for (int i = 0; i < Schema.SAMPLE_ROWS; i++) {
      csv.append(7 + i % 3).append(",1\n");
    }
    csv.append("007,1\n9,1\n");
    Path file = dir.resolve("late.csv");
    Files.writeString(file, csv, UTF_8);
    return file;
  }

  @Test
  void groupBy_leadingZeroAfterSampleFailing_failsNamingColumnValueAndType() throws IOException {
    Path file = lateLeadingZero();
    for (Engine engine : engines) {
      assertThatThrownBy(() -> DataFrame.csv(file).groupBy("code").agg("count()").run(engine))
          .as(engine.name())
          .hasStackTraceContaining("group column 'code' value '007'")
          .hasStackTraceContaining("--type code=string");
    }
  }

  @Test
  void groupBy_declaredLongKeySkipping_countsAndRejectsTheRowNeverRewritesIt()
      throws IOException {
    Path file = dir.resolve("zips.csv");
    Files.writeString(file, "zip,n\n501,1\n00501,2\n501,4\n+501,8\n10001,16\n", UTF_8);
    for (Engine engine : engines) {
      Path rejects = Files.createTempDirectory(dir, "rejects");
      ResultTable t = DataFrame.csv(CsvOptions.defaults().skipBadRecords(rejects), file)
          .type("zip", ColumnType.LONG).groupBy("zip").agg("sum(n)").run(engine);
      assertThat(t.counters().get(Counters.BAD_RECORDS)).as(engine.name()).isEqualTo(2);
      assertThat(t.rows().stream().map(Arrays::asList).toList())
          .isEqualTo(List.of(List.of(501L, 5L), List.of(10001L, 16L)));
      StringBuilder rejected = new StringBuilder();
      try (var files = Files.list(rejects)) {
        for (Path p : files.sorted().toList()) {
          rejected.append(Files.readString(p, UTF_8));
        }
      }
      assertThat(rejected.toString().lines().sorted()).containsExactly("+501,8", "00501,2");
    }
  }
}
