package org.forkreduce.examples.dataframe.table;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/** ResultTable columns against plain lists of the same cells. */
class ResultColumnTest {
  private static final double[] DOUBLES = {0.0, -0.0, 1.5, -2.25e-300, 1e22, Double.NaN,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
  private static final long[] LONGS = {0, -1, 7, Long.MIN_VALUE, Long.MAX_VALUE, 123456789};

  @Test
  void add_longsDoublesTextAndNaThroughGrowth_readBackAsGiven() {
    for (IntFunction<Object> cell : List.<IntFunction<Object>>of(
        i -> i % 7 == 0 ? null : (long) i * 31,
        i -> i % 5 == 0 ? null : DOUBLES[i % DOUBLES.length],
        i -> i % 3 == 0 ? (Object) (long) i : (Object) (i * 0.5), // longs and doubles: boxed
        i -> i == 40 ? "late text" : (Object) (long) i,
        i -> i < 30 ? null : "t" + i)) {
      ResultColumn column = new ResultColumn(4);
      List<Object> expected = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        column.add(cell.apply(i));
        expected.add(cell.apply(i));
      }
      List<Object> actual = new ArrayList<>();
      for (int i = 0; i < column.size(); i++) {
        actual.add(column.get(i));
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void addLongAndAddDouble_anyMixWithOtherCells_sameAsAddingTheBoxes() {
    Random random = new Random(20261130);
    for (int trial = 0; trial < 100; trial++) {
      ResultColumn typed = new ResultColumn(1);
      ResultColumn boxed = new ResultColumn(1);
      for (int i = random.nextInt(60); i > 0; i--) {
        int what = random.nextInt(trial % 3 == 0 ? 4 : 2); // some columns of one kind only
        long v = LONGS[random.nextInt(LONGS.length)];
        double d = DOUBLES[random.nextInt(DOUBLES.length)];
        switch (trial % 2 == 0 ? what : 3 - what) {
          case 0 -> { typed.addLong(v); boxed.add(v); }
          case 1 -> { typed.add(null); boxed.add(null); }
          case 2 -> { typed.addDouble(d); boxed.add(d); }
          default -> {
            if (random.nextBoolean()) {
              typed.addText(("té" + v).getBytes(UTF_8), 0, ("té" + v).getBytes(UTF_8).length);
            } else {
              typed.add("té" + v);
            }
            boxed.add("té" + v);
          }
        }
        if (boxed.size() > 0 && random.nextInt(8) == 0) {
          typed.repeatLast();
          boxed.add(boxed.get(boxed.size() - 1));
        }
      }
      for (int r = 0; r < boxed.size(); r++) {
        assertThat(typed.get(r)).as("trial %d row %d", trial, r).isEqualTo(boxed.get(r));
      }
      assertThat(typed.size()).isEqualTo(boxed.size());
    }
  }

  @Test
  void appendCsv_everyKindOfCell_sameTextAsTheFormatPrintsFirstAndLater() throws IOException {
    List<Object> cells = new ArrayList<>();
    for (double d : DOUBLES) {
      cells.add(d);
    }
    for (long l : LONGS) {
      cells.add(l);
    }
    cells.addAll(List.of("plain", "with,comma", "with \"quote\"", "two\nlines", " spaced ", "#",
        ""));
    cells.add(null);
    CSVFormat format = CSVFormat.RFC4180;
    for (Object cell : cells) {
      ResultColumn alone = new ResultColumn(1);
      alone.add(cell);
      ResultColumn coded = new ResultColumn(1); // text as a code into the column's dictionary
      if (cell instanceof String text) {
        coded.addText(text.getBytes(UTF_8), 0, text.getBytes(UTF_8).length);
      } else {
        coded.add(cell);
      }
      for (boolean first : new boolean[] {true, false}) {
        StringBuilder expected = new StringBuilder();
        format.print(cell instanceof Double d ? Doubles.shortest(d) : cell, expected, first);
        for (ResultColumn column : List.of(alone, coded)) {
          StringBuilder actual = new StringBuilder();
          column.appendCsv(0, actual, format, first, new ResultColumn.Printed());
          assertThat(actual.toString()).as("%s, first %s", cell, first)
              .isEqualTo(expected.toString());
        }
      }
    }
  }

  @Test
  void ranksAndPermute_seededCellsWithTiesAndNa_matchASortedCopy() {
    Random random = new Random(11_29);
    List<IntFunction<Object>> kinds = List.of(
        i -> random.nextInt(9) == 0 ? null : (long) random.nextInt(50) - 25,
        i -> random.nextInt(9) == 0 ? null : DOUBLES[random.nextInt(DOUBLES.length)],
        i -> random.nextInt(9) == 0 ? null : "k" + random.nextInt(40),
        i -> random.nextInt(9) == 0 ? null : new String[] {"é", "e", "😀", "\uFFFF", "", "Z"}[
            random.nextInt(6)] + random.nextInt(4));
    for (int k = 0; k < kinds.size(); k++) {
      ResultColumn column = new ResultColumn(16);
      List<Object> cells = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        Object v = kinds.get(k).apply(i);
        if (k == 3 && v instanceof String text) { // as the table decodes text: its bytes
          column.addText(text.getBytes(UTF_8), 0, text.getBytes(UTF_8).length);
        } else {
          column.add(v);
        }
        cells.add(v);
      }
      ResultColumn.Ranks ranks = column.ranks(new int[column.size()]);
      for (int a = 0; a < 200; a++) {
        int x = random.nextInt(cells.size());
        int y = random.nextInt(cells.size());
        assertThat(Integer.signum(Integer.compare(ranks.ofRow()[x], ranks.ofRow()[y])))
            .as("%s vs %s", cells.get(x), cells.get(y))
            .isEqualTo(Integer.signum(ResultTable.compare(cells.get(x), cells.get(y))));
      }
      Integer[] order = new Integer[cells.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, Comparator.comparingInt(i -> ranks.ofRow()[i]));
      ResultColumn sorted = column.permute(
          java.util.Arrays.stream(order).mapToInt(i -> i).toArray(), new ResultColumn.Scratch(null));
      for (int i = 0; i < order.length; i++) {
        assertThat(sorted.get(i)).isEqualTo(cells.get(order[i]));
      }
    }
  }

  @Test
  void addText_dictionaryFull_goesOnAsBoxedStrings() {
    ResultColumn column = new ResultColumn(2, new TextDictionary(8));
    List<Object> expected = new ArrayList<>();
    for (String text : new String[] {"ab", "cd", "ab", "éf", "gh", "ab", "ij"}) { // 8 bytes: full
      column.addText(text.getBytes(UTF_8), 0, text.getBytes(UTF_8).length);
      expected.add(text);
      if (expected.size() == 3) {
        column.add(null);
        expected.add(null);
      }
    }
    List<Object> actual = new ArrayList<>();
    for (int r = 0; r < column.size(); r++) {
      actual.add(column.get(r));
    }
    assertThat(actual).isEqualTo(expected);
  }
}
