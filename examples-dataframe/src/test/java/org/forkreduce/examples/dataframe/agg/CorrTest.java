package org.forkreduce.examples.dataframe.agg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.spi.Payloads;
import org.junit.jupiter.api.Test;

/** corr over long columns takes an exact long path that must not change a single bit. */
class CorrTest {

  private static State.Value value(ColumnType type, long x) {
    State.Value v = new State.Value();
    v.type = type;
    v.asLong = x;
    v.asDouble = x;
    return v;
  }

  /** Adds pairs [from, to) to a state as the mapper does, x first, then y. */
  private static CorrState add(CorrState c, ColumnType[] types, long[] xs, long[] ys, int from,
      int to) {
    for (int i = from; i < to; i++) {
      c.add(value(types[i], xs[i]));
      c.addY(value(types[i], ys[i]));
    }
    return c;
  }

  @Test
  void result_longPairsMergedAndShipped_sameBitsAsTheDoublePath() {
    Random random = new Random(20261130);
    long[] scales = {10, 1L << 31, 1L << 53, 1L << 62, Long.MAX_VALUE};
    for (int trial = 0; trial < 500; trial++) {
      int n = 2 + random.nextInt(400);
      long scale = scales[trial % scales.length];
      long[] xs = new long[n];
      long[] ys = new long[n];
      ColumnType[] types = new ColumnType[n];
      for (int i = 0; i < n; i++) {
        xs[i] = random.nextLong() % scale;
        ys[i] = (trial % 3 == 0 ? xs[i] * 3 : 0) + random.nextLong() % scale; // some correlated
        types[i] = random.nextInt(10) == 0 ? ColumnType.DOUBLE : ColumnType.LONG;
      }
      ColumnType[] doubles = new ColumnType[n];
      java.util.Arrays.fill(doubles, ColumnType.DOUBLE);
      Object expected = add(new CorrState(), doubles, xs, ys, 0, n).result();
      int cut = random.nextInt(n + 1);
      CorrState left = add(new CorrState(), types, xs, ys, 0, cut);
      CorrState right = Payloads.copy(add(new CorrState(), types, xs, ys, cut, n));
      left.merge(right);
      assertThat(left.result()).as("trial %d, scale %d", trial, scale).isEqualTo(expected);
      assertThat(add(new CorrState(), types, xs, ys, 0, n).result()).isEqualTo(expected);
    }
  }
}
