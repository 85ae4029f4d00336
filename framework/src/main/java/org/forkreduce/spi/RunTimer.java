package org.forkreduce.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.forkreduce.stats.MemoryPeak;
import org.forkreduce.stats.RunStats;

/**
 * Times the phases of one job run for its {@link RunStats}. An engine starts it when the job
 * starts, marks the end of planning and of mapping as they happen, and hands it to {@link
 * JobResults}, which ends the run. Not thread-safe: the thread that runs the job marks it.
 */
public final class RunTimer {
  private final long start = System.nanoTime();
  private final String chooser;
  private int splits;
  private long planned;
  private long mapped;
  private final List<MemoryPeak> workerMemory = new ArrayList<>();

  private RunTimer(String chooser) {
    this.chooser = chooser;
    MemoryPeak.reset();
  }

  /** A run starting now. */
  public static RunTimer start() {
    return new RunTimer("");
  }

  /**
   * A run starting now on an engine that chooses another per job: the stats name both, as in
   * {@code auto→inline}.
   */
  public static RunTimer chosenBy(String engine) {
    return new RunTimer(engine + "→");
  }

  /** Planning is done: the job has {@code splits} splits. */
  public void planned(int splits) {
    this.splits = splits;
    this.planned = System.nanoTime();
  }

  /** The map phase is done; what follows is the reduction. */
  public void mapped() {
    this.mapped = System.nanoTime();
  }

  /** Adds a worker process's memory peak to the run's; the driver's is taken at the end. */
  public void workerMemory(MemoryPeak peak) {
    workerMemory.add(peak);
  }

  /** Ends the run now. */
  RunStats stop(String engine, int workers) {
    long end = System.nanoTime();
    return new RunStats(chooser + engine, workers, splits, Duration.ofNanos(planned - start),
        Duration.ofNanos(mapped - planned), Duration.ofNanos(end - mapped),
        Duration.ofNanos(end - start), memory());
  }

  private List<MemoryPeak> memory() {
    List<MemoryPeak> all = new ArrayList<>();
    all.add(MemoryPeak.of("driver"));
    all.addAll(workerMemory);
    return all;
  }
}
