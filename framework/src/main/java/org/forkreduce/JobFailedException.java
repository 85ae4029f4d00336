package org.forkreduce;

/**
 * A job failed: a mapper or reducer threw, or a worker died beyond the retry limit. The message
 * names the split (file and byte range), the record position where known and the worker; the cause
 * is the original exception with its stack trace. No partial result is ever returned.
 */
public final class JobFailedException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
