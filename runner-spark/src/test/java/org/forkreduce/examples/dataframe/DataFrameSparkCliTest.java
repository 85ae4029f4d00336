package org.forkreduce.examples.dataframe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.forkreduce.datasets.G1Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataframe CLI with runner-spark on the class path: {@code --engine spark --master}. */
class DataFrameSparkCliTest {
  @TempDir Path dir;

  static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DataFrameCli.run(new PrintStream(out, true, UTF_8),
        new PrintStream(err, true, UTF_8), args);
    return new String[] {String.valueOf(code), out.toString(UTF_8), err.toString(UTF_8)};
  }

  @Test
  void groupby_engineSparkLocal2_sameCsvAsThreads() throws IOException {
    Path g1 = dir.resolve("G1.csv");
    try (Writer w = Files.newBufferedWriter(g1, UTF_8)) {
      new G1Table(5_000, 10, 5, false).write(w, 3);
    }
    String[] spark = run("groupby", "--by", "id4,id5", "--agg", "median(v3) AS m",
        "--agg", "stddev(v3) AS sd", "--engine", "spark", "--master", "local[2]", g1.toString());
    String[] threads = run("groupby", "--by", "id4,id5", "--agg", "median(v3) AS m",
        "--agg", "stddev(v3) AS sd", "--engine", "threads", "--workers", "2", g1.toString());
    assertThat(spark[0]).as(spark[2]).isEqualTo("0");
    assertThat(spark[1]).isEqualTo(threads[1]).startsWith("id4,id5,m,sd\n");
    assertThat(spark[2]).contains("engine spark, 2 workers");
  }

  @Test
  void groupby_digitKeysOnSpark_printedAsWrittenAsOnThreads() throws IOException {
    // threads is checked against DuckDB (KeysAsWrittenTest); spark must print the same keys
    Path zips = dir.resolve("zips.csv");
    StringBuilder csv = new StringBuilder("zip,code,n\n");
    for (int i = 0; i < 3_000; i++) {
      csv.append(String.format("%05d", i % 700)).append(',').append(i % 3 == 0 ? "+7" : "007")
          .append(',').append(i).append('\n');
    }
    Files.writeString(zips, csv, UTF_8);
    String[] spark = run("groupby", "--by", "zip,code", "--agg", "count() AS c", "--agg",
        "sum(n) AS s", "--engine", "spark", "--master", "local[2]", zips.toString());
    String[] threads = run("groupby", "--by", "zip,code", "--agg", "count() AS c", "--agg",
        "sum(n) AS s", "--engine", "threads", "--workers", "2", zips.toString());
    assertThat(spark[0]).as(spark[2]).isEqualTo("0");
    assertThat(spark[1]).isEqualTo(threads[1]).contains("\n00501,007,").contains("\n00000,+7,");
  }
}
