package org.forkreduce.spi;

import org.forkreduce.Split;

/**
 * A task failed on a split cut without proof that its ends are record boundaries
 * ({@link Split#speculative()}). The cut may be what failed it, so the engine plans the input
 * again with proof and runs the job once more; what that run gives or throws is the job's. The
 * cause is the task's own failure.
 */
final class UnprovenSplitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnprovenSplitException(Split split, Throwable cause) {
    super("failed on " + split + ", cut without proof of a record boundary: " + cause, cause);
  }
}
