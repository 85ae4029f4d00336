package org.forkreduce.internal.engine;

import java.util.List;
import java.util.Map;
import org.forkreduce.Job;
import org.forkreduce.Mapper;
import org.forkreduce.Split;
import org.forkreduce.internal.spill.SpillTarget;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.spi.MapStep;
import org.forkreduce.spi.TaskException;

/**
 * One in-JVM worker: pulls splits until none is left, combining everything it maps into one
 * partial (reduce jobs) or keeping each split's pairs in its slot (map-only jobs).
 */
final class LocalWorker<I, K, V> {
  private final MapStep<I, K, V> step;
  private final boolean mapOnly;
  private Map<K, V> partial;

  LocalWorker(Job<I, K, V> job, Mapper<I, K, V> mapper, int index, SpillTarget spills) {
    this.step = new MapStep<>(job, mapper, index, spills);
    this.mapOnly = job.isMapOnly();
  }

  /** Runs splits from the feed; map-only output goes to {@code mapOnlySlots[splitIndex]}. */
  LocalWorker<I, K, V> drain(SplitFeed feed, List<List<Map.Entry<K, V>>> mapOnlySlots)
      throws TaskException {
    try {
      for (int i = feed.take(); i >= 0; i = feed.take()) {
        Split split = feed.split(i);
        if (mapOnly) {
          mapOnlySlots.set(i, step.collect(split));
        } else {
          step.combine(split);
        }
        feed.completed(i);
      }
      if (!mapOnly) {
        partial = step.flush();
      }
    } catch (TaskException | RuntimeException | Error e) {
      feed.fail(e);
      throw e;
    }
    return this;
  }

  CounterSet counters() {
    return step.counters();
  }

  /** The combined partial of a reduce job, once drained. */
  Map<K, V> partial() {
    return partial;
  }

  /** The runs spilled while draining; with the partial, they hold what this worker mapped. */
  List<String> spilledRuns() {
    return step.spilledRuns();
  }

  /** The estimated heap bytes of the partial. */
  long partialBytes() {
    return step.partialBytes();
  }
}
