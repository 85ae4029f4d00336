package org.forkreduce.spi;

/**
 * A task failed; the message says where (file, byte range, record position, record preview) and
 * the cause is the mapper's exception. Engines add the worker and wrap it in a
 * {@link org.forkreduce.JobFailedException}.
 */
public final class TaskException extends Exception {
  private static final long serialVersionUID = 1L;

  public TaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
