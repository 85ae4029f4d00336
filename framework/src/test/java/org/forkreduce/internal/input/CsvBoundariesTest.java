package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner's cuts against a naive reference: the record starts of one sequential Commons CSV
 * parse (ASCII text, so character positions are byte offsets), cut at the first record start at
 * or past each multiple of the split size.
 */
class CsvBoundariesTest {
  @TempDir
  Path dir;

  @Test
  void plan_everySplitSize_cutsWhereTheReferenceDoes() throws IOException {
    String text = "h1,h2\r\n\"a\nb\",1\r\n\"\"\"q\"\"\",\"\"\r\nplain,\"x,y\"\n,\n\"\n\",\"\"\"\"\nlast,1";
    Path file = write(text);
    for (long size = 1; size <= text.length() + 1; size++) {
      assertThat(CsvBoundaries.plan(file, ',', '"', size, false, -1)).as("split size %d", size)
          .isEqualTo(reference(text, size));
    }
  }

  @Test
  void plan_quotedFieldsAcrossReadBuffers_cutsWhereTheReferenceDoes() throws IOException {
    String text = randomCsv(new Random(42), 400_000);
    Path file = write(text);
    for (long size : new long[] {1, 999, 4096, 65_535, 65_536, 65_537, 150_000, 1L << 40}) {
      assertThat(CsvBoundaries.plan(file, ',', '"', size, false, -1)).as("split size %d", size)
          .isEqualTo(reference(text, size));
    }
  }

  @Test
  void plan_strayQuoteBeforeACut_wholeFile() throws IOException {
    Path file = write("h\na\"b\nc\nd\ne\n");
    assertThat(CsvBoundaries.plan(file, ',', '"', 2, false, -1)).isEqualTo(CsvBoundaries.WHOLE);
  }

  @Test
  void plan_tooSmallToCut_onlyTheHeaderScannedAndUnproven() throws IOException {
    String text = "h\n1\nx\"y\n";
    Path file = write(text);
    assertThat(CsvBoundaries.plan(file, ',', '"', 1L << 40, false, -1))
        .isEqualTo(new CsvBoundaries.Plan(2, List.of(), false));
    assertThat(CsvBoundaries.plan(file, ',', '"', 2, false, -1)).isEqualTo(CsvBoundaries.WHOLE);
    assertThat(CsvInputTest.readAll(Inputs.csv(file), 1L << 40).rows())
        .containsExactly(List.of("1"), List.of("x\"y"));
  }

  @Test
  void plan_noQuoteCharacter_quotesAreText() throws IOException {
    String text = "h\n\"a\n\"b\n";
    assertThat(CsvBoundaries.plan(write(text), ',', null, 1, false, -1).cuts())
        .containsExactly(5L);
  }

  @Test
  void plan_quoteFreeText_sameCutsAsTheScanForEverySplitSize() throws IOException {
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder("id,v\n");
    while (sb.length() < 3_000) {
      sb.append("k").append(random.nextInt(1000)).append(',').append(random.nextInt(99))
          .append(random.nextInt(3) == 0 ? "\r\n" : "\n");
    }
    for (String text : List.of(sb.toString(), sb + "tail,1", "h\n", "no line feed", "",
        "h\r\n\n\n1\n")) {
      Path file = write(text);
      for (long size = 1; size <= text.length() + 1; size++) {
        // a bound on cuts that is never reached makes plan run the state machine
        assertThat(QuoteFree.plan(file, text.length(), size, -1)).as("%s, split size %d",
            text.length(), size).isEqualTo(CsvBoundaries.plan(file, ',', '"', size,
            Integer.MAX_VALUE - 1, -1));
      }
    }
  }

  @Test
  void plan_bigFileWithAQuoteInAnyChunk_leftToTheScan() throws IOException {
    byte[] line = "id0000012345,7,88.1234\n".getBytes(US_ASCII);
    byte[] bytes = new byte[(33 << 20) / line.length * line.length];
    for (int i = 0; i < bytes.length; i += line.length) {
      System.arraycopy(line, 0, bytes, i, line.length);
    }
    Path file = Files.write(dir.resolve("big.csv"), bytes);
    assertThat(QuoteFree.holds(file, bytes.length, '"')).isTrue();
    long splitSize = 5 << 20;
    assertThat(CsvBoundaries.plan(file, ',', '"', splitSize, false, -1))
        .isEqualTo(CsvBoundaries.plan(file, ',', '"', splitSize, Integer.MAX_VALUE - 1, -1))
        .satisfies(plan -> assertThat(plan.cuts()).hasSize(6));
    for (int at : new int[] {0, (8 << 20) - 1, 8 << 20, 20 << 20, bytes.length - 2}) {
      byte[] quoted = bytes.clone();
      quoted[at] = '"';
      Files.write(file, quoted);
      assertThat(QuoteFree.holds(file, quoted.length, '"')).as("quote at %d", at).isFalse();
    }
  }

  private Path write(String text) throws IOException {
    return Files.write(dir.resolve("t.csv"), text.getBytes(US_ASCII));
  }

  private static CsvBoundaries.Plan reference(String text, long splitSize) throws IOException {
    List<Long> starts = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(text, CSVFormat.RFC4180)) {
      for (CSVRecord r : p) {
        starts.add(r.getCharacterPosition());
      }
    }
    if (starts.size() < 2) {
      return new CsvBoundaries.Plan(text.length(), List.of(), true);
    }
    long headerEnd = starts.get(1);
    List<Long> cuts = new ArrayList<>();
    long next = headerEnd + splitSize;
    for (long start : starts.subList(2, starts.size())) {
      if (start >= next) {
        cuts.add(start);
        next = start + splitSize;
      }
    }
    return headerEnd + splitSize >= text.length()
        ? new CsvBoundaries.Plan(headerEnd, List.of(), false)
        : new CsvBoundaries.Plan(headerEnd, cuts, true);
  }

  /** Records of plain and quoted fields, some quoted ones long and full of line breaks. */
  private static String randomCsv(Random random, int length) {
    StringBuilder s = new StringBuilder("a,b,c\n");
    while (s.length() < length) {
      for (int f = 0; f < 3; f++) {
        if (f > 0) {
          s.append(',');
        }
        switch (random.nextInt(4)) {
          case 0 -> s.append(random.nextInt(1000));
          case 1 -> s.append("\"x,\"\"y\"\"\n\"");
          case 2 -> s.append('"').append("z\n".repeat(random.nextInt(40_000))).append('"');
          default -> { }
        }
      }
      s.append(random.nextBoolean() ? "\n" : "\r\n");
    }
    return s.toString();
  }
}
