package org.forkreduce;

/** The root of the exceptions ForkReduce throws; every message says what went wrong and the fix. */
public class ForkReduceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ForkReduceException(String message) {
    super(message);
  }

  public ForkReduceException(String message, Throwable cause) {
    super(message, cause);
  }
}
