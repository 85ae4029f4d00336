package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forkreduce.internal.input.CsvInputTest.read;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVParser;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.Input;
import org.forkreduce.InputException;
import org.forkreduce.Inputs;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header-less CSV files, and the checks of columns the planner makes before any work. */
class CsvNoHeaderTest {
  private static final CsvOptions KV = CsvOptions.defaults().noHeader(List.of("k", "v"));

  @TempDir Path dir;

  /** Rows of a 1BRC-like file: quoted keys with line breaks, quotes and delimiters if asked. */
  private static String rows(long seed, int n, char delimiter, boolean quoted, String eol) {
    Random random = new Random(seed);
    String[] keys = {"Hamburg", "Abéché", "日本", "St. John's"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String key = quoted && i % 9 == 4 ? "\"two\nlines" + delimiter + " \"\"q\"\"\""
          : keys[random.nextInt(keys.length)];
      sb.append(key).append(delimiter).append(random.nextInt(1999) / 10.0 - 99.9).append(eol);
    }
    return sb.toString();
  }

  /** The reference: Commons CSV parsing the whole text, every line a record. */
  private static List<List<String>> naive(String text, CsvOptions options) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(text.startsWith("\uFEFF") ? text.substring(1) : text,
        options.format())) {
      p.forEach(r -> rows.add(r.toList()));
    }
    return rows;
  }

  @Test
  void read_noHeaderEverySplitSizeAndPolicy_everyLineARecordAsCommonsCsvReadsIt()
      throws IOException {
    CsvOptions semicolon = KV.delimiter(';');
    List<Object[]> cases = List.of(
        new Object[] {"plain.csv", rows(1, 60, ';', false, "\n"), semicolon},
        new Object[] {"quoted.csv", rows(2, 60, ',', true, "\r\n"), KV},
        new Object[] {"bom.csv", "\uFEFF" + rows(3, 40, ';', false, "\n"), semicolon},
        new Object[] {"tabs.tsv", rows(4, 40, '\t', false, "\n"),
            CsvOptions.tsv().noHeader(List.of("k", "v"))},
        new Object[] {"noeol.csv", rows(5, 30, ',', true, "\n").stripTrailing(), KV});
    for (Object[] c : cases) {
      Path file = dir.resolve((String) c[0]);
      String text = (String) c[1];
      CsvOptions options = (CsvOptions) c[2];
      Files.writeString(file, text, UTF_8);
      Input<CsvRow> input = Inputs.csv(options, file);
      List<List<String>> expected = naive(text, options);
      long size = Files.size(file);
      for (long splitSize = 1; splitSize <= size + 1; splitSize += 7) {
        for (boolean speculate : new boolean[] {false, true}) {
          List<Split> splits = input.splits(new SplitPolicy(splitSize, 1, speculate));
          assertThat(splits.get(0).start()).as("%s: first split", c[0])
              .isIn(text.startsWith("\uFEFF") ? List.of(0L, 3L) : List.of(0L));
          assertThat(splits.get(splits.size() - 1).end()).isEqualTo(size);
          List<List<String>> rows = speculate && text.contains("\"")
              ? CsvInputTest.readAll(input, splitSize).rows() : read(input, splits).rows();
          assertThat(rows).as("%s, split size %d, speculative %s", c[0], splitSize, speculate)
              .isEqualTo(expected);
        }
      }
      assertThat(read(input, input.sample(64)).rows()).isEqualTo(
          expected.subList(0, read(input, input.sample(64)).rows().size()));
    }
  }

  @Test
  void read_noHeaderGzip_everyLineARecord() throws IOException {
    String text = rows(6, 50, ';', true, "\n");
    Path file = dir.resolve("m.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(UTF_8));
    }
    CsvOptions options = KV.delimiter(';');
    assertThat(CsvInputTest.readAll(Inputs.csv(options, file), 10).rows())
        .isEqualTo(naive(text, options));
  }

  @Test
  void splits_noHeaderFieldCountDiffers_refusedNamingFileFieldsAndColumns() throws IOException {
    Path file = dir.resolve("three.csv");
    Files.writeString(file, "a;1;x\nb;2;y\n", UTF_8);
    assertThatThrownBy(() -> Inputs.csv(KV.delimiter(';'), file).splits(new SplitPolicy(4, 1)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("3 fields")
        .hasMessageContaining("[a, 1, x]").hasMessageContaining("[k, v]");
  }

  @Test
  void splits_headerNamesAColumnTwice_refusedNamingIt() throws IOException {
    Path file = dir.resolve("dup.csv");
    Files.writeString(file, "id,v1,v1\n1,2,3\n", UTF_8);
    assertThatThrownBy(() -> Inputs.csv(file).splits(new SplitPolicy(4, 1)))
        .isInstanceOf(InputException.class).hasMessageContaining(file.toString())
        .hasMessageContaining("'v1' twice").hasMessageContaining("[id, v1, v1]");
  }

  @Test
  void splits_gzipFileOfAnotherHeader_refusedNamingBoth() throws IOException {
    Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n", UTF_8);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("b.csv.gz")))) {
      out.write("x,z\n1,2\n".getBytes(UTF_8));
    }
    assertThatThrownBy(() -> Inputs.csv(dir).splits(new SplitPolicy(10, 1)))
        .isInstanceOf(InputException.class).hasMessageContaining("a.csv")
        .hasMessageContaining("b.csv.gz").hasMessageContaining("[x, z]");
  }

  @Test
  void noHeader_noNameOrARepeatedOne_refused() {
    assertThatThrownBy(() -> KV.noHeader(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KV.noHeader(List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, a]");
    assertThat(KV.header()).isFalse();
    assertThat(CsvOptions.defaults().header()).isTrue();
  }
}
