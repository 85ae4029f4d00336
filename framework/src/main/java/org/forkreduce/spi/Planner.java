package org.forkreduce.spi;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.forkreduce.InputException;
import org.forkreduce.Job;
import org.forkreduce.RemoteTaskException;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;
import org.forkreduce.internal.serde.Serde;
import org.slf4j.LoggerFactory;

/** Plans a job's splits for a number of workers; shared by every engine, here and elsewhere. */
public final class Planner {
  private Planner() {}

  /**
   * The job's splits, all cut at proven record boundaries.
   *
   * @throws InputException naming the input when its files cannot be listed or sized
   * @throws org.forkreduce.NotShippableException if the job cannot be sent to a worker, on every
   *     engine (see {@link #requireShippable})
   */
  public static List<Split> plan(Job<?, ?, ?> job, int workers) {
    requireShippable(job);
    return plan(job, new SplitPolicy(job.splitSize(), workers));
  }

  /**
   * Runs {@code run} over the job's splits, which may be cut without proof
   * ({@link Split#speculative()}): a big CSV file is then cut at line starts without first being
   * read whole for quotes, and the splits' readers fail on a quote instead. Should any task on
   * such a split fail, the cut may be why: the input is planned again with proof and {@code
   * run} runs once more, and what that run returns or throws is the job's. So a job over a file
   * with quotes, or one that fails, may run twice: only for engines that map with fresh mapper
   * instances on every run, as a failed run may leave an instance holding state. The job is
   * checked first, as by {@link #plan(Job, int)}.
   */
  public static <R> R run(Job<?, ?, ?> job, int workers, Function<List<Split>, R> run) {
    requireShippable(job);
    List<Split> splits = plan(job, new SplitPolicy(job.splitSize(), workers, true));
    try {
      return run.apply(splits);
    } catch (RuntimeException e) {
      if (!failedOnUnproven(e)) {
        throw e;
      }
      LoggerFactory.getLogger(Planner.class).info("A split of {} was cut where no record"
          + " boundary had been proven, and its task failed (a quote in the file, or the job's"
          + " own error); planning it with proof and running the job again", job.input());
      return run.apply(plan(job, new SplitPolicy(job.splitSize(), workers)));
    }
  }

  /**
   * Refuses, before any work, a job whose input, mapper or reducer cannot be sent to a worker: on
   * every engine, the inline one too, so that a job that runs on one engine runs on all.
   *
   * @throws org.forkreduce.NotShippableException naming the class (for a lambda, the class that
   *     holds it and the type of the captured value) that cannot be serialized
   */
  private static void requireShippable(Job<?, ?, ?> job) {
    Serde.checkedBytes(job.input(), "input");
    Serde.checkedBytes(job.mapper(), "mapper");
    if (!job.isMapOnly()) {
      Serde.checkedBytes(job.reducer(), "reducer");
    }
  }

  /** Whether {@code e} or a cause, here or in a worker, is an {@link UnprovenSplitException}. */
  private static boolean failedOnUnproven(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnprovenSplitException || t instanceof RemoteTaskException r
          && r.remoteClassName().equals(UnprovenSplitException.class.getName())) {
        return true;
      }
    }
    return false;
  }

  private static List<Split> plan(Job<?, ?, ?> job, SplitPolicy policy) {
    try {
      return job.input().splits(policy);
    } catch (IOException e) {
      throw new InputException("Cannot list or size the input files of " + job.input() + ": "
          + e + ". Check that the paths exist and are readable.", e);
    }
  }
}
