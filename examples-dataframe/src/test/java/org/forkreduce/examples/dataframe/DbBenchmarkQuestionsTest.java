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
import org.forkreduce.datasets.G1Questions;
import org.forkreduce.datasets.G1Table;
import org.forkreduce.examples.dataframe.table.ResultTable;
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

  /** A question with the naive reference's formula for each of its aggregates. */
  record Question(String name, List<String> by, List<String> aggs,
      List<Function<List<Map<String, String>>, List<Object>>> reference) {}

  private static final Map<String, List<Function<List<Map<String, String>>, List<Object>>>>
      REFERENCES = Map.of(
          "q1", List.of(longSum("v1")),
          "q2", List.of(longSum("v1")),
          "q3", List.of(longSum("v1"), mean("v3")),
          "q4", List.of(mean("v1"), mean("v2"), mean("v3")),
          "q5", List.of(longSum("v1"), longSum("v2"), doubleSum("v3")),
          "q6", List.of(median("v3"), stddev("v3")),
          "q7", List.of(range("v1", "v2")),
          "q8", List.of(top2("v3")),
          "q9", List.of(r2("v1", "v2")),
          "q10", List.of(doubleSum("v3"), countRows()));

  static final List<Question> QUESTIONS = G1Questions.QUESTIONS.stream()
      .map(q -> new Question(q.name(), q.by(), q.aggs(), REFERENCES.get(q.name()))).toList();

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
      ResultTable table = DataFrame.csv(file).groupBy(q.by().toArray(String[]::new))
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
