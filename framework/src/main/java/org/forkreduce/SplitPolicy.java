package org.forkreduce;

import java.io.Serializable;

/**
 * How big splits are: a fixed size, or derived from the input's total size and the worker count as
 * {@code max(minSize, total / (workers * 4))}, capped at {@code maxSize} — four splits per worker
 * let fast workers take over from slow ones, and the cap bounds how long one split runs.
 *
 * @param fixedSize the split size in bytes, or 0 to derive it
 * @param workers the number of workers the splits are for
 * @param speculative whether an input may cut where it has not proven a record boundary, if
 *     its readers check that it was one ({@link Split#speculative()}); only for callers that
 *     plan again without it when a task on such a split fails
 */
public record SplitPolicy(long fixedSize, int workers, boolean speculative)
    implements Serializable {
  /** Smallest derived split: below this, per-split overhead dominates. */
  public static final long MIN_SIZE = 1L << 20;
  /** Largest derived split. */
  public static final long MAX_SIZE = 256L << 20;

  /** A policy whose splits are all cut at proven record boundaries. */
  public SplitPolicy(long fixedSize, int workers) {
    this(fixedSize, workers, false);
  }

  public SplitPolicy {
    if (fixedSize < 0) {
      throw new IllegalArgumentException("split size must be positive (or 0 for automatic), got "
          + fixedSize);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
  }

  /** The split size to use for an input of {@code totalBytes}. */
  public long sizeFor(long totalBytes) {
    if (fixedSize > 0) {
      return fixedSize;
    }
    long perSplit = (totalBytes + workers * 4L - 1) / (workers * 4L);
    return Math.min(MAX_SIZE, Math.max(MIN_SIZE, perSplit));
  }
}
