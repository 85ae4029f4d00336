package org.forkreduce.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.forkreduce.JobResult;
import org.forkreduce.stats.Counters;

/**
 * Assembles a job's complete in-memory result: counts its keys ({@link
 * Counters#DISTINCT_KEYS}), ends its {@link RunTimer} and takes a snapshot of its counters. The
 * one way every engine, here and in other modules, makes a {@link JobResult}.
 */
public final class JobResults {
  private JobResults() {}

  /**
   * The result of a job with a reducer; {@code map} is owned by the result from now on, and must
   * support removal through its entry iterator ({@link JobResult#drain} uses it).
   *
   * @param engine the engine's name, as {@link org.forkreduce.Engine#name()} gives it
   * @param workers how many workers ran the mappers
   */
  public static <K, V> JobResult<K, V> reduced(Map<K, V> map, CounterSet counters,
      RunTimer timer, String engine, int workers) {
    counters.add(Counters.DISTINCT_KEYS, map.size());
    return DefaultJobResult.reduced(map, counters.snapshot(), timer.stop(engine, workers));
  }

  /**
   * A reduce job's result that stays where it is and is read one partition at a time: the one
   * way every engine makes a result larger than the driver's memory budget. It streams, drains
   * and writes unordered output partition by partition, writes ordered output through {@link
   * ExternalSort}, and loads itself for {@link JobResult#toMap()} only when its {@code heapBytes}
   * fit {@code budgetBytes}.
   *
   * @param budgetBytes the driver's memory budget ({@link org.forkreduce.Job#memoryBudget()})
   */
  public static <K, V> JobResult<K, V> partitioned(Partitions<K, V> partitions, long budgetBytes,
      CounterSet counters, RunTimer timer, String engine, int workers) {
    counters.add(Counters.DISTINCT_KEYS, partitions.keys());
    return new PartitionedJobResult<>(partitions, budgetBytes, counters.snapshot(),
        timer.stop(engine, workers));
  }

  /**
   * The partitions of a result kept out of memory.
   *
   * @param streams each partition's entries, a fresh stream for every call (close it); the keys
   *     of different partitions are disjoint, and each key is in its partition once
   * @param keys the distinct keys of all partitions
   * @param heapBytes the estimated heap bytes all entries would take in a map
   * @param tempDir where an ordered {@code writeTo} may put its sorted runs
   * @param onClose releases what backs the partitions (their files), idempotently: run by the result's
   *     {@code close()} or at the JVM's exit
   */
  public record Partitions<K, V>(List<Supplier<Stream<Map.Entry<K, V>>>> streams, long keys,
      long heapBytes, Path tempDir, Runnable onClose) {}

  /** The result of a map-only job: the pairs of each split, in split order; see above. */
  public static <K, V> JobResult<K, V> mapOnly(List<List<Map.Entry<K, V>>> perSplit,
      CounterSet counters, RunTimer timer, String engine, int workers) {
    counters.add(Counters.DISTINCT_KEYS, perSplit.stream().mapToLong(List::size).sum());
    return DefaultJobResult.mapOnly(perSplit, counters.snapshot(), timer.stop(engine, workers));
  }
}
