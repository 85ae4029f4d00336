package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.forkreduce.Engine;
import org.forkreduce.datasets.G1Questions;
import org.forkreduce.datasets.G1Table;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.forkreduce.examples.dataframe.table.Written;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group-bys whose groups are far more than a memory budget of a few MB holds, written as CSV from
 * the job's partitions through the external sort ({@link DataFrame.Aggregation#writeCsv}), on
 * every local engine: byte for byte the CSV of the same query run in memory, and DuckDB's answer.
 */
class StreamedCsvTest {
  /** A few MB: the groups of the questions below take tens. */
  private static final long BUDGET = 2L << 20;
  @TempDir static Path dir;
  static Path g1;
  static List<Engine> engines;

  @BeforeAll
  static void setUp() throws IOException {
    G1Table table = new G1Table(60_000, 10, 5, false); // NA in every id column
    g1 = dir.resolve(table.fileName());
    try (Writer w = Files.newBufferedWriter(g1, StandardCharsets.US_ASCII)) {
      table.write(w, 1808);
    }
    engines = List.of(Engine.inline(), Engine.threads(2), Engine.processes(2));
  }

  @AfterAll
  static void tearDown() {
    engines.forEach(Engine::close);
  }

  private static DataFrame.Aggregation query(List<String> by, String... aggs) {
    return DataFrame.csv(g1).groupBy(by.toArray(String[]::new)).agg(aggs).splitSize(1 << 19);
  }

  /** The query's table run in memory, on the inline engine with its default budget. */
  private static ResultTable inMemory(DataFrame.Aggregation agg) {
    try (Engine engine = Engine.inline()) {
      return agg.run(engine);
    }
  }

  /** Checks the query's streamed CSV on every engine against its in-memory CSV; returns it. */
  private static String assertStreamedSameAsInMemory(List<String> by, String... aggs)
      throws IOException {
    ResultTable table = inMemory(query(by, aggs));
    StringBuilder text = new StringBuilder();
    table.writeCsv(text);
    String expected = text.toString();
    for (Engine engine : engines) {
      StringBuilder csv = new StringBuilder();
      Written w = query(by, aggs).memoryBudget(BUDGET).writeCsv(engine, csv);
      assertThat(csv.toString()).as("%s %s on %s", by, List.of(aggs), engine.name())
          .isEqualTo(expected);
      assertThat(w.inMemory()).as("streamed").isFalse();
      assertThat(w.size()).isEqualTo(table.size());
      assertThat(w.counters().get(Counters.DISTINCT_KEYS))
          .isEqualTo(table.counters().get(Counters.DISTINCT_KEYS));
    }
    return expected;
  }

  @Test
  void writeCsv_longKeysAboveBudget_sameCsvAsInMemory() throws IOException {
    assertStreamedSameAsInMemory(List.of("id4", "id5", "id6"), "sum(v1)", "count() AS n",
        "mean(v3)");
  }

  @Test
  void writeCsv_stringKeysAboveBudget_sameCsvAsInMemory() throws IOException {
    assertStreamedSameAsInMemory(List.of("id1", "id2", "id3"), "sum(v3)", "max(v2)");
  }

  @Test
  void writeCsv_mixedKeysWithNaAboveBudget_sameCsvAsInMemory() throws IOException {
    String csv = assertStreamedSameAsInMemory(List.of("id6", "id3", "id1"),
        "median(v3) AS m", "max(v1) - min(v2) AS range");
    assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith(",,");
  }

  @Test
  void writeCsv_topAboveBudget_sameCsvAsInMemory() throws IOException {
    String csv = assertStreamedSameAsInMemory(List.of("id3", "id4"), "top(v3, 2) AS top2",
        "count() AS n");
    assertThat(csv.lines().count() - 1).as("rows of groups with two values and more")
        .isGreaterThan(csv.lines().filter(l -> !l.endsWith(",1")).count());
  }

  @Test
  void writeCsv_q10AboveBudget_equalsDuckDb() throws IOException {
    G1Questions.Question q10 = G1Questions.named("q10");
    String csv = assertStreamedSameAsInMemory(q10.by(), q10.aggs().toArray(String[]::new));
    Map<String, Object[]> ours = new HashMap<>();
    csv.lines().skip(1).forEach(line -> {
      String[] cells = line.split(",", -1);
      ours.put(String.join(",", List.of(cells).subList(0, 6)), new Object[] {
          cells[6].isEmpty() ? null : Double.parseDouble(cells[6]), Long.parseLong(cells[7])});
    });
    List<List<Object>> duck = HeaderlessCsvTest.duckdb("select id1, id2, id3, id4, id5, id6,"
        + " sum(v3), count(*) from read_csv(?) group by all", g1);
    assertThat(ours).hasSize(duck.size());
    for (List<Object> row : duck) {
      String key = String.join(",", row.subList(0, 6).stream()
          .map(v -> v == null ? "" : v.toString()).toList());
      Object[] mine = ours.get(key);
      assertThat(mine).as(key).isNotNull();
      assertThat(((Number) row.get(7)).longValue()).as(key).isEqualTo(mine[1]);
      if (row.get(6) == null) {
        assertThat(mine[0]).as(key).isNull();
      } else {
        assertThat((Double) mine[0]).as(key)
            .isCloseTo(((Number) row.get(6)).doubleValue(), within(1e-9));
      }
    }
  }

  @Test
  void run_groupsAboveBudget_failsNamingWriteCsvAndOutput() {
    for (Engine engine : engines) {
      assertThatThrownBy(() -> query(List.of("id3", "id6"), "count()").memoryBudget(BUDGET)
          .run(engine)).as(engine.name()).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("do not fit the driver's memory budget of 2 MB")
          .hasMessageContaining("writeCsv").hasMessageContaining("--output");
    }
  }

  @Test
  void writeCsv_streamed_sortsThroughRunsOnDiskAndRemovesThem() throws IOException {
    Path temp = Files.createDirectory(dir.resolve("sort-temp"));
    List<Path> during = new ArrayList<>();
    StringBuilder csv = new StringBuilder();
    Appendable out = new Appendable() { // looks at the sort's files as the lines come
      @Override
      public Appendable append(CharSequence text) throws IOException {
        if (csv.length() > 0 && during.isEmpty()) {
          try (Stream<Path> files = Files.walk(temp)) {
            files.filter(Files::isRegularFile).forEach(during::add);
          }
        }
        csv.append(text);
        return this;
      }

      @Override
      public Appendable append(CharSequence text, int start, int end) throws IOException {
        return append(text.subSequence(start, end));
      }

      @Override
      public Appendable append(char c) throws IOException {
        return append(String.valueOf(c));
      }
    };
    String tmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", temp.toString());
    try {
      assertThat(query(List.of("id3", "id6"), "count()").memoryBudget(BUDGET)
          .writeCsv(engines.get(1), out).inMemory()).isFalse();
    } finally {
      System.setProperty("java.io.tmpdir", tmpdir);
    }
    assertThat(during).as("sorted runs").hasSizeGreaterThan(1);
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).as("left in %s", temp).isEmpty();
    }
    StringBuilder expected = new StringBuilder();
    inMemory(query(List.of("id3", "id6"), "count()")).writeCsv(expected);
    assertThat(csv.toString()).isEqualTo(expected.toString());
  }
}
