package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.Input;
import org.forkreduce.InputException;
import org.forkreduce.Inputs;
import org.forkreduce.RecordReader;
import org.forkreduce.SharedData;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvInputTest {
  @TempDir Path dir;

  record Read(List<List<String>> rows, List<Long> offsets, long bad) {}

  static Read readAll(Input<CsvRow> input, long splitSize) throws IOException {
    return read(input, input.splits(new SplitPolicy(splitSize, 1)));
  }

  static Read read(Input<CsvRow> input, List<Split> splits) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    long bad = 0;
    for (Split split : splits) {
      try (RecordReader<CsvRow> reader = input.open(split)) {
        while (reader.next()) {
          CsvRow row = reader.current();
          List<String> values = new ArrayList<>();
          for (int i = 0; i < row.size(); i++) {
            values.add(row.get(i));
          }
          rows.add(values);
          offsets.add(reader.recordOffset());
        }
        bad += reader.badRecords();
      }
    }
    return new Read(rows, offsets, bad);
  }

  @Test
  void csvSpectrum_everyFileEveryTinySplit_matchesExpectedJson() throws IOException {
    Path suite = SharedData.dir().resolve("csv-spectrum");
    List<Path> files;
    try (Stream<Path> s = Files.list(suite.resolve("csvs"))) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSize(11);
    ObjectMapper json = new ObjectMapper();
    for (Path csv : files) {
      String name = csv.getFileName().toString().replace(".csv", ".json");
      List<Map<String, String>> expected = json.readValue(suite.resolve("json").resolve(name)
          .toFile(), json.getTypeFactory().constructCollectionType(List.class,
          json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class,
              String.class)));
      for (long size = 1; size <= Files.size(csv) + 1; size += 3) {
        List<Map<String, String>> actual = new ArrayList<>();
        Input<CsvRow> input = Inputs.csv(csv);
        for (Split split : input.splits(new SplitPolicy(size, 1))) {
          try (RecordReader<CsvRow> reader = input.open(split)) {
            while (reader.next()) {
              CsvRow row = reader.current();
              Map<String, String> m = new LinkedHashMap<>();
              row.columns().forEach(c -> m.put(c, row.get(c)));
              actual.add(m);
            }
          }
        }
        assertThat(actual).as("%s at split size %d", csv.getFileName(), size)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void bomCsv_headerWithoutBom_allRecords() throws IOException {
    Path bom = SharedData.dir().resolve("commons-csv/CSVFileParser/bom.csv");
    for (long size : new long[] {100, 1000, 1 << 20}) {
      Input<CsvRow> input = Inputs.csv(bom);
      int records = 0;
      for (Split split : input.splits(new SplitPolicy(size, 1))) {
        try (RecordReader<CsvRow> reader = input.open(split)) {
          while (reader.next()) {
            assertThat(reader.current().columns().get(0)).isEqualTo("Date");
            assertThat(reader.current().get("Date")).matches("\\d{1,2}-[A-Z][a-z]{2}-\\d{2}");
            records++;
          }
        }
      }
      assertThat(records).isEqualTo(251);
    }
  }

  @Test
  void csv196_multiByteRecords_startAtPublishedBytePositions() throws IOException {
    Path root = SharedData.dir().resolve("commons-csv/CSV-196");
    CsvOptions quoteApostrophe = CsvOptions.defaults().quote('\'');
    for (long size = 1; size < 2000; size += 97) {
      assertThat(readAll(Inputs.csv(quoteApostrophe, root.resolve("emoji.csv")), size).offsets())
          .containsExactly(84L, 701L, 1318L, 1935L);
      assertThat(readAll(Inputs.csv(quoteApostrophe, root.resolve("japanese.csv")), size)
          .offsets()).containsExactly(89L, 242L, 395L);
    }
  }

  @Test
  void sample_largeStrictFile_firstRecordsFromTheBytes_smallFileWhole() throws IOException {
    Path big = dir.resolve("big.csv");
    StringBuilder text = new StringBuilder("id,\"note\"\r\n");
    for (int i = 0; i < 2000; i++) {
      text.append(i).append(i % 7 == 0 ? ",\"multi\nline, \"\"quoted\"\"\"\r\n" : ",plain\r\n");
    }
    Files.writeString(big, text, UTF_8);
    Path small = dir.resolve("small.csv");
    Files.writeString(small, "id,note\n1,x", UTF_8);
    CsvInput input = new CsvInput(CsvOptions.defaults(), big, small);
    List<List<String>> all = readAll(input, 1 << 20).rows();

    List<Split> sample = input.sample(1000);
    assertThat(sample).hasSize(1);
    assertThat(sample.get(0).meta()).isInstanceOf(String[].class); // cut, so read from bytes
    List<List<String>> rows = read(input, sample).rows();
    assertThat(rows.size()).isBetween(10, 200);
    assertThat(rows).isEqualTo(all.subList(0, rows.size()));

    List<Split> both = input.sample(1 << 20);
    assertThat(both).hasSize(2);
    assertThat(read(input, both).rows()).isEqualTo(all);
  }

  @Test
  void tsv_andCustomDelimiter() throws IOException {
    Path tsv = dir.resolve("t.tsv");
    Files.writeString(tsv, "a\tb\n1\t\"x\n2\ty\n", UTF_8);
    assertThat(readAll(Inputs.csv(CsvOptions.tsv(), tsv), 3).rows())
        .containsExactly(List.of("1", "\"x"), List.of("2", "y"));
    Path semi = dir.resolve("s.csv");
    Files.writeString(semi, "a;b\n\"1;2\";3\n", UTF_8);
    assertThat(readAll(Inputs.csv(CsvOptions.defaults().delimiter(';'), semi), 1).rows())
        .containsExactly(List.of("1;2", "3"));
  }

  /** Split size 4 cuts the files (read from their bytes); 1 MiB leaves them whole (Commons CSV). */
  @ParameterizedTest
  @ValueSource(longs = {4, 1 << 20})
  void badRecord_failPolicy_namesFileLineOffsetAndRawText(long splitSize) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,b\n1,2\n3,4,5\n6,7\n", UTF_8);
    assertThatThrownBy(() -> readAll(Inputs.csv(file), splitSize))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 3 (byte offset 8)")
        .hasMessageContaining("expected 2 fields")
        .hasMessageContaining("\"3,4,5\"")
        .hasMessageContaining("skip");
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 1 << 20})
  void badRecord_skipPolicy_countsAndWritesRejects(long splitSize) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,b\n1,2\n3,4,5\n6,7\nonly\n", UTF_8);
    Path rejects = Files.createDirectory(dir.resolve("rejects"));
    Read read = readAll(Inputs.csv(CsvOptions.defaults().skipBadRecords(rejects), file),
        splitSize);
    assertThat(read.rows()).containsExactly(List.of("1", "2"), List.of("6", "7"));
    assertThat(read.bad()).isEqualTo(2);
    StringBuilder written = new StringBuilder();
    try (Stream<Path> s = Files.list(rejects)) {
      // one file per split that had any, named after the split's start
      for (Path f : s.sorted(Comparator.comparingLong(f -> Long.parseLong(f.getFileName()
          .toString().replaceAll("^bad\\.csv-|\\.rejects$", "")))).toList()) {
        written.append(Files.readString(f));
      }
    }
    assertThat(written.toString()).isEqualTo("3,4,5\nonly\n");
  }

  @Test
  void unterminatedQuote_failsAsBadRecord() throws IOException {
    Path file = dir.resolve("open.csv");
    Files.writeString(file, "a,b\n1,2\n\"never closed,3\n", UTF_8);
    assertThatThrownBy(() -> readAll(Inputs.csv(file), 1 << 20))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("does not parse as CSV");
  }

  @Test
  void headersDiffer_refusedNamingBoth() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Files.writeString(a, "x,y\n1,2\n", UTF_8);
    Files.writeString(b, "x,z\n1,2\n", UTF_8);
    assertThatThrownBy(() -> Inputs.csv(dir).splits(new SplitPolicy(10, 1)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("[x, y]").hasMessageContaining("[x, z]");
  }

  @Test
  void strayQuote_readAsOneSplit() throws IOException {
    Path file = dir.resolve("stray.csv");
    Files.writeString(file, "a,b\n5\" pipe,2\n3,4\n", UTF_8);
    Input<CsvRow> input = Inputs.csv(file);
    assertThat(input.splits(new SplitPolicy(2, 1))).hasSize(1);
    assertThat(readAll(input, 2).rows()).containsExactly(List.of("5\" pipe", "2"),
        List.of("3", "4"));
  }

  @Test
  void splits_speculativePolicyQuoteFreeFile_cutAtLineStartsUnprovenAndReadAlike()
      throws IOException {
    Path file = dir.resolve("plain.csv");
    StringBuilder text = new StringBuilder("id,note\n");
    for (int i = 0; i < 300; i++) {
      text.append(i).append(i % 5 == 0 ? ",é€\r\n" : ",plain\n");
    }
    Files.writeString(file, text, UTF_8);
    Input<CsvRow> input = Inputs.csv(file);
    List<Split> proven = input.splits(new SplitPolicy(97, 1));
    List<Split> speculative = input.splits(new SplitPolicy(97, 1, true));
    assertThat(proven).noneMatch(Split::speculative);
    assertThat(speculative).hasSizeGreaterThan(20).allMatch(Split::speculative);
    // a quote-free file: the line starts are the record starts the scan proves
    assertThat(speculative.stream().map(Split::start).toList())
        .isEqualTo(proven.stream().map(Split::start).toList());
    assertThat(read(input, speculative).rows()).isEqualTo(read(input, proven).rows());
  }

  @Test
  void read_speculativeSplitsOfAFileWithAQuote_aReaderFails() throws IOException {
    Path file = dir.resolve("quoted.csv");
    StringBuilder text = new StringBuilder("id,note\n");
    for (int i = 0; i < 300; i++) {
      text.append(i).append(i == 150 ? ",\"two\nlines\"\n" : ",plain\n");
    }
    Files.writeString(file, text, UTF_8);
    Input<CsvRow> input = Inputs.csv(file);
    List<Split> splits = input.splits(new SplitPolicy(97, 1, true));
    assertThat(splits).allMatch(Split::speculative);
    assertThatThrownBy(() -> read(input, splits)).isInstanceOf(InputException.class)
        .hasMessageContaining("a quote, in a split cut where no quote was looked for");
    assertThat(readAll(input, 97).rows()).hasSize(300).contains(List.of("150", "two\nlines"));
  }

  @Test
  void splits_speculativePolicy_quotedHeaderOrSkippingOrOneSplit_cutWithProof()
      throws IOException {
    Path quotedHeader = dir.resolve("h.csv");
    Path plain = dir.resolve("p.csv");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      rows.append(i).append(",x\n");
    }
    Files.writeString(quotedHeader, "id,\"note\"\n" + rows, UTF_8);
    Files.writeString(plain, "id,note\n" + rows, UTF_8);
    SplitPolicy speculate = new SplitPolicy(97, 1, true);
    assertThat(Inputs.csv(quotedHeader).splits(speculate)).hasSizeGreaterThan(3)
        .noneMatch(Split::speculative);
    Path rejects = Files.createDirectory(dir.resolve("rejects"));
    assertThat(Inputs.csv(CsvOptions.defaults().skipBadRecords(rejects), plain)
        .splits(speculate)).hasSizeGreaterThan(3).noneMatch(Split::speculative);
    assertThat(Inputs.csv(plain).splits(new SplitPolicy(1 << 20, 1, true)))
        .singleElement().matches(split -> !split.speculative());
  }

  /** Records ended by lone CRs: the planner's header, ended at a line feed, would swallow them. */
  @ParameterizedTest
  @ValueSource(strings = {"k,v\r1,2\r3,4\r", "k,v\r1,2\n3,4\n5,6", "k,v\r1,2", "k,v\r",
      "\"k\r\",v\r1,2\r\n3,4\n"})
  void splits_loneCrLineBreaks_everyRecordReadAsCommonsCsvDoes(String text) throws IOException {
    Path file = dir.resolve("cr.csv");
    Files.writeString(file, text, UTF_8);
    List<List<String>> expected = new ArrayList<>();
    try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVParser.parse(text,
        org.apache.commons.csv.CSVFormat.RFC4180)) {
      p.forEach(r -> expected.add(r.toList()));
    }
    expected.remove(0);
    for (long splitSize : new long[] {1, 3, 1 << 20}) {
      assertThat(readAll(Inputs.csv(file), splitSize).rows()).as("split size %d", splitSize)
          .isEqualTo(expected);
      assertThat(read(Inputs.csv(file), Inputs.csv(file).splits(
          new SplitPolicy(splitSize, 1, true))).rows()).isEqualTo(expected);
    }
  }
}
