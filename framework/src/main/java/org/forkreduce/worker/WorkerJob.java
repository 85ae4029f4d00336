package org.forkreduce.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.forkreduce.Job;
import org.forkreduce.protocol.Message.Flushed;
import org.forkreduce.protocol.Message.MapOutput;
import org.forkreduce.serde.PartialFiles;
import org.forkreduce.stats.CounterSet;
import org.forkreduce.task.CollectingEmitter;
import org.forkreduce.task.CombiningEmitter;
import org.forkreduce.task.MapTask;
import org.forkreduce.task.TaskException;
import org.forkreduce.input.Split;

/**
 * A worker's state for one job: its own copy of the job, and the partial it is combining into
 * with the counters of the splits in that partial. A flush writes both out and starts afresh, so
 * the driver always knows which splits a partial holds.
 */
final class WorkerJob {
  private final Job<Object, Object, Object> job;
  private final int workerIndex;
  private CounterSet counters = new CounterSet();
  private CombiningEmitter<Object, Object> combiner;

  WorkerJob(Job<Object, Object, Object> job, int workerIndex) {
    this.job = job;
    this.workerIndex = workerIndex;
    this.combiner = job.isMapOnly() ? null : new CombiningEmitter<>(job.reducer(), counters);
  }

  /** Maps a split: into the partial (reduce jobs), or into a reply of its pairs (map-only). */
  Object map(Split split) throws TaskException {
    if (combiner != null) {
      MapTask.run(job.input(), job.mapper(), split, workerIndex, combiner, counters);
      return null;
    }
    CounterSet taskCounters = new CounterSet();
    CollectingEmitter<Object, Object> out = new CollectingEmitter<>(taskCounters);
    MapTask.run(job.input(), job.mapper(), split, workerIndex, out, taskCounters);
    MapTask.flush(job.mapper(), workerIndex, out, taskCounters);
    Object[] flat = new Object[out.pairs().size() * 2];
    int i = 0;
    for (Map.Entry<Object, Object> e : out.pairs()) {
      flat[i++] = e.getKey();
      flat[i++] = e.getValue();
    }
    return new MapOutput(flat, taskCounters);
  }

  /**
   * Flushes the mapper into the partial, writes the partial as segment files
   * {@code prefix-0 ...} and starts a new one.
   */
  Flushed flush(int segments, String prefix) throws IOException, TaskException {
    MapTask.flush(job.mapper(), workerIndex, combiner, counters);
    List<Path> files = new ArrayList<>();
    for (int s = 0; s < segments; s++) {
      files.add(Path.of(prefix + "-" + s));
    }
    long[] keys = PartialFiles.write(combiner.partial(), files);
    Flushed flushed = new Flushed(keys, counters);
    counters = new CounterSet();
    combiner = new CombiningEmitter<>(job.reducer(), counters);
    return flushed;
  }

  /** Merges partial files with the reducer into one file; returns the number of keys. */
  long merge(List<String> inputs, String output) throws IOException {
    Map<Object, Object> merged = new HashMap<>();
    for (String input : inputs) {
      PartialFiles.readInto(Path.of(input), merged, job.reducer()::reduce);
    }
    PartialFiles.write(merged, List.of(Path.of(output)));
    return merged.size();
  }
}
