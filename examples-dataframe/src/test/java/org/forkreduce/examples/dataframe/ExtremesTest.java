package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.forkreduce.Engine;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** min, max and top of text, long and double columns, merged across many splits and engines. */
class ExtremesTest {
  @TempDir Path dir;

  private record Row(String g, String s, Long l, Double d) {}

  private List<Row> write(Path csv) throws IOException {
    Random random = new Random(20261130);
    String[] words = {"a", "b", "ab", "Zed", "é", "😀", "a,b", "x\"y", "10", "9"};
    List<Row> rows = new ArrayList<>();
    StringBuilder text = new StringBuilder("g,s,l,d\n");
    for (int i = 0; i < 3000; i++) {
      Row r = new Row("g" + random.nextInt(40),
          random.nextInt(10) == 0 ? null : words[random.nextInt(words.length)],
          random.nextInt(10) == 0 ? null : (long) random.nextInt(2001) - 1000,
          random.nextInt(10) == 0 ? null : Math.round(random.nextGaussian() * 1e4) / 1e2);
      rows.add(r);
      text.append(r.g()).append(',').append(r.s() == null ? "" : quote(r.s())).append(',')
          .append(r.l() == null ? "" : r.l()).append(',').append(r.d() == null ? "" : r.d())
          .append('\n');
    }
    Files.writeString(csv, text, StandardCharsets.UTF_8);
    return rows;
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  @Test
  void minMaxTop_textLongDouble_equalSequentialReferenceOnEveryEngine() throws IOException {
    Path csv = dir.resolve("t.csv");
    List<Row> rows = write(csv);
    for (Engine engine : List.of(Engine.inline(), Engine.threads(2), Engine.processes(2))) {
      try (engine) {
        DataFrame df = DataFrame.csv(csv).type("s", ColumnType.STRING);
        ResultTable extremes = df.groupBy("g").agg("min(s)", "max(s)", "min(l)", "max(l)", "min(d)",
            "max(d)").splitSize(997).run(engine);
        assertThat(cells(extremes)).as(engine.name()).isEqualTo(extremes(rows));
        for (String column : List.of("l", "d")) { // top() takes numbers only
          ResultTable top = df.groupBy("g").agg("top(" + column + ", 3)").splitSize(1499)
              .run(engine);
          assertThat(cells(top)).as("top %s on %s", column, engine.name())
              .isEqualTo(top(rows, column));
        }
      }
    }
  }

  private static List<List<Object>> cells(ResultTable t) {
    List<List<Object>> out = new ArrayList<>();
    for (Object[] row : t.rows()) {
      out.add(java.util.Arrays.asList(row));
    }
    return out;
  }

  private static final List<Function<Row, Comparable<?>>> COLUMNS =
      List.of(Row::s, Row::l, Row::d);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<List<Object>> extremes(List<Row> rows) {
    Map<String, List<Row>> groups = byGroup(rows);
    List<List<Object>> out = new ArrayList<>();
    groups.forEach((g, members) -> {
      List<Object> row = new ArrayList<>(List.of(g));
      for (Function<Row, Comparable<?>> column : COLUMNS) {
        List<Comparable> values = new ArrayList<>();
        members.stream().map(column).filter(v -> v != null).forEach(values::add);
        values.sort(Comparator.naturalOrder());
        row.add(values.isEmpty() ? null : values.get(0));
        row.add(values.isEmpty() ? null : values.get(values.size() - 1));
      }
      out.add(row);
    });
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<List<Object>> top(List<Row> rows, String column) {
    Function<Row, Comparable<?>> value = COLUMNS.get(List.of("s", "l", "d").indexOf(column));
    List<List<Object>> out = new ArrayList<>();
    byGroup(rows).forEach((g, members) -> {
      List<Comparable> values = new ArrayList<>();
      members.stream().map(value).filter(v -> v != null).forEach(values::add);
      values.sort(Comparator.reverseOrder());
      values.stream().limit(3).forEach(v -> out.add(List.of(g, v)));
    });
    return out;
  }

  private static Map<String, List<Row>> byGroup(List<Row> rows) {
    Map<String, List<Row>> groups = new TreeMap<>();
    rows.forEach(r -> groups.computeIfAbsent(r.g(), k -> new ArrayList<>()).add(r));
    return groups;
  }
}
