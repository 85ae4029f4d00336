package org.forkreduce.internal.spill;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.forkreduce.internal.serde.PartialFiles;

/**
 * Merges one partition of a job, all its spill runs and flushed partials, into reduced files,
 * never holding much more than a budget of entries in memory (the budget is checked every
 * {@value #CHECK_EVERY} entries read).
 */
public final class PartitionMerge {
  /** Entries read between two estimates of the table's size. */
  static final int CHECK_EVERY = 1024;
  /**
   * From this level on a sub-partition is merged in memory whatever its size: its keys are so
   * few (one huge key, or keys whose hash codes collide) that cutting again would not help.
   */
  static final int LAST_LEVEL = 4;
  /** The most sub-partitions one cut makes; each open file holds a buffer of {@link #BUFFER}. */
  static final int MAX_FAN_OUT = 64;
  private static final int BUFFER = 1 << 15;

  private PartitionMerge() {}

  /**
   * A reduced partition: files of disjoint keys, each key once, in {@code PartialFiles} format.
   *
   * @param files the reduced files, in no particular order
   * @param keys the distinct keys in them
   * @param heapBytes the estimated heap bytes of those keys and values ({@link EntrySizer})
   */
  public record Reduced(List<String> files, long keys, long heapBytes) implements Serializable {}

  /**
   * Merges {@code inputs}, files of one partition, with {@code merge} (the job's checked
   * reducer) into files {@code outputPrefix-0}, {@code -1}, ... When the entries read pass
   * {@code budgetBytes}, the inputs are cut again, by a hash of the next {@code level}, into
   * sub-partitions merged one after another (and cut again while one still does not fit). The
   * inputs are only read, so a merge that died may simply run again; the sub-partition files,
   * {@code outputPrefix-sub-...}, are removed. A partition that fits is one file, {@code
   * outputPrefix-0}, even when empty; an empty sub-partition has no file.
   */
  public static <K, V> Reduced merge(List<String> inputs, String outputPrefix, long budgetBytes,
      int level, BiFunction<V, V, V> merge) throws IOException {
    return merge(inputs, outputPrefix, budgetBytes, level, merge, MAX_FAN_OUT, cut -> {});
  }

  /** As above, with the fan-out capped at {@code maxFanOut}, telling {@code onCut} each cut. */
  static <K, V> Reduced merge(List<String> inputs, String outputPrefix, long budgetBytes,
      int level, BiFunction<V, V, V> merge, int maxFanOut, IntConsumer onCut)
      throws IOException {
    Run<K, V> run = new Run<>(outputPrefix, budgetBytes, merge, maxFanOut, onCut);
    run.merge(inputs.stream().map(Path::of).toList(), level, "-sub", true);
    return new Reduced(List.copyOf(run.outputs), run.keys, run.heapBytes);
  }

  /** One merge: its settings and what it has written so far. */
  private static final class Run<K, V> {
    private final String outputPrefix;
    private final long budgetBytes;
    private final BiFunction<V, V, V> merge;
    private final int maxFanOut;
    private final IntConsumer onCut;
    private final List<String> outputs = new ArrayList<>();
    private long keys;
    private long heapBytes;

    Run(String outputPrefix, long budgetBytes, BiFunction<V, V, V> merge, int maxFanOut,
        IntConsumer onCut) {
      this.outputPrefix = outputPrefix;
      this.budgetBytes = budgetBytes;
      this.merge = merge;
      this.maxFanOut = maxFanOut;
      this.onCut = onCut;
    }

    /**
     * Merges {@code inputs} in memory, or, once they pass the budget below {@link #LAST_LEVEL}
     * and may still be cut, cuts them into sub-partitions named {@code <outputPrefix><name>-i}
     * and merges those. {@code divisible} is false when the inputs are one sub-partition that
     * got every entry of its parent: cutting again would not help.
     */
    void merge(List<Path> inputs, int level, String name, boolean divisible) throws IOException {
      long total = 0;
      for (Path input : inputs) {
        total += PartialFiles.count(input);
      }
      boolean mayCut = divisible && level < LAST_LEVEL;
      Map<K, V> table = new HashMap<>();
      EntrySizer sizer = new EntrySizer();
      long read = 0;
      for (Path input : inputs) {
        try (Stream<Map.Entry<K, V>> entries = PartialFiles.entries(input)) {
          for (Iterator<Map.Entry<K, V>> it = entries.iterator(); it.hasNext(); ) {
            Map.Entry<K, V> e = it.next();
            int before = table.size();
            table.merge(e.getKey(), e.getValue(), merge);
            if (table.size() > before) {
              sizer.added(e.getKey(), e.getValue());
            }
            if (++read % CHECK_EVERY == 0 && mayCut && sizer.estimate(table) > budgetBytes) {
              table = null; // free it before cutting
              cut(inputs, level, name, fanOut(total, read), total);
              return;
            }
          }
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
      write(table, sizer.estimate(table));
    }

    /** Enough sub-partitions for what is left, if the part read so far just filled a budget. */
    private int fanOut(long total, long read) {
      long wanted = (total * 5 / 4 + read - 1) / read;
      return (int) Math.max(2, Math.min(maxFanOut, wanted));
    }

    private void cut(List<Path> inputs, int level, String name, int k, long total)
        throws IOException {
      onCut.accept(level);
      int next = level + 1;
      List<Path> subs = new ArrayList<>(k);
      for (int i = 0; i < k; i++) {
        subs.add(Path.of(outputPrefix + name + "-" + i));
      }
      try {
        long[] counts = write(inputs, subs, next);
        for (int i = 0; i < k; i++) {
          if (counts[i] > 0) {
            merge(List.of(subs.get(i)), next, name + "-" + i, counts[i] < total);
          }
          Files.deleteIfExists(subs.get(i));
        }
      } finally {
        for (Path sub : subs) {
          Files.deleteIfExists(sub);
        }
      }
    }

    /** Writes every entry of {@code inputs} to its sub-partition; returns the counts. */
    private long[] write(List<Path> inputs, List<Path> subs, int level) throws IOException {
      int k = subs.size();
      List<PartialFiles.Writer> writers = new ArrayList<>(k);
      try {
        for (Path sub : subs) {
          writers.add(new PartialFiles.Writer(sub, BUFFER));
        }
        for (Path input : inputs) {
          try (Stream<Map.Entry<K, V>> entries = PartialFiles.entries(input)) {
            for (Iterator<Map.Entry<K, V>> it = entries.iterator(); it.hasNext(); ) {
              Map.Entry<K, V> e = it.next();
              writers.get(subPartitionOf(e.getKey(), level, k)).append(e.getKey(), e.getValue());
            }
          } catch (UncheckedIOException e) {
            throw e.getCause();
          }
        }
        long[] counts = new long[k];
        for (int i = 0; i < k; i++) {
          counts[i] = writers.get(i).count();
          writers.get(i).finish();
        }
        return counts;
      } finally {
        for (PartialFiles.Writer writer : writers) {
          writer.close();
        }
      }
    }

    private void write(Map<K, V> table, long bytes) throws IOException {
      Path file = Path.of(outputPrefix + "-" + outputs.size());
      PartialFiles.write(table, List.of(file));
      outputs.add(file.toString());
      keys += table.size();
      heapBytes += bytes;
    }
  }

  /**
   * The sub-partition of {@code key} among {@code k} at {@code level} (1 and up): a hash mixed
   * with a seed of its own per level (murmur3's finalizer), so that the keys of one partition
   * (which share {@link PartialFiles#segmentOf}) and of one sub-partition spread again.
   */
  static int subPartitionOf(Object key, int level, int k) {
    int h = key.hashCode() ^ level * 0x61C88647;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return Math.floorMod(h, k);
  }
}
