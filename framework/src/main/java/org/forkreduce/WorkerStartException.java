package org.forkreduce;

/**
 * A worker JVM could not be started or did not answer the handshake. The message gives the
 * command line, the exit code and the worker's stderr.
 */
public final class WorkerStartException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  public WorkerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
