package org.forkreduce.examples.dataframe.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.forkreduce.Engine;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table's CSV, written in blocks on several threads, against Commons CSV printing its rows. */
class ResultTableCsvTest {
  @TempDir Path dir;

  @Test
  void writeCsv_blocksOfEverySize_sameTextAsACsvPrinterOfTheRows() throws IOException {
    Random random = new Random(1130);
    String[] words = {"a", "a,b", "x\"y", " lead", "two\nlines", "é", "#", ""};
    StringBuilder text = new StringBuilder("k,n,t,v\n");
    for (int i = 0; i < 4000; i++) {
      String word = words[random.nextInt(words.length)];
      text.append(random.nextInt(300)).append(',')
          .append(random.nextInt(9) == 0 ? "" : "\"" + word.replace("\"", "\"\"") + "\"")
          .append(',').append(random.nextInt(7) == 0 ? "" : "t" + random.nextInt(5))
          .append(',').append(random.nextInt(8) == 0 ? "" : random.nextGaussian() * 1e3)
          .append('\n');
    }
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, text, StandardCharsets.UTF_8);
    ResultTable table;
    try (Engine engine = Engine.inline()) {
      table = DataFrame.csv(csv).type("n", ColumnType.STRING).groupBy("k", "t")
          .agg("first(n) AS n", "sum(v) AS s", "count() AS c", "max(n) AS m").run(engine);
    }
    StringBuilder expected = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(expected,
        CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
      printer.printRecord(table.columns());
      for (Object[] row : table.rows()) {
        for (Object cell : row) {
          printer.print(cell instanceof Double d ? Doubles.shortest(d) : cell);
        }
        printer.println();
      }
    }
    for (int block : new int[] {1, 7, 64, 1 << 16}) {
      StringBuilder actual = new StringBuilder();
      table.writeCsv(actual, block);
      assertThat(actual.toString()).as("blocks of %d rows", block)
          .isEqualTo(expected.toString());
    }
  }
}
