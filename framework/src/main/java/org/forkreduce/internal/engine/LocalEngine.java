package org.forkreduce.internal.engine;

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
import org.forkreduce.internal.serde.Serde;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.spi.Failures;
import org.forkreduce.spi.JobResults;
import org.forkreduce.spi.Planner;
import org.forkreduce.spi.RunTimer;

/**
 * The in-JVM engines: {@code inline} runs one worker in the caller's thread, {@code threads(n)}
 * runs n workers on a fixed pool, each with its own Kryo copy of the mapper and reducer.
 */
final class LocalEngine implements Engine {
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
    List<LocalWorker<I, K, V>> done = runAll(workerTasks(job, feed, slots), feed);
    timer.mapped();
    CounterSet counters = new CounterSet();
    done.forEach(w -> counters.addAll(w.counters()));
    return job.isMapOnly() ? JobResults.mapOnly(slots, counters, timer, name, workers)
        : JobResults.reduced(reduce(job, done), counters, timer, name, workers);
  }

  private <I, K, V> List<Callable<LocalWorker<I, K, V>>> workerTasks(Job<I, K, V> job,
      SplitFeed feed, List<List<Map.Entry<K, V>>> slots) {
    int n = Math.min(workers, Math.max(1, feed.size()));
    List<Callable<LocalWorker<I, K, V>>> tasks = new ArrayList<>();
    if (executor == null) {
      tasks.add(() -> new LocalWorker<>(job, job.mapper(), 0).drain(feed, slots));
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
      tasks.add(() -> new LocalWorker<>(own, mapper, index).drain(feed, slots));
    }
    return tasks;
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
