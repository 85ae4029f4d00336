package org.forkreduce;

/** An input path is missing, unreadable or malformed. The message names the path and the fix. */
public final class InputException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
