package org.forkreduce.internal.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.forkreduce.Job;
import org.forkreduce.Split;
import org.forkreduce.internal.protocol.Message.Flushed;
import org.forkreduce.internal.protocol.Message.MapOutput;
import org.forkreduce.internal.protocol.Message.PartitionMerged;
import org.forkreduce.internal.serde.PartialFiles;
import org.forkreduce.internal.spill.PartitionMerge;
import org.forkreduce.internal.spill.SpillTarget;
import org.forkreduce.spi.MapStep;
import org.forkreduce.spi.TaskException;
import org.forkreduce.stats.MemoryPeak;

/**
 * A worker's state for one job: its own copy of the job, and the partial it is combining into
 * with the counters of the splits in that partial. A flush writes both out, with the names of
 * the runs spilled since the last flush, and starts afresh, so the driver always knows which
 * splits a partial and its runs hold.
 */
final class WorkerJob {
  private final Job<Object, Object, Object> job;
  private final MapStep<Object, Object, Object> step;
  private final String name;

  /**
   * @param dir the job's private directory, where spills go
   * @param partitions how many partitions a spill is cut into
   */
  WorkerJob(Job<Object, Object, Object> job, int workerIndex, Path dir, int partitions) {
    this.job = job;
    this.name = "worker " + workerIndex;
    // the pid makes a replacement worker's runs another's: a dead worker's runs are never read
    SpillTarget spills = new SpillTarget(job.memoryBudget(), dir,
        "spill-" + workerIndex + "-" + ProcessHandle.current().pid(), partitions);
    this.step = new MapStep<>(job, job.mapper(), workerIndex, spills);
    MemoryPeak.reset();
  }

  /** Maps a split: into the partial (reduce jobs), or into a reply of its pairs (map-only). */
  Object map(Split split) throws TaskException {
    if (!job.isMapOnly()) {
      step.combine(split);
      return null;
    }
    List<Map.Entry<Object, Object>> pairs = step.collect(split);
    Object[] flat = new Object[pairs.size() * 2];
    int i = 0;
    for (Map.Entry<Object, Object> e : pairs) {
      flat[i++] = e.getKey();
      flat[i++] = e.getValue();
    }
    MapOutput output = new MapOutput(flat, step.counters());
    step.reset();
    return output;
  }

  /**
   * Flushes the mapper into the partial, writes the partial as segment files
   * {@code prefix-0 ...} and starts a new one.
   */
  Flushed flush(int segments, String prefix) throws IOException, TaskException {
    Map<Object, Object> partial = step.flush();
    List<Path> files = SpillTarget.files(prefix, segments);
    long bytes = step.partialBytes();
    long[] keys = PartialFiles.write(partial, files);
    Flushed flushed = new Flushed(keys, step.counters(), new ArrayList<>(step.spilledRuns()),
        bytes, MemoryPeak.of(name));
    step.reset();
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

  /** Merges one partition's files within the job's budget ({@link PartitionMerge}). */
  PartitionMerged mergePartition(List<String> inputs, String outputPrefix) throws IOException {
    PartitionMerge.Reduced reduced = PartitionMerge.merge(inputs, outputPrefix,
        job.memoryBudget(), 0, MapStep.checked(job.reducer()));
    return new PartitionMerged(new PartitionMerge.Reduced(new ArrayList<>(reduced.files()),
        reduced.keys(), reduced.heapBytes()), MemoryPeak.of(name));
  }
}
