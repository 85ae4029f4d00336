package org.forkreduce.internal.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.forkreduce.Engine;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.Mapper;
import org.forkreduce.Reducer;
import org.forkreduce.Split;
import org.forkreduce.internal.reduce.Partials;
import org.forkreduce.internal.reduce.TreeReduction;
import org.forkreduce.internal.reduce.TreeReduction.RoundRunner;
import org.forkreduce.internal.serde.PartialFiles;
import org.forkreduce.internal.serde.Serde;
import org.forkreduce.internal.spill.PartitionMerge;
import org.forkreduce.internal.spill.SpillTarget;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.spi.Failures;
import org.forkreduce.spi.JobResults;
import org.forkreduce.spi.MapStep;
import org.forkreduce.spi.Planner;
import org.forkreduce.spi.RunTimer;

/**
 * The in-JVM engines: {@code inline} runs one worker in the caller's thread, {@code threads(n)}
 * runs n workers on a fixed pool, each with its own Kryo copy of the mapper and reducer. The
 * workers share the job's memory budget; a worker whose partial passes its share spills it to a
 * private directory under {@code java.io.tmpdir}, and then the job is reduced partition by
 * partition from disk ({@link SpillReduce}).
 */
final class LocalEngine implements Engine {
  private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));
  private final String name;
  private final int workers;
  private final ExecutorService executor;

  LocalEngine(String name, int workers, boolean threaded) {
    this.name = name;
    this.workers = workers;
    this.executor = threaded ? Executors.newFixedThreadPool(workers, daemonThreads()) : null;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "forkreduce-worker-" + count.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public <I, K, V> JobResult<K, V> run(Job<I, K, V> job) {
    RunTimer timer = RunTimer.start();
    // inline maps with the caller's mapper, which a failed run may leave holding state, so it
    // never runs on splits that might have to be run again; threads copy it for every run
    return executor == null ? run(job, Planner.plan(job, workers), timer)
        : Planner.run(job, workers, splits -> run(job, splits, timer));
  }

  /** Runs {@code job} over {@code splits}, planned since {@code timer} started. */
  <I, K, V> JobResult<K, V> run(Job<I, K, V> job, List<Split> splits, RunTimer timer) {
    if (executor != null && executor.isShutdown()) {
      throw new IllegalStateException("engine " + name + " is closed; create a new one");
    }
    timer.planned(splits.size());
    SplitFeed feed = new SplitFeed(splits, job.progress());
    // each slot is written by one worker; Future.get() publishes the writes to this thread
    List<List<Map.Entry<K, V>>> slots = new ArrayList<>(Collections.nCopies(splits.size(), null));
    Path dir = job.isMapOnly() ? null : SpillReduce.privateDirectory(TEMP,
        "point java.io.tmpdir at a writable directory with room for the job's spills");
    JobResult<K, V> onDisk = null;
    try {
      List<LocalWorker<I, K, V>> done = runAll(workerTasks(job, feed, slots, dir), feed);
      timer.mapped();
      CounterSet counters = new CounterSet();
      done.forEach(w -> counters.addAll(w.counters()));
      if (job.isMapOnly()) {
        return JobResults.mapOnly(slots, counters, timer, name, workers);
      }
      boolean spilled = done.stream().anyMatch(w -> !w.spilledRuns().isEmpty());
      long bytes = done.stream().mapToLong(LocalWorker::partialBytes).sum();
      if (!SpillReduce.needed(spilled, bytes, job.memoryBudget())) {
        return JobResults.reduced(reduce(job, done), counters, timer, name, workers);
      }
      onDisk = reduceOnDisk(job, done, dir, counters, timer);
      return onDisk;
    } finally {
      if (dir != null && onDisk == null) {
        SpillReduce.deleteQuietly(dir);
      }
    }
  }

  private <I, K, V> List<Callable<LocalWorker<I, K, V>>> workerTasks(Job<I, K, V> job,
      SplitFeed feed, List<List<Map.Entry<K, V>>> slots, Path dir) {
    int n = Math.min(workers, Math.max(1, feed.size()));
    List<Callable<LocalWorker<I, K, V>>> tasks = new ArrayList<>();
    if (executor == null) {
      tasks.add(() -> new LocalWorker<>(job, job.mapper(), 0, spills(job, dir, 0, 1))
          .drain(feed, slots));
      return tasks;
    }
    Mapper<I, K, V> checked = Serde.checkedCopy(job.mapper(), "mapper");
    if (!job.isMapOnly()) {
      Serde.checkedCopy(job.reducer(), "reducer");
    }
    for (int i = 0; i < n; i++) {
      int index = i;
      Mapper<I, K, V> mapper = i == 0 ? checked : Serde.copy(job.mapper());
      Job<I, K, V> own = job.isMapOnly() ? job : job.reducer(Serde.copy(job.reducer()));
      SpillTarget spills = spills(job, dir, i, n);
      tasks.add(() -> new LocalWorker<>(own, mapper, index, spills).drain(feed, slots));
    }
    return tasks;
  }

  /** Worker {@code i}'s share of the JVM's budget and its spill files; none for map-only jobs. */
  private static SpillTarget spills(Job<?, ?, ?> job, Path dir, int i, int workers) {
    return dir == null ? SpillTarget.none() : new SpillTarget(job.memoryBudget() / workers, dir,
        "spill-" + i, SpillReduce.PARTITIONS);
  }

  /**
   * The reduction of a job that spilled, or whose partials together pass the budget: each
   * worker's partial is written as one more run, and each partition merged on its own, on the
   * engine's threads, each within its share of the budget ({@link SpillReduce}).
   */
  private <I, K, V> JobResult<K, V> reduceOnDisk(Job<I, K, V> job,
      List<LocalWorker<I, K, V>> done, Path dir, CounterSet counters, RunTimer timer) {
    List<String> runs = new ArrayList<>();
    List<Callable<long[]>> writes = new ArrayList<>();
    for (int i = 0; i < done.size(); i++) {
      LocalWorker<I, K, V> w = done.get(i);
      String prefix = dir.resolve("partial-" + i).toString();
      runs.add(prefix);
      runs.addAll(w.spilledRuns());
      List<Path> files = SpillTarget.files(prefix, SpillReduce.PARTITIONS);
      writes.add(() -> PartialFiles.write(w.partial(), files));
    }
    List<List<String>> inputs = SpillReduce.inputs(runs);
    List<String> outputs = SpillReduce.outputs(dir);
    long share = job.memoryBudget() / workers;
    List<Callable<PartitionMerge.Reduced>> merges = new ArrayList<>();
    for (int p = 0; p < inputs.size(); p++) {
      int partition = p;
      Reducer<V> reducer = executor == null ? job.reducer() : Serde.copy(job.reducer());
      merges.add(() -> PartitionMerge.merge(inputs.get(partition), outputs.get(partition), share,
          0, MapStep.checked(reducer)));
    }
    try {
      runner().runAll(writes);
      List<PartitionMerge.Reduced> reduced = runner().runAll(merges);
      SpillReduce.removeInputs(inputs);
      return SpillReduce.result(reduced, dir, TEMP, job.memoryBudget(), counters, timer, name,
          workers);
    } catch (Exception e) {
      throw Failures.jobFailed(e, name + " (merging spilled partitions)");
    }
  }

  private <T> List<T> runAll(List<Callable<T>> tasks, SplitFeed feed) {
    try {
      return runner().runAll(tasks);
    } catch (Exception e) {
      Throwable first = feed.failure() != null ? feed.failure() : e;
      throw Failures.jobFailed(first, name);
    }
  }

  private <I, K, V> Map<K, V> reduce(Job<I, K, V> job, List<LocalWorker<I, K, V>> done) {
    List<Map<K, V>> partials = new ArrayList<>();
    done.forEach(w -> partials.add(w.partial()));
    Reducer<V> reducer = job.reducer();
    try {
      return TreeReduction.reduce(partials, job.fanIn(),
          group -> Partials.merge(group, reducer), new HashMap<>(), runner());
    } catch (Exception e) {
      throw Failures.jobFailed(e, name + " (merging partial results)");
    }
  }

  private RoundRunner runner() {
    return executor == null ? RoundRunner.SEQUENTIAL : this::invokeAll;
  }

  private <T> List<T> invokeAll(List<Callable<T>> tasks) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(executor.submit(task));
    }
    List<T> results = new ArrayList<>();
    try {
      for (Future<T> f : futures) {
        results.add(get(f));
      }
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
    return results;
  }

  /** Waits for a future, rethrowing the task's own exception rather than a wrapper. */
  private static <T> T get(Future<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int workers() {
    return workers;
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
