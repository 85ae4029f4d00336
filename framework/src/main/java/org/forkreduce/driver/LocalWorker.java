package org.forkreduce.driver;

import java.util.List;
import java.util.Map;
import org.forkreduce.Job;
import org.forkreduce.Mapper;
import org.forkreduce.input.Split;
import org.forkreduce.stats.CounterSet;
import org.forkreduce.task.CollectingEmitter;
import org.forkreduce.task.CombiningEmitter;
import org.forkreduce.task.MapTask;
import org.forkreduce.task.TaskException;

/**
 * One in-JVM worker: pulls splits until none is left, combining everything it maps into one
 * partial (reduce jobs) or keeping each split's pairs in its slot (map-only jobs).
 */
final class LocalWorker<I, K, V> {
  private final Job<I, K, V> job;
  private final Mapper<I, K, V> mapper;
  private final int index;
  private final CounterSet counters = new CounterSet();
  private final CombiningEmitter<K, V> combiner;

  LocalWorker(Job<I, K, V> job, Mapper<I, K, V> mapper, int index) {
    this.job = job;
    this.mapper = mapper;
    this.index = index;
    this.combiner = job.isMapOnly() ? null : new CombiningEmitter<>(job.reducer(), counters);
  }

  /** Runs splits from the feed; map-only output goes to {@code mapOnlySlots[splitIndex]}. */
  LocalWorker<I, K, V> drain(SplitFeed feed, List<List<Map.Entry<K, V>>> mapOnlySlots)
      throws TaskException {
    boolean mapped = false;
    try {
      for (int i = feed.take(); i >= 0; i = feed.take()) {
        Split split = feed.split(i);
        if (combiner != null) {
          MapTask.run(job.input(), mapper, split, index, combiner, counters);
        } else {
          CollectingEmitter<K, V> out = new CollectingEmitter<>(counters);
          MapTask.run(job.input(), mapper, split, index, out, counters);
          MapTask.flush(mapper, index, out, counters);
          mapOnlySlots.set(i, out.pairs());
        }
        mapped = true;
        feed.completed(i);
      }
      if (mapped && combiner != null) {
        MapTask.flush(mapper, index, combiner, counters);
      }
    } catch (TaskException | RuntimeException | Error e) {
      feed.fail(e);
      throw e;
    }
    return this;
  }

  int index() {
    return index;
  }

  CounterSet counters() {
    return counters;
  }

  Map<K, V> partial() {
    return combiner.partial();
  }
}
