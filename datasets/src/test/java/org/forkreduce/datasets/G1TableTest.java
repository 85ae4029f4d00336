package org.forkreduce.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class G1TableTest {

  private static List<String[]> rows(G1Table table, long seed) throws IOException {
    StringWriter out = new StringWriter();
    table.write(out, seed);
    String[] lines = out.toString().split("\n", -1);
    assertThat(lines[0]).isEqualTo(G1Table.HEADER);
    assertThat(lines[lines.length - 1]).isEmpty();
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.length - 1; i++) {
      rows.add(lines[i].split(",", -1));
    }
    return rows;
  }

  @Test
  void write_noNa_valuesWithinTheirDomains() throws IOException {
    List<String[]> rows = rows(new G1Table(5_000, 10, 0, false), 1);
    assertThat(rows).hasSize(5_000);
    for (String[] r : rows) {
      assertThat(r).hasSize(9);
      assertThat(r[0]).matches("id0(0[1-9]|10)");
      assertThat(r[1]).matches("id0(0[1-9]|10)");
      assertThat(r[2]).matches("id\\d{10}");
      assertThat(Long.parseLong(r[2].substring(2))).isBetween(1L, 500L);
      assertThat(Integer.parseInt(r[3])).isBetween(1, 10);
      assertThat(Integer.parseInt(r[4])).isBetween(1, 10);
      assertThat(Integer.parseInt(r[5])).isBetween(1, 500);
      assertThat(Integer.parseInt(r[6])).isBetween(1, 5);
      assertThat(Integer.parseInt(r[7])).isBetween(1, 15);
      assertThat(r[8]).matches("\\d{1,2}(\\.\\d{0,5}[1-9])?");
      assertThat(Double.parseDouble(r[8])).isGreaterThanOrEqualTo(0).isLessThan(100);
    }
  }

  @Test
  void write_naPercent_exactCellsForValuesAndWholeIdValues() throws IOException {
    List<String[]> rows = rows(new G1Table(10_000, 20, 10, false), 2);
    for (int col = 6; col < 9; col++) {
      int c = col;
      assertThat(rows.stream().filter(r -> r[c].isEmpty()).count()).isEqualTo(1_000);
    }
    // id4 takes 20 distinct values, so 2 of them are NA in every row that holds them
    Set<String> seen = new HashSet<>();
    rows.forEach(r -> seen.add(r[3]));
    assertThat(seen).contains("").hasSize(20 - 2 + 1);
    // id6 takes 500 distinct values: 50 are NA
    Set<String> id6 = new HashSet<>();
    rows.forEach(r -> id6.add(r[5]));
    assertThat(id6).contains("").hasSizeBetween(440, 451);
  }

  @Test
  void write_sorted_ordersByIdsEmptyFirst() throws IOException {
    List<String[]> rows = rows(new G1Table(3_000, 5, 5, true), 3);
    Comparator<String[]> byIds = Comparator.comparing((String[] r) -> r[0])
        .thenComparing(r -> r[1]).thenComparing(r -> r[2])
        .thenComparingInt(r -> r[3].isEmpty() ? 0 : Integer.parseInt(r[3]))
        .thenComparingInt(r -> r[4].isEmpty() ? 0 : Integer.parseInt(r[4]))
        .thenComparingInt(r -> r[5].isEmpty() ? 0 : Integer.parseInt(r[5]));
    List<String[]> resorted = new ArrayList<>(rows);
    resorted.sort(byIds);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(Arrays.copyOf(rows.get(i), 6)).isEqualTo(Arrays.copyOf(resorted.get(i), 6));
    }
  }

  @Test
  void write_sameSeed_sameTable() throws IOException {
    StringWriter a = new StringWriter();
    StringWriter b = new StringWriter();
    new G1Table(1_000, 10, 5, false).write(a, 9);
    new G1Table(1_000, 10, 5, false).write(b, 9);
    assertThat(a.toString()).isEqualTo(b.toString());
  }

  @Test
  void fileName_followsDbBenchmark() {
    assertThat(new G1Table(10_000_000, 100, 0, false).fileName()).isEqualTo("G1_1e7_1e2_0_0.csv");
    assertThat(new G1Table(25_000, 10, 5, true).fileName()).isEqualTo("G1_2.5e4_1e1_5_1.csv");
  }

  @Test
  void new_invalidArguments_saySo() {
    assertThatThrownBy(() -> new G1Table(10, 20, 0, false)).hasMessageContaining("groups");
    assertThatThrownBy(() -> new G1Table(10, 2, 101, false)).hasMessageContaining("NA");
  }

  @Test
  void appendMicros_isShortest() {
    StringBuilder sb = new StringBuilder();
    Sizes.appendMicros(sb, 12_500_000);
    sb.append(' ');
    Sizes.appendMicros(sb, 3_000_000);
    sb.append(' ');
    Sizes.appendMicros(sb, 1);
    sb.append(' ');
    Sizes.appendMicros(sb, 99_999_999);
    assertThat(sb).hasToString("12.5 3 0.000001 99.999999");
  }
}
