package org.forkreduce.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.forkreduce.Engine;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.Split;
import org.forkreduce.WorkerOptions;
import org.forkreduce.internal.reduce.TreeReduction;
import org.forkreduce.internal.runtime.WorkerGroup;
import org.forkreduce.internal.serde.PartialFiles;
import org.forkreduce.internal.serde.Serde;
import org.forkreduce.internal.spill.PartitionMerge;
import org.forkreduce.spi.JobResults;
import org.forkreduce.spi.Planner;
import org.forkreduce.spi.RunTimer;

/**
 * Runs jobs on worker JVMs. The job is sent once per worker; each task is only a split, read by
 * the worker itself. Each worker combines its splits into one partial, flushed as hash segments
 * into a private (0700) directory; the tree reduction merges each segment on the workers, round by
 * round, and only file names cross the pipes. A job larger than memory takes another way (see
 * {@link SpillReduce}): workers spill their partials to the same directory when they pass the
 * job's memory budget, and each partition is merged on a worker into reduced files that the
 * result reads from disk. The directory is removed after the job, or when such a result is
 * closed; if the driver is killed, its workers remove it, and failing that the next job on the
 * same temporary directory does ({@link org.forkreduce.internal.output.Leftovers}).
 */
final class ProcessEngine implements Engine {
  private final WorkerOptions options;
  private final WorkerGroup workers;
  private final AtomicInteger jobIds = new AtomicInteger();
  private volatile boolean closed;

  ProcessEngine(WorkerOptions options) {
    this.options = options;
    this.workers = new WorkerGroup(options, "engine", worker -> { });
    workers.prestart();
  }

  @Override
  public <I, K, V> JobResult<K, V> run(Job<I, K, V> job) {
    RunTimer timer = RunTimer.start();
    return Planner.run(job, options.workers(), splits -> run(job, splits, timer));
  }

  /** Runs {@code job} over {@code splits}, planned since {@code timer} started. */
  synchronized <I, K, V> JobResult<K, V> run(Job<I, K, V> job, List<Split> splits,
      RunTimer timer) {
    if (closed) {
      throw new IllegalStateException("engine processes is closed; create a new one");
    }
    workers.classPath().requireLoadable(job.input(), "input");
    workers.classPath().requireLoadable(job.mapper(), "mapper");
    if (!job.isMapOnly()) {
      workers.classPath().requireLoadable(job.reducer(), "reducer");
    }
    byte[] jobBytes = Serde.toBytes(job); // its parts were proven by the planner
    workers.fill();
    timer.planned(splits.size());
    Path dir = SpillReduce.privateDirectory(options.tempDirectory(),
        "choose a writable place with WorkerOptions.tempDirectory");
    JobRun<I, K, V> run = new JobRun<>(job, jobIds.incrementAndGet(), jobBytes, dir,
        SpillReduce.PARTITIONS, splits, workers, options.maxAttempts(), name());
    JobResult<K, V> onDisk = null;
    try {
      List<String> partials = run.map();
      timer.mapped();
      if (job.isMapOnly()) {
        return JobResults.mapOnly(run.mapOnlyOutput(), run.counters(), timer, name(), workers());
      }
      long budget = job.memoryBudget();
      if (!SpillReduce.needed(!run.spilledRuns().isEmpty(), run.partialBytes(), budget)) {
        Map<K, V> reduced = reduce(job, run, partials, dir);
        run.memory().forEach(timer::workerMemory);
        return JobResults.reduced(reduced, run.counters(), timer, name(), workers());
      }
      List<String> runs = new ArrayList<>(partials);
      runs.addAll(run.spilledRuns());
      List<List<String>> inputs = SpillReduce.inputs(runs);
      List<PartitionMerge.Reduced> reduced = run.mergePartitions(inputs, SpillReduce.outputs(dir));
      SpillReduce.removeInputs(inputs);
      run.memory().forEach(timer::workerMemory);
      onDisk = SpillReduce.result(reduced, dir, options.tempDirectory(), budget, run.counters(),
          timer, name(), workers());
      return onDisk;
    } finally {
      run.end();
      if (onDisk == null) {
        SpillReduce.deleteQuietly(dir);
      }
    }
  }

  /**
   * Merges the flushed partials segment by segment: every segment follows the same tree plan, so
   * the merges of one round, across all segments, run in parallel on the workers. The last round
   * is the driver's: it has to read the result anyway, so it reads the round's inputs and merges
   * them as it goes, the segments side by side, instead of having workers write them once more.
   */
  private <K, V> Map<K, V> reduce(Job<?, K, V> job, JobRun<?, K, V> run, List<String> partials,
      Path dir) {
    if (partials.isEmpty()) {
      return new HashMap<>();
    }
    List<List<String>> files = SpillReduce.inputs(partials);
    int segments = files.size();
    List<List<int[]>> rounds = TreeReduction.plan(partials.size(), job.fanIn());
    for (int roundNo = 0; roundNo < rounds.size() - 1; roundNo++) {
      List<List<String>> groups = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      for (int s = 0; s < segments; s++) {
        for (int[] group : rounds.get(roundNo)) {
          if (group.length > 1) {
            List<String> inputs = new ArrayList<>();
            for (int i : group) {
              inputs.add(files.get(s).get(i));
            }
            String output = dir.resolve("merged-" + roundNo + "-" + s + "-" + group[0]).toString();
            groups.add(inputs);
            outputs.add(output);
            files.get(s).set(group[0], output);
          }
        }
      }
      run.merge(groups, outputs);
    }
    int[] last = rounds.isEmpty() ? new int[] {0} : rounds.get(rounds.size() - 1).get(0);
    // segments hold disjoint keys: each is merged into a map of its own, sized for all its
    // inputs' keys, and the maps together are the result
    List<Map<K, V>> parts = files.parallelStream().map(segment -> {
      long keys = 0;
      for (int i : last) {
        keys += keysIn(segment.get(i));
      }
      Map<K, V> part = new HashMap<>((int) Math.min(1 << 30, keys * 4 / 3 + 16));
      for (int i : last) {
        readInto(segment.get(i), part, job);
      }
      return part;
    }).toList();
    return new SegmentedMap<>(parts);
  }

  private static long keysIn(String file) {
    try {
      return PartialFiles.count(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the merged partial: " + e.getMessage(), e);
    }
  }

  private static <K, V> void readInto(String file, Map<K, V> result, Job<?, K, V> job) {
    try {
      PartialFiles.readInto(Path.of(file), result, job.reducer()::reduce);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the merged partial: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "processes";
  }

  @Override
  public int workers() {
    return options.workers();
  }

  @Override
  public void close() {
    closed = true;
    workers.close();
  }
}
