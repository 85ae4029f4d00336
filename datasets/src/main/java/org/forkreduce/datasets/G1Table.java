package org.forkreduce.datasets;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The db-benchmark groupby table "G1" ({@code id1,id2,id3,id4,id5,id6,v1,v2,v3}) with N rows and
 * K groups, after the benchmark's own generator:
 *
 * <ul>
 *   <li>id1, id2: {@code id%03d} from 1..K; id3: {@code id%010d} from 1..N/K;
 *   <li>id4, id5: integers from 1..K; id6: an integer from 1..N/K;
 *   <li>v1: 1..5; v2: 1..15; v3: uniform in [0, 100) rounded to 6 decimals, written shortest.
 * </ul>
 *
 * <p>With an NA percentage p, each id column has p% of its distinct values (chosen at random)
 * written as an empty field in every row that holds them, and each v column has exactly N·p/100
 * empty cells at random rows. Sorted tables are ordered by id1..id6, empty first. Deterministic
 * for a seed.
 *
 * @param rows N
 * @param groups K
 * @param naPercent p, 0 to 100
 * @param sorted whether rows are ordered by the id columns
 */
public record G1Table(long rows, int groups, int naPercent, boolean sorted) {
  /** The header line, without its LF. */
  public static final String HEADER = "id1,id2,id3,id4,id5,id6,v1,v2,v3";

  public G1Table {
    if (rows < 1 || rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("rows must be from 1 to " + Integer.MAX_VALUE
          + ", got " + rows);
    }
    if (groups < 1 || groups > rows) {
      throw new IllegalArgumentException("groups must be from 1 to rows (" + rows + "), got "
          + groups);
    }
    if (naPercent < 0 || naPercent > 100) {
      throw new IllegalArgumentException("NA percentage must be from 0 to 100, got " + naPercent);
    }
  }

  /** db-benchmark's file name: {@code G1_1e7_1e2_0_0.csv}. */
  public String fileName() {
    return "G1_" + Sizes.scientific(rows) + "_" + Sizes.scientific(groups) + "_" + naPercent + "_"
        + (sorted ? 1 : 0) + ".csv";
  }

  /** Rows per group of id3 and id6: N/K, at least 1. */
  int small() {
    return (int) Math.max(1, rows / groups);
  }

  /** Writes the header and all rows, LF-terminated. */
  public void write(Writer out, long seed) throws IOException {
    Columns c = Columns.generate(this, new SplittableRandom(seed));
    int[] order = sorted ? c.sortedOrder() : null;
    out.write(HEADER);
    out.write('\n');
    StringBuilder line = new StringBuilder(96);
    for (int i = 0; i < rows; i++) {
      line.setLength(0);
      c.appendRow(order == null ? i : order[i], line);
      out.append(line);
    }
  }

  /** All columns in primitive arrays; 0 (or -1 for v3) marks NA. */
  private record Columns(int[] id1, int[] id2, int[] id3, int[] id4, int[] id5, int[] id6,
      byte[] v1, byte[] v2, long[] v3) {

    static Columns generate(G1Table t, SplittableRandom random) {
      int n = (int) t.rows();
      int k = t.groups();
      int small = t.small();
      BitSet[] naIds = new BitSet[6];
      int[] domains = {k, k, small, k, k, small};
      for (int col = 0; col < 6; col++) {
        naIds[col] = pick(domains[col] + 1, 1, Math.round(domains[col] * t.naPercent() / 100.0),
            random);
      }
      Columns c = new Columns(new int[n], new int[n], new int[n], new int[n], new int[n],
          new int[n], new byte[n], new byte[n], new long[n]);
      int[][] ids = {c.id1, c.id2, c.id3, c.id4, c.id5, c.id6};
      for (int i = 0; i < n; i++) {
        for (int col = 0; col < 6; col++) {
          int v = 1 + random.nextInt(domains[col]);
          ids[col][i] = naIds[col].get(v) ? 0 : v;
        }
        c.v1[i] = (byte) (1 + random.nextInt(5));
        c.v2[i] = (byte) (1 + random.nextInt(15));
        c.v3[i] = Math.round(random.nextDouble() * 100e6) % 100_000_000L;
      }
      long naCells = (long) n * t.naPercent() / 100;
      pick(n, 0, naCells, random).stream().forEach(i -> c.v1[i] = 0);
      pick(n, 0, naCells, random).stream().forEach(i -> c.v2[i] = 0);
      pick(n, 0, naCells, random).stream().forEach(i -> c.v3[i] = -1);
      return c;
    }

    /** Exactly {@code count} distinct values from [from, bound), at random. */
    private static BitSet pick(int bound, int from, long count, SplittableRandom random) {
      BitSet chosen = new BitSet(bound);
      boolean complement = count * 2 > bound - from;
      long draws = complement ? bound - from - count : count;
      for (long d = 0; d < draws; ) {
        int v = from + random.nextInt(bound - from);
        if (!chosen.get(v)) {
          chosen.set(v);
          d++;
        }
      }
      if (complement) {
        chosen.flip(from, bound);
      }
      return chosen;
    }

    int[] sortedOrder() {
      Comparator<Integer> byIds = Comparator.<Integer>comparingInt(i -> id1[i])
          .thenComparingInt(i -> id2[i]).thenComparingInt(i -> id3[i])
          .thenComparingInt(i -> id4[i]).thenComparingInt(i -> id5[i])
          .thenComparingInt(i -> id6[i]);
      Integer[] boxed = IntStream.range(0, id1.length).boxed().toArray(Integer[]::new);
      Arrays.parallelSort(boxed, byIds);
      return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    void appendRow(int i, StringBuilder sb) {
      padded(sb, id1[i], 3).append(',');
      padded(sb, id2[i], 3).append(',');
      padded(sb, id3[i], 10).append(',');
      number(sb, id4[i]).append(',');
      number(sb, id5[i]).append(',');
      number(sb, id6[i]).append(',');
      number(sb, v1[i]).append(',');
      number(sb, v2[i]).append(',');
      if (v3[i] >= 0) {
        Sizes.appendMicros(sb, v3[i]);
      }
      sb.append('\n');
    }

    private static StringBuilder padded(StringBuilder sb, int v, int width) {
      if (v == 0) {
        return sb;
      }
      sb.append("id");
      String digits = Integer.toString(v);
      sb.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
      return sb;
    }

    private static StringBuilder number(StringBuilder sb, int v) {
      return v == 0 ? sb : sb.append(v);
    }
  }
}
