package org.forkreduce;

/** A mapper, reducer, function or argument cannot be serialized for a worker. */
public final class NotShippableException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  public NotShippableException(String message, Throwable cause) {
    super(message, cause);
  }
}
