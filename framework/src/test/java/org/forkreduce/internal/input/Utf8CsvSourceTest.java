package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.CsvRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte parser against one Commons CSV parse, through every buffer size that matters. */
class Utf8CsvSourceTest {
  private static final String[] EDGES = {
    "",
    "a,b\n",
    "a,b",
    "a,b\r\nc,d\r\n",
    "a\rb\rc",
    "a,b\r",
    "\n\na\n",
    "a,\n,b\n,\n",
    "\"\",\"\"\"\"\n\"x\"\"y\",\"\"\"\"\"\"\n",
    "\"line\nbreak\",\"cr\r\nlf\",\"lone\rcr\"\n",
    "\"a,b\",c\r\n\"\"\r\n",
    "é€,😀,日本\n\"語,\"\"x\"\"\",ü\n",
    "x,\"\"\"\"",
    "last,\"quoted at end\"",
  };

  @Test
  void next_edgeTextsEveryBufferSize_equalCommonsCsv() throws IOException {
    for (String text : EDGES) {
      for (int buffer = 1; buffer <= text.getBytes(UTF_8).length + 1; buffer++) {
        assertThat(parse(text, buffer)).as("%s at buffer %d", text, buffer)
            .isEqualTo(commons(text));
      }
    }
  }

  @Test
  void next_seededRandomRecords_equalCommonsCsvAtSmallBuffers() throws IOException {
    Random random = new Random(20261129);
    String[] fields = {"", "a", "42", "-7", "3.25", "é", "😀", "\"q,\"\"x\"\"\"", "\"l\r\nb\"",
        "\"\"", "x y"};
    String[] breaks = {"\n", "\r\n", "\r"};
    for (int t = 0; t < 200; t++) {
      StringBuilder text = new StringBuilder();
      int records = random.nextInt(12);
      for (int r = 0; r < records; r++) {
        int n = 1 + random.nextInt(4);
        for (int f = 0; f < n; f++) {
          text.append(f == 0 ? "" : ",").append(fields[random.nextInt(fields.length)]);
        }
        if (r < records - 1 || random.nextBoolean()) {
          text.append(breaks[random.nextInt(breaks.length)]);
        }
      }
      String s = text.toString();
      if (s.startsWith("\n") || s.startsWith("\r")) {
        continue; // an empty first line: Commons CSV and RFC 4180 agree only past the header
      }
      for (int buffer : new int[] {1, 2, 3, 7, 64}) {
        assertThat(parse(s, buffer)).as("%s at buffer %d", s, buffer).isEqualTo(commons(s));
      }
    }
  }

  @Test
  void toList_keptAcrossRecords_whileTheRowIsReused() throws IOException {
    Utf8CsvSource source = source("a,\"b\"\"c\"\nd,e\n", 0, 2);
    assertThat(source.next()).isTrue();
    CsvRow row = source.row(null);
    List<String> first = row.toList();
    assertThat(source.next()).isTrue();
    assertThat(source.row(null)).isSameAs(row);
    assertThat(first).containsExactly("a", "b\"c");
    assertThat(row.toList()).containsExactly("d", "e");
  }

  @Test
  void offset_eachRecordStart_isItsFileOffset() throws IOException {
    String text = "é,1\r\n\"x\ny\",2\n😀,3";
    Utf8CsvSource source = source(text, 1000, 2);
    List<Long> offsets = new ArrayList<>();
    while (source.next()) {
      offsets.add(source.offset());
    }
    assertThat(offsets).containsExactly(1000L, 1006L, 1014L);
  }

  @Test
  void next_unterminatedQuote_isASyntaxErrorWithItsOffset() throws IOException {
    Utf8CsvSource source = source("a\n\"open,b\n", 10, 4);
    assertThat(source.next()).isTrue();
    assertThatThrownBy(source::next).isInstanceOf(CsvRecordSource.CsvSyntaxException.class)
        .hasMessageContaining("not closed").hasMessageContaining("byte offset 12");
    assertThat(source.offset()).isEqualTo(12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "+17", "-9223372036854775808", "9223372036854775807",
      "123456789012345678", "1e3", "", "-", "+", " 5", "٣", "99999999999999999999", "\"\"\"7\""})
  void getLong_agreesWithLongParseLong(String field) throws Exception {
    CsvRow row = single(field);
    assertThat(outcome(() -> row.getLong(0))).as(field)
        .isEqualTo(outcome(() -> Long.parseLong(row.get(0))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0.0", "33.993104", "1e-320", "1.7976931348623157e308",
      "0.1000000000000000055511151231257827", "NaN", "-Infinity", "0x1p3", " 2.5 ", "1d", "",
      "abc", "1,5", "\"\"\"3\"", "日本", "12345678901234567890123", "-.5", "5.", ".", "-",
      "1.2.3", "007.50", "123456789012345", "1234567890123456", "0.000000000000001",
      "99999999999999.9", "9999999999999999", "+1.5", "\"2.25\""})
  void getDouble_agreesWithDoubleParseDouble(String field) throws Exception {
    CsvRow row = single(field);
    assertThat(outcome(() -> row.getDouble(0))).as(field)
        .isEqualTo(outcome(() -> Double.parseDouble(row.get(0))));
  }

  /** Plain decimals of 1 to 17 digits, the point anywhere: bit for bit Double.parseDouble's. */
  @Test
  void getDouble_randomPlainDecimals_bitForBitDoubleParseDouble() throws Exception {
    java.util.Random random = new java.util.Random(20261130);
    for (int n = 0; n < 100_000; n++) {
      StringBuilder field = new StringBuilder(random.nextBoolean() ? "-" : "");
      int digits = 1 + random.nextInt(17);
      int point = random.nextInt(digits + 2) - 1; // -1: none
      for (int d = 0; d < digits; d++) {
        if (d == point) {
          field.append('.');
        }
        field.append((char) ('0' + random.nextInt(10)));
      }
      CsvRow row = single(field.toString());
      assertThat(Double.doubleToRawLongBits(row.getDouble(0))).as(field.toString())
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(field.toString())));
    }
  }

  /** The value, or the class of the number format exception thrown instead. */
  private static Object outcome(java.util.concurrent.Callable<Object> parse) throws Exception {
    try {
      return parse.call();
    } catch (NumberFormatException e) {
      return NumberFormatException.class;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "id001", "é€😀", "\"a\"\"b\"", "\"\"", "\"x,y\""})
  void utf8_agreesWithGetBytes(String field) throws IOException {
    CsvRow row = single(field);
    byte[] expected = row.get(0).getBytes(UTF_8);
    byte[] actual = new byte[row.utf8Length(0) + 2];
    row.copyUtf8(0, actual, 1);
    assertThat(row.utf8Length(0)).isEqualTo(expected.length);
    assertThat(java.util.Arrays.copyOfRange(actual, 1, 1 + expected.length)).isEqualTo(expected);
    assertThat(row.isEmpty(0)).isEqualTo(expected.length == 0);
  }

  @Test
  void utf8_malformedBytes_replacedAsTheDecoderDoes() throws IOException {
    byte[] bytes = {'a', (byte) 0xC3, ',', (byte) 0xFF, '\n'};
    Utf8CsvSource source =
        new Utf8CsvSource(new ByteArrayInputStream(bytes), 0, ',', '"', 3, true);
    assertThat(source.next()).isTrue();
    CsvRow row = source.row(new Header(new String[] {"x", "y"}));
    assertThat(row.get(0)).isEqualTo("a\uFFFD");
    byte[] copy = new byte[row.utf8Length(1)];
    row.copyUtf8(1, copy, 0);
    assertThat(copy).isEqualTo("\uFFFD".getBytes(UTF_8));
  }

  private static CsvRow single(String field) throws IOException {
    Utf8CsvSource source = source(field + "\n", 0, 3);
    assertThat(source.next()).isTrue();
    return source.row(new Header(new String[] {"x"}));
  }

  private static Utf8CsvSource source(String text, long offset, int buffer) {
    return new Utf8CsvSource(new ByteArrayInputStream(text.getBytes(UTF_8)), offset, ',', '"',
        buffer, true);
  }

  private static List<List<String>> parse(String text, int buffer) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (Utf8CsvSource source = source(text, 0, buffer)) {
      while (source.next()) {
        CsvRow row = source.row(null);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          values.add(row.get(i));
        }
        rows.add(values);
      }
    }
    return rows;
  }

  private static List<List<String>> commons(String text) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(text, CSVFormat.RFC4180)) {
      for (CSVRecord r : p) {
        rows.add(r.toList());
      }
    }
    return rows;
  }
}
