package org.forkreduce.internal.engine;

import java.util.List;
import org.forkreduce.Engine;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.Split;
import org.forkreduce.WorkerOptions;
import org.forkreduce.internal.input.Formats;
import org.forkreduce.spi.Planner;
import org.forkreduce.spi.RunTimer;

/**
 * Chooses per job: inputs smaller than the threshold run inline, larger ones on worker
 * processes (started on first need and kept). Starting JVMs costs more than it saves on small
 * inputs; the default threshold is below where the two cost the same for word count and for the
 * CSV group-by on this project's 2-core machines (see README, "Choosing an engine").
 */
final class AutoEngine implements Engine {
  /** Input bytes from which processes pay off; override with this system property. */
  static final String THRESHOLD_PROPERTY = "forkreduce.auto.thresholdBytes";
  static final long DEFAULT_THRESHOLD = 256L << 20;

  private final WorkerOptions options;
  private final long threshold;
  private final LocalEngine inline = new LocalEngine("inline", 1, false);
  private ProcessEngine processes;

  AutoEngine(WorkerOptions options) {
    this.options = options;
    this.threshold = Long.getLong(THRESHOLD_PROPERTY, DEFAULT_THRESHOLD);
  }

  @Override
  public synchronized <I, K, V> JobResult<K, V> run(Job<I, K, V> job) {
    RunTimer timer = RunTimer.chosenBy(name());
    if (options.workers() > 1 && Formats.knownBytes(job.input()) >= threshold) {
      ProcessEngine p = processes(); // its JVMs boot while the input is planned
      return Planner.run(job, options.workers(), splits -> p.run(job, splits, timer));
    }
    // inline maps with the caller's mapper, which a failed run may leave holding state, so it
    // never runs on splits that might have to be run again
    List<Split> splits = Planner.plan(job, options.workers());
    long bytes = splits.stream().mapToLong(Split::length).sum();
    return bytes < threshold || options.workers() == 1 ? inline.run(job, splits, timer)
        : processes().run(job, splits, timer);
  }

  private ProcessEngine processes() {
    if (processes == null) {
      processes = new ProcessEngine(options);
    }
    return processes;
  }

  @Override
  public String name() {
    return "auto";
  }

  @Override
  public int workers() {
    return options.workers();
  }

  @Override
  public synchronized void close() {
    inline.close();
    if (processes != null) {
      processes.close();
    }
  }
}
