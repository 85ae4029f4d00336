package org.forkreduce.internal.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class TreeReductionProperties {

  @Property(seed = "20261125")
  void plan_anyCountAndFanIn_mergesEveryPartialOnceInLogRounds(
      @ForAll @IntRange(min = 0, max = 300) int n, @ForAll @IntRange(min = 2, max = 9) int fanIn) {
    List<List<int[]>> rounds = TreeReduction.plan(n, fanIn);
    Set<Integer> alive = new HashSet<>();
    for (int i = 0; i < n; i++) {
      alive.add(i);
    }
    for (List<int[]> round : rounds) {
      Set<Integer> seen = new HashSet<>();
      Set<Integer> next = new HashSet<>();
      for (int[] group : round) {
        assertThat(group.length).isBetween(1, fanIn);
        for (int index : group) {
          assertThat(alive).contains(index);
          assertThat(seen.add(index)).as("index %d in two groups of one round", index).isTrue();
        }
        next.add(group[0]);
      }
      assertThat(seen).isEqualTo(alive);
      alive = next;
    }
    assertThat(alive).hasSize(Math.min(n, 1));
    int expectedRounds = 0;
    for (long reach = 1; reach < n; reach *= fanIn) {
      expectedRounds++;
    }
    assertThat(rounds).hasSize(expectedRounds);
  }

  @Property(seed = "20261125")
  void reduce_mapPartials_equalSequentialMerge(
      @ForAll @Size(max = 20) List<@Size(max = 10) List<@IntRange(max = 30) Integer>> keysPerPartial,
      @ForAll @IntRange(min = 2, max = 5) int fanIn) throws Exception {
    List<Map<Integer, Long>> partials = new ArrayList<>();
    Map<Integer, Long> expected = new HashMap<>();
    for (List<Integer> keys : keysPerPartial) {
      Map<Integer, Long> partial = new HashMap<>();
      for (int key : keys) {
        partial.merge(key, 1L, Long::sum);
        expected.merge(key, 1L, Long::sum);
      }
      partials.add(partial);
    }
    Map<Integer, Long> reduced = TreeReduction.reduce(partials, fanIn,
        group -> Partials.merge(group, Long::sum), new HashMap<>(),
        TreeReduction.RoundRunner.SEQUENTIAL);
    assertThat(reduced).isEqualTo(expected);
  }
}
