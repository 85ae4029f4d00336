package org.forkreduce.spi;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.forkreduce.InputException;
import org.forkreduce.Job;
import org.forkreduce.RemoteTaskException;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;
import org.slf4j.LoggerFactory;

/** Plans a job's splits for a number of workers; shared by every engine, here and elsewhere. */
public final class Planner {
  private Planner() {}

  /**
   * The job's splits, all cut at proven record boundaries.
   *
   * @throws InputException naming the input when its files cannot be listed or sized
   */
  public static List<Split> plan(Job<?, ?, ?> job, int workers) {
    return plan(job, new SplitPolicy(job.splitSize(), workers));
  }

  /**
   * Runs {@code run} over the job's splits, which may be cut without proof
   * ({@link Split#speculative()}): a big CSV file is then cut at line starts without first being
   * read whole for quotes, and the splits' readers fail on a quote instead. Should any task on
   * such a split fail, the cut may be why: the input is planned again with proof and {@code
   * run} runs once more, and what that run returns or throws is the job's. So a job over a file
   * with quotes, or one that fails, may run twice: only for engines that map with fresh mapper
   * instances on every run, as a failed run may leave an instance holding state.
   */
  public static <R> R run(Job<?, ?, ?> job, int workers, Function<List<Split>, R> run) {
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
      return run.apply(plan(job, workers));
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
