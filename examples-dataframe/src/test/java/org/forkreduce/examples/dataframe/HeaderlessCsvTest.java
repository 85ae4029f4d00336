package org.forkreduce.examples.dataframe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.forkreduce.CsvOptions;
import org.forkreduce.Engine;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Header-less and delimited files, grouped on every engine and several split sizes, against
 * DuckDB's {@code read_csv} with the same options.
 */
class HeaderlessCsvTest {
  private static final String[] STATIONS = {"Hamburg", "Abéché", "Ürümqi", "St. John's",
      "Las Palmas de Gran Canaria", "Zürich", "A"};
  private static final List<Supplier<Engine>> ENGINES = List.of(Engine::inline,
      () -> Engine.threads(2), () -> Engine.processes(2));
  private static final long[] SPLIT_SIZES = {1 << 10, 7_777, 1 << 20};

  @TempDir static Path dir;
  static Path brc;

  /** A One Billion Row Challenge file: {@code station;temperature}, no header, seeded. */
  static Path brcFile(Path file, long seed, int rows) throws IOException {
    Random random = new Random(seed);
    try (Writer w = Files.newBufferedWriter(file, UTF_8)) {
      for (int i = 0; i < rows; i++) {
        w.write(STATIONS[random.nextInt(STATIONS.length)] + ";"
            + (random.nextInt(1999) - 999) / 10.0 + "\n");
      }
    }
    return file;
  }

  @BeforeAll
  static void files() throws IOException {
    brc = brcFile(dir.resolve("measurements.txt"), 20, 20_000);
  }

  /** DuckDB's rows for {@code select}, over {@code from}, ordered by the first column. */
  static List<List<Object>> duckdb(String sql, Path file) {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, file.toString());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
            row.add(r.getObject(i));
          }
          rows.add(row);
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    rows.sort(Comparator.comparing(r -> String.valueOf(r.get(0))));
    return rows;
  }

  private static final String BRC_SQL = "select station, min(temp), avg(temp), max(temp),"
      + " count(*) from read_csv(?, header = false, delim = ';', %s) group by station";

  private static void check(CsvOptions options, Path file, DataFrame df, String sql)
      throws IOException {
    List<List<Object>> expected = duckdb(sql, file);
    for (Supplier<Engine> engines : ENGINES) {
      try (Engine engine = engines.get()) {
        for (long splitSize : SPLIT_SIZES) {
          ResultTable t = df.groupBy("station")
              .agg("min(temp)", "mean(temp)", "max(temp)", "count()").splitSize(splitSize)
              .run(engine);
          DbBenchmarkQuestionsTest.assertMatches(t.rows(), expected,
              options + " on " + engine + ", split size " + splitSize);
          assertThat(t.counters().get(org.forkreduce.stats.Counters.RECORDS_READ))
              .isEqualTo(expected.stream().mapToLong(r -> (Long) r.get(4)).sum());
        }
      }
    }
  }

  @Test
  void groupBy_brcFileWithDeclaredTypes_asDuckDbReadsIt() throws IOException {
    CsvOptions options = CsvOptions.defaults().delimiter(';')
        .noHeader(List.of("station", "temp"));
    check(options, brc, DataFrame.csv(options, brc).type("station", ColumnType.STRING)
        .type("temp", ColumnType.DOUBLE),
        String.format(BRC_SQL, "columns = {'station': 'VARCHAR', 'temp': 'DOUBLE'}"));
  }

  @Test
  void groupBy_brcFileNamesOnly_typesInferredAsDuckDbDoes() throws IOException {
    CsvOptions options = CsvOptions.defaults().delimiter(';')
        .noHeader(List.of("station", "temp"));
    check(options, brc, DataFrame.csv(options, brc),
        String.format(BRC_SQL, "names = ['station', 'temp']"));
  }

  /** Pipes and tabs, with quoted stations holding the delimiter and doubled quotes. */
  @Test
  void groupBy_quotedFieldsOtherDelimiters_asDuckDbReadsThem() throws IOException {
    for (char delimiter : new char[] {'|', '\t', ','}) {
      Path file = dir.resolve("quoted-" + (int) delimiter + ".csv");
      Random random = new Random(delimiter);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 3_000; i++) {
        String station = STATIONS[random.nextInt(STATIONS.length)];
        station = i % 7 == 0 ? "\"" + station + delimiter + " \"\"Nord\"\"\"" : station;
        sb.append(station).append(delimiter).append((random.nextInt(1999) - 999) / 10.0)
            .append('\n');
      }
      Files.writeString(file, sb, UTF_8);
      CsvOptions options = CsvOptions.defaults().delimiter(delimiter)
          .noHeader(List.of("station", "temp"));
      String delim = delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
      check(options, file, DataFrame.csv(options, file), String.format(BRC_SQL.replace(
          "delim = ';'", "delim = '" + delim + "', quote = '\"'"), "names = ['station', 'temp']"));
    }
  }
}
