package org.forkreduce.internal.input;

import org.forkreduce.ForkReduceException;

/**
 * An input file changed (size or modification time) while a split of it was read: the job
 * fails, and no rerun or replanning may hide it, since a rerun would read other data.
 */
public final class InputChangedException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  InputChangedException(String message) {
    super(message);
  }
}
