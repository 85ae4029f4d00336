package org.forkreduce.spi;

import java.util.List;
import java.util.Map;
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

  /** The result of a map-only job: the pairs of each split, in split order; see above. */
  public static <K, V> JobResult<K, V> mapOnly(List<List<Map.Entry<K, V>>> perSplit,
      CounterSet counters, RunTimer timer, String engine, int workers) {
    counters.add(Counters.DISTINCT_KEYS, perSplit.stream().mapToLong(List::size).sum());
    return DefaultJobResult.mapOnly(perSplit, counters.snapshot(), timer.stop(engine, workers));
  }
}
