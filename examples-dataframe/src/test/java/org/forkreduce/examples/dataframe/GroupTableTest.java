package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forkreduce.CsvRow;
import org.junit.jupiter.api.Test;

/** The open-addressing group table against a HashMap of the same keys. */
class GroupTableTest {

  /** A row of two text fields, as the CSV readers hand them out. */
  private record Row(String a, String b) implements CsvRow {
    @Override
    public String get(int i) {
      return i == 0 ? a : b;
    }

    @Override
    public int indexOf(String name) {
      return columns().indexOf(name);
    }

    @Override
    public int size() {
      return 2;
    }

    @Override
    public List<String> columns() {
      return List.of("a", "b");
    }
  }

  @Test
  void statesFor_batchesOfManyKeysThroughGrowth_oneStateArrayPerDistinctKey() {
    Random random = new Random(20261130);
    String[] pool = {"", "a", "é", "😀", "x".repeat(300), "id001", "id0000012345"};
    GroupTable table = new GroupTable();
    GroupKey.Packer packer = new GroupKey.Packer(new int[] {0, 1});
    Map<GroupKey, State[]> expected = new HashMap<>();
    State[][] out = new State[300][];
    for (int i = 0; i < 50_000; ) {
      // batches of 1 to 300 rows, so that growth happens within a batch too
      GroupKey[] batch = new GroupKey[1 + random.nextInt(300)];
      for (int r = 0; r < batch.length; r++, i++) {
        String a = pool[random.nextInt(pool.length)] + random.nextInt(300);
        String b = random.nextInt(50) == 0 ? "" : "k" + random.nextInt(40);
        assertThat(packer.pack(new Row(a, b))).isEqualTo(r);
        batch[r] = new GroupKey(new String[] {a, b});
      }
      table.statesFor(packer, out, () -> new State[1]);
      for (int r = 0; r < batch.length; r++) {
        State[] known = expected.putIfAbsent(batch[r], out[r]);
        assertThat(out[r]).isSameAs(known == null ? out[r] : known);
      }
      packer.clear();
    }
    Map<State[], GroupKey> seen = new IdentityHashMap<>();
    table.forEach(packer, (key, states) -> assertThat(seen.put(states, key)).isNull());
    assertThat(seen).hasSize(expected.size());
    expected.forEach((key, states) -> assertThat(seen.get(states)).isEqualTo(key));
  }
}
