package org.forkreduce.examples.dataframe.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.forkreduce.CsvOptions;
import org.forkreduce.Engine;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.DataFrame;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mapper's batches against a per-row reference: bad and NA values anywhere in a batch, batches
 * cut by split ends, and {@code first} in input order across them.
 */
class GroupByMapperTest {
  @TempDir
  Path dir;

  @Test
  void agg_badAndNaValuesAcrossBatchesAndSplits_matchRowByRowReference() throws IOException {
    Random random = new Random(1130);
    StringBuilder csv = new StringBuilder("k,v\n");
    Map<String, List<Long>> good = new TreeMap<>();
    Map<String, Integer> rows = new TreeMap<>();
    int bad = 0;
    for (int i = 0; i < 5_000; i++) {
      String k = random.nextInt(40) == 0 ? "" : "g" + random.nextInt(23);
      int kind = random.nextInt(50);
      String v = kind == 0 ? "x" + i : kind == 1 ? "" : Long.toString(random.nextInt(2001) - 1000);
      csv.append(k).append(',').append(v).append('\n');
      if (kind == 0) {
        bad++;
        continue;
      }
      rows.merge(k, 1, Integer::sum);
      List<Long> values = good.computeIfAbsent(k, x -> new ArrayList<>());
      if (kind != 1) {
        values.add(Long.parseLong(v));
      }
    }
    Path file = dir.resolve("t.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Path rejects = Files.createDirectory(dir.resolve("rejects"));
    try (Engine engine = Engine.inline()) {
      ResultTable t = DataFrame.csv(CsvOptions.defaults().skipBadRecords(rejects), file)
          .type("v", ColumnType.LONG).type("k", ColumnType.STRING).groupBy("k")
          .agg("count()", "count(v)", "sum(v)", "first(v)", "min(v)", "max(v)", "median(v)")
          .splitSize(7_000).run(engine);
      assertThat(t.counters().get(Counters.BAD_RECORDS)).isEqualTo(bad);
      assertThat(t.stats().splits()).isGreaterThan(3);
      List<List<Object>> expected = new ArrayList<>();
      good.forEach((k, values) -> expected.add(Arrays.asList(k.isEmpty() ? null : k,
          (long) rows.get(k), (long) values.size(),
          values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).sum(),
          values.isEmpty() ? null : values.get(0),
          values.stream().min(Long::compare).orElse(null),
          values.stream().max(Long::compare).orElse(null), median(values))));
      assertThat(t.rows().stream().map(Arrays::asList).toList()).isEqualTo(expected);
    }
  }

  @Test
  void agg_longSumOverflowsMidBatch_errorNamesTheRowOfTheSplit() throws IOException {
    Path file = dir.resolve("big.csv");
    Files.writeString(file, "k,v\na,1\na,9223372036854775807\nb,5\na,2\nb,6\n",
        StandardCharsets.UTF_8);
    try (Engine engine = Engine.inline()) {
      assertThatThrownBy(() -> DataFrame.csv(file).type("v", ColumnType.LONG).groupBy("k")
          .agg("sum(v)").run(engine))
          .hasStackTraceContaining("sum(v) overflows a long at data row 2 of this split")
          .hasStackTraceContaining("--type COL=double");
    }
  }

  private static Double median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? (double) sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
