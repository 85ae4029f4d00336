package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.InputException;
import org.forkreduce.Inputs;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A quote left open in a big CSV file: skipped as one line, or failed on naming its line. */
class StrayQuoteTest {
  private static final int ROWS = 100_000;
  private static final int BAD_LINE = 40_001;

  @TempDir Path dir;

  /** Writes ROWS seeded rows, line BAD_LINE opening a quote it never closes; the good lines. */
  private List<String> write(Path file) throws IOException {
    Random random = new Random(19);
    StringBuilder text = new StringBuilder("k,v\n");
    List<String> good = new ArrayList<>();
    for (int line = 2; line <= ROWS + 1; line++) {
      String row = line == BAD_LINE ? "\"stray," + line
          : "k" + random.nextInt(50) + "," + random.nextInt(1_000_000);
      text.append(row).append('\n');
      if (line != BAD_LINE) {
        good.add(row);
      }
    }
    Files.writeString(file, text, UTF_8);
    return good;
  }

  private static long offsetOfLine(String text, int line) {
    int at = 0;
    for (int l = 1; l < line; l++) {
      at = text.indexOf('\n', at) + 1;
    }
    return at;
  }

  @ParameterizedTest
  @ValueSource(longs = {4096, 77_777, 1 << 20, 1 << 30})
  void strayQuote_skipPolicy_everyOtherRowReadAndTheLineRejectedWhole(long splitSize)
      throws IOException {
    Path file = dir.resolve("big.csv");
    List<String> good = write(file);
    Path rejects = Files.createDirectory(dir.resolve("rejects"));
    var input = Inputs.csv(CsvOptions.defaults().skipBadRecords(rejects), file);
    List<String> rows = new ArrayList<>();
    long bad = 0;
    long badLines = 0;
    for (Split split : input.splits(new SplitPolicy(splitSize, 1))) {
      try (RecordReader<CsvRow> reader = input.open(split)) {
        while (reader.next()) {
          rows.add(reader.current().get(0) + "," + reader.current().get(1));
        }
        bad += reader.badRecords();
        badLines += reader.badLines();
      }
    }
    assertThat(rows).isEqualTo(good);
    assertThat(bad).isEqualTo(1);
    assertThat(badLines).isEqualTo(1);
    StringBuilder written = new StringBuilder();
    try (Stream<Path> s = Files.list(rejects)) {
      for (Path f : s.toList()) {
        written.append(Files.readString(f));
      }
    }
    assertThat(written.toString()).isEqualTo("\"stray," + BAD_LINE + "\n");
  }

  @ParameterizedTest
  @ValueSource(longs = {4096, 1 << 30})
  void strayQuote_failPolicy_namesTheQuotesLineAndQuotesLittle(long splitSize)
      throws IOException {
    Path file = dir.resolve("big.csv");
    write(file);
    long offset = offsetOfLine(Files.readString(file), BAD_LINE);
    var input = Inputs.csv(file);
    assertThatThrownBy(() -> {
      // not CsvInputTest.readAll: a record's offset costs a decode from the split's start
      for (Split split : input.splits(new SplitPolicy(splitSize, 1))) {
        try (RecordReader<CsvRow> reader = input.open(split)) {
          while (reader.next()) {
            reader.current();
          }
        }
      }
    }).isInstanceOf(InputException.class)
        .hasMessageContaining("line " + BAD_LINE + " (byte offset " + offset + ")")
        .hasMessageContaining("The record: \"\"stray," + BAD_LINE + "\". Fix")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(800));
  }

  @ParameterizedTest
  @ValueSource(longs = {4096, 1 << 30})
  void unclosedSpan_longerThanTheLimit_failsNamingItsStart(long splitSize) throws IOException {
    Path file = dir.resolve("long.csv");
    StringBuilder text = new StringBuilder("k,v\n1,2\n\"open,3\n");
    for (int i = 0; i < 20; i++) {
      text.append("only-one-field\n");
    }
    text.append("4,5\n");
    Files.writeString(file, text, UTF_8);
    Path rejects = Files.createDirectory(dir.resolve("rejects"));
    CsvOptions options = CsvOptions.defaults().skipBadRecords(rejects).maxRejectSpan(1 << 20, 10);
    assertThatThrownBy(() -> CsvInputTest.readAll(Inputs.csv(options, file), splitSize))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file + " at line 3 (byte offset 8) cannot be skipped")
        .hasMessageContaining("10 lines");
    CsvOptions wider = CsvOptions.defaults().skipBadRecords(rejects).maxRejectSpan(1 << 20, 21);
    assertThat(CsvInputTest.readAll(Inputs.csv(wider, file), splitSize).rows())
        .containsExactly(List.of("1", "2"), List.of("4", "5"));
  }
}
