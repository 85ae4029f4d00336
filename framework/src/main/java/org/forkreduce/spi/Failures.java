package org.forkreduce.spi;

import org.forkreduce.ForkReduceException;
import org.forkreduce.JobFailedException;

/** Turning what went wrong in a worker into the one exception the caller sees. */
public final class Failures {
  private Failures() {}

  /**
   * The exception for a failed job: a task failure keeps the mapper's exception as its cause,
   * with the split and record in the message; {@code where} names the engine and worker.
   */
  public static RuntimeException jobFailed(Throwable t, String where) {
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new ForkReduceException("interrupted while waiting for the job on " + where, t);
    }
    if (t instanceof TaskException te) {
      return new JobFailedException("Job failed on " + where + ": " + te.getMessage(),
          te.getCause());
    }
    if (t instanceof ForkReduceException fe) {
      return fe;
    }
    return new JobFailedException("Job failed on " + where + ": " + t, t);
  }

  /**
   * {@link #jobFailed} for an exception that an engine's own machinery wrapped (Spark wraps a
   * task's exception in its own): the first task failure or ForkReduce exception in its causes
   * is the one reported, else {@code wrapped} itself.
   */
  public static RuntimeException jobFailedWithin(Throwable wrapped, String where) {
    for (Throwable t = wrapped; t != null; t = t.getCause()) {
      if (t instanceof TaskException || t instanceof ForkReduceException) {
        return jobFailed(t, where);
      }
    }
    return jobFailed(wrapped, where);
  }
}
