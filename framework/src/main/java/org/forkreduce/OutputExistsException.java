package org.forkreduce;

/** The output directory exists and overwriting was not asked for. */
public final class OutputExistsException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  public OutputExistsException(String message) {
    super(message);
  }
}
