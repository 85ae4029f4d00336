package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.countRows;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.doubleSum;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.longSum;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.mean;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.median;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.r2;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.range;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.stddev;
import static org.forkreduce.examples.dataframe.NaiveGroupBy.top2;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.forkreduce.Engine;
import org.forkreduce.datasets.G1Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ten db-benchmark groupby questions on every engine against the naive reference. */
class DbBenchmarkQuestionsTest {
  @TempDir static Path dir;
  static Engine processes;
  static Path withNa;
  static Path sorted;

  record Question(String name, List<String> by, List<String> aggs,
      List<Function<List<Map<String, String>>, List<Object>>> reference) {}

  static final List<Question> QUESTIONS = List.of(
      new Question("q1", List.of("id1"), List.of("sum(v1) AS v1"), List.of(longSum("v1"))),
      new Question("q2", List.of("id1", "id2"), List.of("sum(v1) AS v1"),
          List.of(longSum("v1"))),
      new Question("q3", List.of("id3"), List.of("sum(v1) AS v1", "mean(v3) AS v3"),
          List.of(longSum("v1"), mean("v3"))),
      new Question("q4", List.of("id4"), List.of("mean(v1) AS v1", "mean(v2) AS v2",
          "mean(v3) AS v3"), List.of(mean("v1"), mean("v2"), mean("v3"))),
      new Question("q5", List.of("id6"), List.of("sum(v1) AS v1", "sum(v2) AS v2",
          "sum(v3) AS v3"), List.of(longSum("v1"), longSum("v2"), doubleSum("v3"))),
      new Question("q6", List.of("id4", "id5"), List.of("median(v3) AS median_v3",
          "stddev(v3) AS sd_v3"), List.of(median("v3"), stddev("v3"))),
      new Question("q7", List.of("id3"), List.of("max(v1) - min(v2) AS range_v1_v2"),
          List.of(range("v1", "v2"))),
      new Question("q8", List.of("id6"), List.of("top(v3, 2) AS largest2_v3"),
          List.of(top2("v3"))),
      new Question("q9", List.of("id2", "id4"), List.of("pow(corr(v1, v2), 2) AS r2"),
          List.of(r2("v1", "v2"))),
      new Question("q10", List.of("id1", "id2", "id3", "id4", "id5", "id6"),
          List.of("sum(v3) AS v3", "count() AS count"), List.of(doubleSum("v3"), countRows())));

  @BeforeAll
  static void setUp() throws IOException {
    processes = Engine.processes(2);
    withNa = write(new G1Table(20_000, 10, 5, false), 7);
    sorted = write(new G1Table(6_000, 100, 0, true), 8);
  }

  @AfterAll
  static void tearDown() {
    processes.close();
  }

  private static Path write(G1Table table, long seed) throws IOException {
    Path file = dir.resolve(table.fileName());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      table.write(w, seed);
    }
    return file;
  }

  static void assertMatches(List<Object[]> actual, List<List<Object>> expected, String what) {
    assertThat(actual).as("%s: row count", what).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      List<Object> e = expected.get(i);
      Object[] a = actual.get(i);
      assertThat(a).as("%s row %d", what, i).hasSize(e.size());
      for (int j = 0; j < e.size(); j++) {
        assertCell(a[j], e.get(j), what + " row " + i + " " + Arrays.toString(a) + " vs " + e);
      }
    }
  }

  static void assertCell(Object actual, Object expected, String what) {
    if (expected == null || actual == null) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else if (expected instanceof Double d) {
      double a = ((Number) actual).doubleValue();
      assertThat(Math.abs(a - d)).as(what).isLessThanOrEqualTo(
          1e-9 * Math.max(Math.abs(d), Math.abs(a)) + 1e-12);
    } else if (expected instanceof Long l) {
      assertThat(actual).as(what).isEqualTo(l);
    } else {
      assertThat(actual.toString()).as(what).isEqualTo(expected.toString());
    }
  }

  private static void check(Path file, Engine engine, long splitSize) throws IOException {
    NaiveGroupBy reference = new NaiveGroupBy(file);
    for (Question q : QUESTIONS) {
      Table table = DataFrame.csv(file).groupBy(q.by().toArray(String[]::new))
          .agg(q.aggs().toArray(String[]::new)).splitSize(splitSize).run(engine);
      List<String> columns = new ArrayList<>(q.by());
      q.aggs().forEach(a -> columns.add(a.substring(a.indexOf(" AS ") + 4)));
      assertThat(table.columns()).isEqualTo(columns);
      assertMatches(table.rows(), reference.query(q.by(), q.reference()),
          q.name() + " on " + file.getFileName() + " with " + engine.name());
    }
  }

  @Test
  void questions_inline_matchReference() throws IOException {
    try (Engine inline = Engine.inline()) {
      check(withNa, inline, 50_000);
      check(sorted, inline, 1 << 20);
    }
  }

  @Test
  void questions_threads_matchReference() throws IOException {
    try (Engine threads = Engine.threads(3)) {
      check(withNa, threads, 20_000);
      check(sorted, threads, 7_777);
    }
  }

  @Test
  void questions_processes_matchReference() throws IOException {
    check(withNa, processes, 100_000);
    check(sorted, processes, 30_000);
  }
}
