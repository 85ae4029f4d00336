package org.forkreduce.driver;

import java.util.List;
import java.util.Map;
import org.forkreduce.JobResult;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/** Complete in-memory results, for engines in other modules (see {@link EngineProvider}). */
public final class JobResults {
  private JobResults() {}

  /**
   * The result of a job with a reducer; {@code map} is owned by the result from now on, and must
   * support removal through its entry iterator ({@link JobResult#drain} uses it).
   */
  public static <K, V> JobResult<K, V> reduced(Map<K, V> map, Counters counters, RunStats stats) {
    return DefaultJobResult.reduced(map, counters, stats);
  }

  /** The result of a map-only job: the pairs of each split, in split order. */
  public static <K, V> JobResult<K, V> mapOnly(List<List<Map.Entry<K, V>>> perSplit,
      Counters counters, RunStats stats) {
    return DefaultJobResult.mapOnly(perSplit, counters, stats);
  }
}
