package org.forkreduce.examples.dataframe.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.agg.State;
import org.forkreduce.examples.dataframe.agg.StateColumn;
import org.forkreduce.examples.dataframe.table.HashSlots;
import org.forkreduce.spi.Payloads;
import org.junit.jupiter.api.Test;

/** Blocks merge like a map of their groups and survive Kryo whole. */
class GroupBlockTest {

  private static GroupBlock block(Map<List<String>, Long> counts) {
    GroupBlock block = new GroupBlock(1, 1);
    StateColumn[] sums = {StateColumn.of(() -> TestKeys.state("sum", ColumnType.LONG), 1)};
    int[] g = {0};
    counts.forEach((values, n) -> {
      byte[] key = TestKeys.pack(values.toArray(String[]::new));
      State.Value v = new State.Value();
      v.asLong = n;
      sums[0].reserve(g[0] + 1);
      sums[0].add(g[0], new State.Value[] {v});
      TestKeys.add(block, key, HashSlots.hash(key, 0, key.length), sums, g[0]++);
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

  /** 40 blocks of overlapping random groups, some empty, and the sums of all their groups. */
  private static List<GroupBlock> overlappingBlocks(Random random,
      Map<List<String>, Long> expected) {
    List<GroupBlock> blocks = new ArrayList<>();
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
    return blocks;
  }

  /** A random tree of merges, as the reduction may make. */
  private static GroupBlock combine(List<GroupBlock> blocks, Random random,
      BinaryOperator<GroupBlock> merge) {
    while (blocks.size() > 1) {
      Collections.shuffle(blocks, random);
      GroupBlock right = blocks.remove(blocks.size() - 1);
      blocks.set(0, merge.apply(blocks.get(0), right));
    }
    return blocks.get(0);
  }

  @Test
  void merge_manyOverlappingBlocksInRandomGroupings_equalsOneMapOfAllGroups() {
    Random random = new Random(20261130);
    Map<List<String>, Long> expected = new HashMap<>();
    GroupBlock merged = combine(overlappingBlocks(random, expected), random, GroupBlock::merge);
    assertThat(groups(merged)).isEqualTo(expected);
  }

  @Test
  void distinct_linkedInRandomGroupings_eachKeyOnceWithAllItsRows() {
    Random random = new Random(20261201);
    Map<List<String>, Long> expected = new HashMap<>();
    GroupBlock linked = combine(overlappingBlocks(random, expected), random, GroupBlock::link);
    Map<List<String>, Long> seen = new HashMap<>();
    GroupBlock.Probe probe = new GroupBlock.Probe();
    for (GroupBlock.Part part : linked.distinct(probe)) {
      for (int g = 0; g < part.block().size(); g++) {
        if (!part.gone().get(g)) {
          assertThat(seen.put(TestKeys.values(part.block(), g, 2),
              (Long) part.block().result(0, g))).as("each key once").isNull();
        }
      }
    }
    assertThat(seen).isEqualTo(expected);
    // the probe again, as a thread reuses it for its next partition: no stale slot
    List<GroupBlock.Part> small = block(Map.of(List.of("id1", "é1"), 1L))
        .link(block(Map.of(List.of("id1", "é1"), 2L))).distinct(probe);
    assertThat(small.get(0).block().result(0, 0)).isEqualTo(3L);
    assertThat(small.get(1).gone().get(0)).isTrue();
  }

  @Test
  void serde_linkedBlocks_writtenSettled() {
    Random random = new Random(20261202);
    Map<List<String>, Long> expected = new HashMap<>();
    GroupBlock linked = combine(overlappingBlocks(random, expected), random, GroupBlock::link);
    GroupBlock back = (GroupBlock) Payloads.fromBytes(Payloads.toBytes(linked));
    assertThat(groups(back)).isEqualTo(expected);
  }

  @Test
  void serde_manyGroupsAndEmpty_readBackEqualAndMergeable() {
    Map<List<String>, Long> counts = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      counts.put(List.of("k" + i, i % 11 == 0 ? "" : "x".repeat(i % 300)), (long) i);
    }
    GroupBlock back = (GroupBlock) Payloads.fromBytes(Payloads.toBytes(block(counts)));
    assertThat(groups(back)).isEqualTo(counts);
    GroupBlock empty = (GroupBlock) Payloads.fromBytes(Payloads.toBytes(new GroupBlock(0, 0)));
    assertThat(empty.size()).isZero();
    // a block read back can be merged into and grow: its index is made anew
    back.merge(block(Map.of(List.of("k1", "x"), 5L, List.of("new", ""), 7L)));
    assertThat(groups(back)).hasSize(counts.size() + 1)
        .containsEntry(List.of("k1", "x"), 6L).containsEntry(List.of("new", ""), 7L);
  }
}
