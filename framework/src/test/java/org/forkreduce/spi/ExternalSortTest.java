package org.forkreduce.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.forkreduce.internal.output.OutputCommitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external sort against {@code List.sort} (stable) of the same items in memory: random sizes
 * (jqwik's edge cases include no item and one), many equal items, budgets down to one item per run and fan-ins
 * down to 2, so that merges take many passes.
 */
class ExternalSortTest {
  /** Word count's output order: count descending, then word ascending. */
  private static final Comparator<Map.Entry<String, Long>> WORD_COUNT =
      Map.Entry.<String, Long>comparingByValue().reversed()
          .thenComparing(Map.Entry.comparingByKey());
  /** Orders {@code long[] {key, position}} items by key only: equal keys test stability. */
  private static final Comparator<long[]> BY_KEY = Comparator.comparingLong(a -> a[0]);

  @TempDir Path tempDir;

  @Property(tries = 40, seed = "20261203")
  void sorted_wordCountEntries_sameAsInMemorySort(
      @ForAll @Size(max = 800) List<@IntRange(min = 0, max = 3000) Integer> words,
      @ForAll @IntRange(min = 1, max = 40) int countRange,
      @ForAll @LongRange(min = 1, max = 200_000) long budget,
      @ForAll @IntRange(min = 2, max = 5) int fanIn) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    Random random = new Random(words.size());
    for (int word : words) {
      counts.put("w" + word, 1L + random.nextInt(countRange)); // many equal counts
    }
    List<Map.Entry<String, Long>> expected = new ArrayList<>(counts.entrySet());
    expected.sort(WORD_COUNT);
    // HashMap's own nodes go in, as JobResult's entries would
    assertThat(sortedInATempDir(counts.entrySet().iterator(), WORD_COUNT, budget, fanIn))
        .isEqualTo(expected);
  }

  @Property(tries = 40, seed = "20261204")
  void sorted_manyEqualKeys_stableLikeListSort(
      @ForAll @Size(max = 500) List<@IntRange(min = 0, max = 20) Integer> keys,
      @ForAll @LongRange(min = 1, max = 100_000) long budget,
      @ForAll @IntRange(min = 2, max = 5) int fanIn) throws IOException {
    List<long[]> items = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      items.add(new long[] {keys.get(i), i});
    }
    List<long[]> expected = new ArrayList<>(items);
    expected.sort(BY_KEY);
    List<long[]> actual = sortedInATempDir(items.iterator(), BY_KEY, budget, fanIn);
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("item %d", i).containsExactly(expected.get(i));
    }
  }

  /** Sorts in a directory of its own, which must hold nothing once the stream is closed. */
  private static <T> List<T> sortedInATempDir(java.util.Iterator<T> items,
      Comparator<? super T> order, long budget, int fanIn) throws IOException {
    Path dir = Files.createTempDirectory("external-sort-test");
    try {
      try (Stream<T> sorted = ExternalSort.sorted(items, order, budget, dir, fanIn)) {
        List<T> all = sorted.toList();
        try (Stream<Path> left = Files.list(dir)) {
          assertThat(left.count()).isLessThanOrEqualTo(1);
        }
        return all;
      } finally {
        try (Stream<Path> left = Files.list(dir)) {
          assertThat(left).as("the sort's directory removed on close").isEmpty();
        }
      }
    } finally {
      OutputCommitter.deleteRecursively(dir);
    }
  }

  @Test
  void sorted_tinyBudget_privateDirectoryRemovedOnClose() throws IOException {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      words.add("word" + (i * 7919 % 500));
    }
    try (Stream<String> sorted = ExternalSort.sorted(words.iterator(), Comparator.naturalOrder(),
        1_000, tempDir)) {
      List<Path> dirs;
      try (Stream<Path> list = Files.list(tempDir)) {
        dirs = list.toList();
      }
      assertThat(dirs).singleElement().satisfies(d -> {
        assertThat(d.getFileName().toString()).startsWith(ExternalSort.PREFIX);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
            .isEqualTo("rwx------");
      });
      assertThat(sorted.toList()).isEqualTo(words.stream().sorted().toList());
    }
    try (Stream<Path> list = Files.list(tempDir)) {
      assertThat(list).isEmpty();
    }
  }

  @Test
  void sorted_fitsTheBudget_noFileAtAll() throws IOException {
    try (Stream<Integer> sorted = ExternalSort.sorted(List.of(3, 1, 2).iterator(),
        Comparator.<Integer>naturalOrder(), 1 << 20, tempDir)) {
      try (Stream<Path> list = Files.list(tempDir)) {
        assertThat(list).isEmpty();
      }
      assertThat(sorted).containsExactly(1, 2, 3);
    }
  }

  @Test
  void sorted_moreRunsThanTheFanIn_mergedInPasses() throws IOException {
    Random random = new Random(11);
    List<Map.Entry<String, Long>> entries = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      entries.add(Map.entry("w" + random.nextInt(5_000), (long) random.nextInt(50)));
    }
    List<Map.Entry<String, Long>> expected = new ArrayList<>(entries);
    expected.sort(WORD_COUNT);
    // about 90 bytes an entry: some 120 runs, about twice the default fan-in
    try (Stream<Map.Entry<String, Long>> sorted = ExternalSort.sorted(entries.iterator(),
        WORD_COUNT, 15_000, tempDir)) {
      assertThat(sorted.toList()).isEqualTo(expected);
    }
  }
}
