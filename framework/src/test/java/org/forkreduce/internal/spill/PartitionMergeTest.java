package org.forkreduce.internal.spill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.forkreduce.internal.serde.PartialFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition's merge against a reference: the same inputs merged into one HashMap, in input
 * order. Budgets are set from the reference's own estimated size, so that cutting into two
 * (the fan-out capped at 2) must go one, two or three levels deep.
 */
class PartitionMergeTest {
  @TempDir Path dir;

  private final List<Integer> cuts = new ArrayList<>();

  /** Four partial files of random keys among {@code distinct}: they overlap, as workers' do. */
  private List<String> inputs(int distinct, long seed) throws IOException {
    Random random = new Random(seed);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Long> partial = new HashMap<>();
      for (int j = 0; j < distinct / 2; j++) {
        partial.merge("key-" + random.nextInt(distinct), (long) random.nextInt(100), Long::sum);
      }
      Path file = dir.resolve("input-" + i);
      PartialFiles.write(partial, List.of(file));
      inputs.add(file.toString());
    }
    return inputs;
  }

  private static <V> Map<String, V> reference(List<String> inputs,
      java.util.function.BinaryOperator<V> merge) throws IOException {
    Map<String, V> all = new HashMap<>();
    for (String input : inputs) {
      PartialFiles.readInto(Path.of(input), all, merge);
    }
    return all;
  }

  private static long estimate(Map<?, ?> map) {
    EntrySizer sizer = new EntrySizer();
    map.forEach(sizer::added);
    return sizer.estimate(map);
  }

  /** The reduced files read back, each key in one file only. */
  private static <V> Map<String, V> readBack(PartitionMerge.Reduced reduced) throws IOException {
    Map<String, V> all = new HashMap<>();
    for (String file : reduced.files()) {
      try (Stream<Map.Entry<String, V>> entries = PartialFiles.entries(Path.of(file))) {
        entries.forEach(e -> assertThat(all.put(e.getKey(), e.getValue()))
            .as("key %s in two files", e.getKey()).isNull());
      }
    }
    return all;
  }

  private static Map<Path, byte[]> contents(List<String> files) throws IOException {
    Map<Path, byte[]> bytes = new HashMap<>();
    for (String file : files) {
      bytes.put(Path.of(file), Files.readAllBytes(Path.of(file)));
    }
    return bytes;
  }

  private Set<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private Map<Integer, Long> cutsPerLevel() {
    return cuts.stream().collect(Collectors.groupingBy(l -> l, TreeMap::new,
        Collectors.counting()));
  }

  private PartitionMerge.Reduced mergeAll(List<String> inputs, long budget) throws IOException {
    return PartitionMerge.merge(inputs, dir.resolve("out").toString(), budget, 0,
        (Long a, Long b) -> a + b, 2, cuts::add);
  }

  private void checkMerge(long seed, double budgetShare, Map<Integer, Long> expectedCuts)
      throws IOException {
    List<String> inputs = inputs(40_000, seed);
    Map<Path, byte[]> before = contents(inputs);
    Map<String, Long> expected = reference(inputs, Long::sum);
    PartitionMerge.Reduced reduced = mergeAll(inputs, (long) (estimate(expected) * budgetShare));

    assertThat(PartitionMergeTest.<Long>readBack(reduced)).isEqualTo(expected);
    assertThat(reduced.keys()).isEqualTo(expected.size());
    assertThat(reduced.heapBytes()).isBetween(estimate(expected) / 2, estimate(expected) * 2);
    assertThat(cutsPerLevel()).isEqualTo(expectedCuts);
    assertThat(contents(inputs)).as("inputs unchanged")
        .allSatisfy((file, bytes) -> assertThat(before.get(file)).isEqualTo(bytes));
    Set<String> left = reduced.files().stream().map(f -> Path.of(f).getFileName().toString())
        .collect(Collectors.toSet());
    inputs.forEach(f -> left.add(Path.of(f).getFileName().toString()));
    assertThat(names()).as("no sub-partition file left").isEqualTo(left);
  }

  @Test
  void merge_fitsBudget_oneFileNoCut() throws IOException {
    checkMerge(1, 1.5, Map.of());
  }

  @Test
  void merge_budgetTwoThirds_oneLevelOfCutting() throws IOException {
    checkMerge(2, 2.0 / 3, Map.of(0, 1L));
  }

  @Test
  void merge_budgetAThird_twoLevelsOfCutting() throws IOException {
    checkMerge(3, 1.0 / 3, Map.of(0, 1L, 1, 2L));
  }

  @Test
  void merge_budgetASixth_threeLevelsOfCutting() throws IOException {
    checkMerge(4, 1.0 / 6, Map.of(0, 1L, 1, 2L, 2, 4L));
  }

  @Test
  void merge_uncappedFanOut_oneLevelSuffices() throws IOException {
    List<String> inputs = inputs(40_000, 5);
    Map<String, Long> expected = reference(inputs, Long::sum);
    PartitionMerge.Reduced reduced = PartitionMerge.merge(inputs,
        dir.resolve("out").toString(), estimate(expected) / 10, 0, (Long a, Long b) -> a + b,
        PartitionMerge.MAX_FAN_OUT, cuts::add);
    assertThat(PartitionMergeTest.<Long>readBack(reduced)).isEqualTo(expected);
    assertThat(cuts).containsExactly(0);
    assertThat(reduced.files()).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void merge_oneKeyLargerThanTheBudget_mergedInMemoryAfterAFewLevels() throws IOException {
    Path big = dir.resolve("input-big");
    try (PartialFiles.Writer out = new PartialFiles.Writer(big, 1 << 12)) {
      for (long i = 0; i < 3000; i++) {
        out.append(i % 500 == 0 ? "small-" + i : "big", new long[] {i});
      }
      out.finish();
    }
    List<String> inputs = List.of(big.toString());
    Map<String, long[]> expected = reference(inputs, PartitionMergeTest::concat);
    PartitionMerge.Reduced reduced = PartitionMerge.merge(inputs,
        dir.resolve("out").toString(), 4096, 0, PartitionMergeTest::concat,
        PartitionMerge.MAX_FAN_OUT, cuts::add);

    Map<String, long[]> back = readBack(reduced);
    assertThat(back.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, value) -> assertThat(back.get(key)).as(key).isEqualTo(value));
    assertThat(expected.get("big")).hasSize(2994);
    assertThat(cuts).isNotEmpty().allSatisfy(level -> assertThat(level)
        .isLessThan(PartitionMerge.LAST_LEVEL));
    assertThat(names()).hasSize(1 + reduced.files().size());
  }

  @Test
  void merge_runTwice_sameAnswer() throws IOException {
    List<String> inputs = inputs(20_000, 6);
    Map<String, Long> expected = reference(inputs, Long::sum);
    long budget = estimate(expected) / 3;
    Map<String, Long> first = readBack(mergeAll(inputs, budget));
    assertThat(PartitionMergeTest.<Long>readBack(mergeAll(inputs, budget)))
        .isEqualTo(first).isEqualTo(expected);
  }

  @Test
  void subPartitionOf_keysOfOnePartition_spreadEvenly() {
    int[] counts = new int[8];
    int inPartition = 0;
    for (int i = 0; inPartition < 80_000; i++) {
      String key = "key-" + i;
      if (PartialFiles.segmentOf(key, 16) == 5) {
        counts[PartitionMerge.subPartitionOf(key, 1, 8)]++;
        inPartition++;
      }
    }
    assertThat(Arrays.stream(counts).boxed())
        .allSatisfy(c -> assertThat(c).isBetween(9_000, 11_000));
    assertThat(Arrays.stream(counts).sum()).isEqualTo(80_000);
  }

  private static long[] concat(long[] a, long[] b) {
    long[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
