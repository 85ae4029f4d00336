package org.forkreduce.driver;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.forkreduce.ForkReduceException;
import org.forkreduce.JobFailedException;
import org.forkreduce.task.TaskException;

/** Turning what went wrong in a worker into the one exception the caller sees. */
public final class Failures {
  private Failures() {}

  /** Waits for a future, rethrowing the task's own exception rather than a wrapper. */
  static <T> T get(Future<T> future) throws Exception {
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
}
