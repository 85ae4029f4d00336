package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forkreduce.serde.Serde;
import org.junit.jupiter.api.Test;

/** Blocks merge like a map of their groups and survive Kryo whole. */
class GroupBlockTest {

  private static GroupBlock block(Map<List<String>, Long> counts) {
    GroupBlock block = new GroupBlock(1, 1);
    StateColumn[] sums = {StateColumn.of(State.LongSum::new, 1)};
    int[] g = {0};
    counts.forEach((values, n) -> {
      byte[] key = TestKeys.pack(values.toArray(String[]::new));
      State.Value v = new State.Value();
      v.asLong = n;
      sums[0].reserve(g[0] + 1);
      sums[0].add(g[0], new State.Value[] {v});
      block.add(key, 0, key.length, GroupKey.hash(key, 0, key.length), sums, g[0]++);
    });
    return block;
  }

  private static Map<List<String>, Long> groups(GroupBlock block) {
    Map<List<String>, Long> groups = new HashMap<>();
    for (int g = 0; g < block.size(); g++) {
      Long sum = (Long) block.result(0, g);
      assertThat(groups.put(TestKeys.values(block, g, 2), sum)).as("keys are distinct").isNull();
    }
    return groups;
  }

  @Test
  void merge_manyOverlappingBlocksInRandomGroupings_equalsOneMapOfAllGroups() {
    Random random = new Random(20261130);
    List<GroupBlock> blocks = new ArrayList<>();
    Map<List<String>, Long> expected = new HashMap<>();
    for (int b = 0; b < 40; b++) {
      Map<List<String>, Long> counts = new LinkedHashMap<>();
      for (int i = random.nextInt(b % 10 == 0 ? 1 : 3_000); i > 0; i--) { // some blocks empty
        List<String> key = List.of("id" + random.nextInt(4_000),
            random.nextInt(30) == 0 ? "" : "é" + random.nextInt(3));
        long n = random.nextInt(1_000) - 500;
        counts.merge(key, n, Long::sum);
        expected.merge(key, n, Long::sum);
      }
      blocks.add(block(counts));
    }
    while (blocks.size() > 1) { // a random tree of merges, as the reduction may make
      Collections.shuffle(blocks, random);
      GroupBlock right = blocks.remove(blocks.size() - 1);
      blocks.set(0, blocks.get(0).merge(right));
    }
    assertThat(groups(blocks.get(0))).isEqualTo(expected);
  }

  @Test
  void serde_manyGroupsAndEmpty_readBackEqualAndMergeable() {
    Map<List<String>, Long> counts = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      counts.put(List.of("k" + i, i % 11 == 0 ? "" : "x".repeat(i % 300)), (long) i);
    }
    GroupBlock back = (GroupBlock) Serde.fromBytes(Serde.toBytes(block(counts)));
    assertThat(groups(back)).isEqualTo(counts);
    GroupBlock empty = (GroupBlock) Serde.fromBytes(Serde.toBytes(new GroupBlock(0, 0)));
    assertThat(empty.size()).isZero();
    // a block read back can be merged into and grow: its index is made anew
    back.merge(block(Map.of(List.of("k1", "x"), 5L, List.of("new", ""), 7L)));
    assertThat(groups(back)).hasSize(counts.size() + 1)
        .containsEntry(List.of("k1", "x"), 6L).containsEntry(List.of("new", ""), 7L);
  }
}
