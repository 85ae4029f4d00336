package org.forkreduce.examples.dataframe.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.agg.State;
import org.forkreduce.examples.dataframe.agg.StateColumn;
import org.forkreduce.examples.dataframe.table.HashSlots;
import org.junit.jupiter.api.Test;

/** The open-addressing group table against a HashMap of the same keys. */
class GroupTableTest {
  private static final ColumnType[] TWO_TEXT_KEYS = {ColumnType.STRING, ColumnType.STRING};

  @Test
  void groupsFor_batchesOfManyKeysThroughGrowth_oneGroupPerDistinctKey() {
    Random random = new Random(20261130);
    // keys of up to eight packed bytes are compared as longs, longer ones as bytes; zero bytes
    // and empty values test the padding
    String[] pool = {"", "a", "é", "😀", "x".repeat(300), "id001", "id0000012345", "\u0000",
        "\u0000\u0000"};
    GroupTable table = new GroupTable(0, TWO_TEXT_KEYS); // grows many times
    GroupKey.Packer packer = new GroupKey.Packer(new int[] {0, 1});
    Map<List<String>, Integer> expected = new HashMap<>();
    // each group's sum is its number: the blocks must carry it with the group's key
    StateColumn[] numbers = {StateColumn.of(() -> TestKeys.state("sum", ColumnType.LONG), 0)};
    int[] out = new int[300];
    for (int i = 0; i < 50_000; ) {
      // batches of 1 to 300 rows, so that growth happens within a batch too
      List<?>[] batch = new List<?>[1 + random.nextInt(300)];
      for (int r = 0; r < batch.length; r++, i++) {
        String a = pool[random.nextInt(pool.length)] + random.nextInt(300);
        String b = random.nextInt(50) == 0 ? "" : "k" + random.nextInt(40);
        assertThat(packer.pack(new TestKeys.Row(a, b))).isEqualTo(r);
        batch[r] = List.of(a, b);
      }
      int before = table.size();
      table.groupsFor(packer, out, g -> {
        assertThat(g).isEqualTo(table.size() - 1);
        State.Value number = new State.Value();
        number.asLong = g;
        numbers[0].reserve(g + 1);
        numbers[0].add(g, new State.Value[] {number});
      });
      for (int r = 0; r < batch.length; r++) {
        @SuppressWarnings("unchecked")
        Integer known = expected.putIfAbsent((List<String>) batch[r], out[r]);
        assertThat(out[r]).isEqualTo(known == null ? out[r] : known);
        assertThat(known != null || out[r] >= before).as("a new key gets a new number").isTrue();
      }
      packer.clear();
    }
    assertThat(table.size()).isEqualTo(expected.size());
    Map<List<String>, Object> seen = new HashMap<>();
    GroupBlock[] blocks = table.blocks(numbers);
    for (int p = 0; p < blocks.length; p++) {
      for (int g = 0; blocks[p] != null && g < blocks[p].size(); g++) {
        GroupBlock block = blocks[p];
        int hash = HashSlots.hash(block.keys(), block.from(g), block.to(g));
        assertThat(GroupBlock.partition(hash)).as("the block of its partition").isEqualTo(p);
        assertThat(seen.put(TestKeys.values(block, g, 2), block.result(0, g))).isNull();
      }
    }
    assertThat(seen).hasSize(expected.size());
    expected.forEach((key, g) -> assertThat(seen.get(key)).isEqualTo((long) g));
  }

  @Test
  void blocks_exactSumsWithRests_carryEveryGroupsRest() {
    GroupTable table = new GroupTable(0, new ColumnType[] {ColumnType.STRING});
    GroupKey.Packer packer = new GroupKey.Packer(new int[] {0});
    StateColumn[] sums = {StateColumn.of(() -> TestKeys.state("sum", ColumnType.DOUBLE), 0)};
    int[] out = new int[1];
    // 1e300 + tiny - 1e300 is tiny only if the sum keeps what lies outside its window; every
    // third group has such a rest, so the blocks get some groups with rests and some without
    for (int i = 0; i < 3_000; i++) {
      double[] values = i % 3 == 0 ? new double[] {1e300, i * 1e-300, -1e300} : new double[] {i};
      for (double v : values) {
        packer.pack(new TestKeys.Row("k" + i));
        table.groupsFor(packer, out, g -> {
          sums[0].reserve(g + 1);
          sums[0].newGroup(g);
        });
        State.Value value = new State.Value();
        value.asDouble = v;
        sums[0].add(out[0], new State.Value[] {value});
        packer.clear();
      }
    }
    Map<String, Object> seen = new HashMap<>();
    for (GroupBlock block : table.blocks(sums)) {
      for (int g = 0; block != null && g < block.size(); g++) {
        seen.put(TestKeys.values(block, g, 1).get(0), block.result(0, g));
      }
    }
    assertThat(seen).hasSize(3_000);
    for (int i = 0; i < 3_000; i++) {
      assertThat(seen.get("k" + i)).as("k" + i).isEqualTo(i % 3 == 0 ? i * 1e-300 : (double) i);
    }
  }
}
