package org.forkreduce.internal.spill;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Merges one partition of a job, all its spill runs and flushed partials, into reduced files,
 * never holding more than a budget of entries in memory. STUB: to be written.
 */
public final class PartitionMerge {
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
   * inputs are only read, so a merge that died may simply run again.
   */
  public static <K, V> Reduced merge(List<String> inputs, String outputPrefix, long budgetBytes,
      int level, BiFunction<V, V, V> merge) throws IOException {
    throw new UnsupportedOperationException("stub");
  }
}
