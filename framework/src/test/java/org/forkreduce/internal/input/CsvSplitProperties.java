package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.CsvRow;
import org.forkreduce.Input;
import org.forkreduce.InputException;
import org.forkreduce.Inputs;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;

class CsvSplitProperties {

  /**
   * Fields that need quoting (delimiters, doubled quotes, LF, CRLF) and plain ones; records
   * ended by LF, CRLF or a lone CR, as Commons CSV reads them.
   */
  @Provide
  Arbitrary<String> files() {
    Arbitrary<String> plain = Arbitraries.of("", "a", "7", "é€", "😀", "x y");
    Arbitrary<String> quoted = Arbitraries.of("a,b", "say \"\"hi\"\"", "line\nbreak", "cr\r\nlf",
        ",", "\"\"", "\n", "日本,語").map(s -> "\"" + s + "\"");
    Arbitrary<String> field = Arbitraries.oneOf(plain, quoted);
    Arbitrary<String> record = field.list().ofSize(3).map(f -> String.join(",", f));
    Arbitrary<String> eol = Arbitraries.of("\n", "\r\n", "\r");
    return Arbitraries.lazy(() -> record.list().ofMaxSize(25)).flatMap(records ->
        eol.map(e -> "h1,h2,h3" + e + String.join(e, records) + (records.isEmpty() ? "" : e)))
        .flatMap(text -> Arbitraries.of(true, false).map(
            trailing -> trailing || !text.endsWith("\n") ? text : text.stripTrailing()));
  }

  @Property(tries = 300, seed = "20261125")
  void splits_randomQuotedCsvAndSplitSize_equalOneSequentialParse(
      @ForAll("files") String text, @ForAll @LongRange(min = 1, max = 120) long splitSize)
      throws IOException {
    Path file = write(text);
    try {
      assertThat(CsvInputTest.readAll(Inputs.csv(file), splitSize).rows())
          .isEqualTo(parse(text));
    } finally {
      delete(file);
    }
  }

  /**
   * Splits cut without proof read as one sequential parse, unless the data has a quote: then
   * a reader fails, so that the engine plans again with proof.
   */
  @Property(tries = 300, seed = "20261130")
  void speculativeSplits_randomQuotedCsvAndSplitSize_equalOneParseUnlessAReaderFails(
      @ForAll("files") String text, @ForAll @LongRange(min = 1, max = 120) long splitSize)
      throws IOException {
    Path file = write(text);
    try {
      Input<CsvRow> input = Inputs.csv(file);
      List<Split> splits = input.splits(new SplitPolicy(splitSize, 1, true));
      boolean quoted = text.indexOf('"', text.indexOf('\n')) >= 0;
      if (quoted && splits.stream().anyMatch(Split::speculative)) {
        assertThatThrownBy(() -> CsvInputTest.read(input, splits))
            .isInstanceOf(InputException.class);
      } else {
        assertThat(CsvInputTest.read(input, splits).rows()).isEqualTo(parse(text));
      }
    } finally {
      delete(file);
    }
  }

  /** The data records of one Commons CSV parse of the text. */
  private static List<List<String>> parse(String text) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(text, CSVFormat.RFC4180)) {
      for (CSVRecord r : p) {
        records.add(r.toList());
      }
    }
    records.remove(0);
    return records;
  }

  private static Path write(String text) throws IOException {
    Path file = Files.createTempDirectory("fr-csv-prop").resolve("t.csv");
    Files.writeString(file, text, UTF_8);
    return file;
  }

  private static void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.delete(file.getParent());
  }
}
