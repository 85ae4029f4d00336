package org.forkreduce.examples.dataframe.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forkreduce.spi.CounterSet;
import org.junit.jupiter.api.Test;

/**
 * Lines sorted by their keys against the table's own sort ({@link UnsortedTable#sorted}), on
 * random rows: the keys must order rows exactly as the table does, NA, ties and all.
 */
class SortedLineTest {
  private static final long[] LONGS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -256, -1, 0, 1, 255,
      256, Long.MAX_VALUE - 1, Long.MAX_VALUE};
  private static final double[] DOUBLES = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.5,
      -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 1e-300, 1.5, 2, Double.MAX_VALUE,
      Double.POSITIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L)};

  @Test
  void lines_randomRowsOfEveryKeyType_sortAsTheTableSortsThem() throws IOException {
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(9100 + seed);
      int keys = 1 + random.nextInt(3);
      char[] types = new char[keys];
      for (int k = 0; k < keys; k++) {
        types[k] = "LDS".charAt(random.nextInt(3));
      }
      List<String> header = new ArrayList<>();
      for (int k = 0; k < keys; k++) {
        header.add("k" + k + types[k]);
      }
      header.add("n");
      header.add("v");
      int rows = random.nextInt(seed % 5 == 0 ? 3 : 600);
      UnsortedTable table = new UnsortedTable(header, keys, 4);
      ResultColumn[] cells = table.columns();
      for (int r = 0; r < rows; r++) {
        boolean repeat = r > 0 && random.nextInt(4) == 0; // another row of a top() group
        for (int k = 0; k < keys; k++) {
          if (repeat) {
            cells[k].repeatLast();
          } else {
            addKey(cells[k], types[k], random);
          }
        }
        cells[keys].addLong(r);
        cells[keys + 1].add(random.nextInt(5) == 0 ? null : random.nextGaussian() * 1e6);
      }
      List<Map.Entry<byte[], String>> lines = new ArrayList<>(table.lines(rows, 1000).toList());
      lines.sort(SortedLine.ORDER);
      StringBuilder actual = new StringBuilder(table.csvHeader()).append('\n');
      lines.forEach(l -> actual.append(l.getValue()).append('\n'));

      StringBuilder expected = new StringBuilder();
      table.sorted(rows, new CounterSet().snapshot(), null).writeCsv(expected);
      assertThat(actual.toString()).as("seed %d, key types %s", seed, new String(types))
          .isEqualTo(expected.toString());
    }
  }

  private static void addKey(ResultColumn column, char type, Random random) {
    if (random.nextInt(8) == 0) {
      column.add(null);
    } else if (type == 'L') {
      column.addLong(random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)]
          : random.nextLong() >> random.nextInt(64));
    } else if (type == 'D') {
      column.addDouble(random.nextBoolean() ? DOUBLES[random.nextInt(DOUBLES.length)]
          : random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
    } else {
      byte[] utf8 = text(random).getBytes(StandardCharsets.UTF_8);
      column.addText(utf8, 0, utf8.length);
    }
  }

  /** Short text, often prefixes of one another, of ASCII, Latin, CJK and surrogate pairs. */
  private static String text(Random random) {
    String[] pieces = {"a", "b", "id", "0", "~", "\u007f", "é", "\u00ff", "\u4e2d", "\uffef",
        "\ud83d\ude00", "\ud800\udc00", " ", "A"};
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(4); n >= 0; n--) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    return s.toString();
  }

  @Test
  void key_textThatBeginsAnother_comesFirst() {
    assertThat(SortedLine.ORDER.compare(line("id", 5), line("id\u0000", 1))).isNegative();
    assertThat(SortedLine.ORDER.compare(line("a\u007e", 1), line("a\u007f", 0))).isNegative();
    assertThat(SortedLine.ORDER.compare(line("\uffff", 0), line("\uffff\u0000", 0)))
        .isNegative();
  }

  private static Map.Entry<byte[], String> line(String key, long row) {
    return SortedLine.of(new Object[] {key}, row, key);
  }

  @Test
  void key_valueOfAnotherType_refused() {
    assertThatThrownBy(() -> SortedLine.key(new Object[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Integer");
  }
}
