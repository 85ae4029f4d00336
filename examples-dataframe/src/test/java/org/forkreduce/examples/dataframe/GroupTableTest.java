package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing group table against a HashMap of the same keys. */
class GroupTableTest {

  @Test
  void statesFor_batchesOfManyKeysThroughGrowth_oneStateArrayPerDistinctKey() {
    Random random = new Random(20261130);
    String[] pool = {"", "a", "é", "😀", "x".repeat(300), "id001", "id0000012345"};
    GroupTable table = new GroupTable(0); // grows many times
    GroupKey.Packer packer = new GroupKey.Packer(new int[] {0, 1});
    Map<List<String>, State[]> expected = new HashMap<>();
    State[][] out = new State[300][];
    long[] made = {0};
    for (int i = 0; i < 50_000; ) {
      // batches of 1 to 300 rows, so that growth happens within a batch too
      List<?>[] batch = new List<?>[1 + random.nextInt(300)];
      for (int r = 0; r < batch.length; r++, i++) {
        String a = pool[random.nextInt(pool.length)] + random.nextInt(300);
        String b = random.nextInt(50) == 0 ? "" : "k" + random.nextInt(40);
        assertThat(packer.pack(new TestKeys.Row(a, b))).isEqualTo(r);
        batch[r] = List.of(a, b);
      }
      table.statesFor(packer, out, () -> { // each group's count is its number
        State.Count number = new State.Count();
        number.n = made[0]++;
        return new State[] {number};
      });
      for (int r = 0; r < batch.length; r++) {
        @SuppressWarnings("unchecked")
        State[] known = expected.putIfAbsent((List<String>) batch[r], out[r]);
        assertThat(out[r]).isSameAs(known == null ? out[r] : known);
      }
      packer.clear();
    }
    Map<Object, List<String>> seen = new HashMap<>();
    GroupBlock[] blocks = table.blocks();
    for (int p = 0; p < blocks.length; p++) {
      for (int g = 0; blocks[p] != null && g < blocks[p].size(); g++) {
        GroupBlock block = blocks[p];
        int hash = GroupKey.hash(block.keys(), block.from(g), block.to(g));
        assertThat(GroupBlock.partition(hash)).as("the block of its partition").isEqualTo(p);
        assertThat(seen.put(block.result(0, g), TestKeys.values(block, g, 2))).isNull();
      }
    }
    assertThat(seen).hasSize(expected.size());
    expected.forEach((key, states) -> assertThat(seen.get(states[0].result())).isEqualTo(key));
  }
}
