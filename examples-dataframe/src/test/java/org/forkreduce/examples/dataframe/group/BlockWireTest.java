package org.forkreduce.examples.dataframe.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forkreduce.examples.dataframe.ColumnType.DOUBLE;
import static org.forkreduce.examples.dataframe.ColumnType.LONG;
import static org.forkreduce.examples.dataframe.ColumnType.STRING;
import static org.forkreduce.examples.dataframe.group.TestKeys.state;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.forkreduce.examples.dataframe.agg.State;
import org.forkreduce.examples.dataframe.agg.StateColumn;
import org.forkreduce.examples.dataframe.table.HashSlots;
import org.forkreduce.spi.Payloads;
import org.junit.jupiter.api.Test;

/**
 * The bytes a worker sends for a block with a state of every kind: a change to them is a change
 * of the wire format. Kryo writes the names of the block's class and of the states kept as
 * objects, so moving or renaming those classes changes the bytes too.
 */
class BlockWireTest {
  private static final int SIZE = 18_955;
  private static final String SHA_256 =
      "c16f852c55ee5a035255d0850cca4b333542e7f17f1a8164ac9d4735acf8325c";

  private static State[] states() {
    return new State[] {state("count", LONG), state("sum", LONG), state("sum", DOUBLE),
        state("mean", DOUBLE), state("var", DOUBLE), state("stddev", DOUBLE),
        state("corr", DOUBLE), state("median", DOUBLE), state("max", LONG), state("min", DOUBLE),
        state("max", STRING), state("top", 3, LONG), state("top", 2, DOUBLE),
        state("first", LONG)};
  }

  @Test
  void toBytes_blockOfEveryStateKind_sameBytesAsEver() throws Exception {
    int n = states().length;
    StateColumn[] columns = new StateColumn[n];
    Arrays.setAll(columns, s -> StateColumn.of(() -> states()[s], 1));
    GroupBlock block = new GroupBlock(1, 1);
    Random random = new Random(7);
    for (int g = 0; g < 40; g++) {
      for (StateColumn c : columns) {
        c.reserve(g + 1);
        c.newGroup(g);
      }
      for (int r = g % 5 == 0 ? 1 : random.nextInt(20); r > 0; r--) {
        State.Value v = new State.Value();
        v.type = LONG;
        v.asLong = random.nextLong() >> 20;
        v.asDouble = g == 3 && r == 1 ? 1e300 : (random.nextDouble() - 0.5) * 1000;
        v.text = "t" + v.asLong;
        v.position = String.format(Locale.ROOT, "%08d", r);
        for (int s = 0; s < n; s++) { // corr (6) takes x and y
          columns[s].add(g, s == 6 ? new State.Value[] {v, v} : new State.Value[] {v});
        }
      }
      byte[] key = TestKeys.pack("id" + g, g % 7 == 0 ? "" : "é" + g);
      TestKeys.add(block, key, HashSlots.hash(key, 0, key.length), columns, g);
    }
    byte[] bytes = Payloads.toBytes(block);
    assertThat(bytes).hasSize(SIZE);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo(SHA_256);
  }
}
