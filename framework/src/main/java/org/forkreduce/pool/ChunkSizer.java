package org.forkreduce.pool;

/**
 * Chooses how many items go into the next chunk. Python's rule, {@code ceil(n / (4 × workers))},
 * when the number of items is known; otherwise adaptive: start with one item per chunk and aim at
 * chunks that take about {@value #TARGET_MILLIS} ms, from the per-item time seen so far, so that
 * tiny tasks are batched and slow ones still spread across the workers.
 */
final class ChunkSizer {
  static final long TARGET_MILLIS = 10;
  private static final int MAX_ADAPTIVE = 4096;

  private final int fixed;
  private double nanosPerItem = -1;

  private ChunkSizer(int fixed) {
    this.fixed = fixed;
  }

  /** A fixed size. */
  static ChunkSizer fixed(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1, got " + size);
    }
    return new ChunkSizer(size);
  }

  /** Python's {@code ceil(n / (4 × workers))}. */
  static ChunkSizer forCount(long items, int workers) {
    return new ChunkSizer((int) Math.max(1, Math.min(Integer.MAX_VALUE,
        (items + 4L * workers - 1) / (4L * workers))));
  }

  /** Adaptive sizing for inputs of unknown length. */
  static ChunkSizer adaptive() {
    return new ChunkSizer(0);
  }

  synchronized int next() {
    if (fixed > 0) {
      return fixed;
    }
    if (nanosPerItem <= 0) {
      return 1;
    }
    return (int) Math.max(1, Math.min(MAX_ADAPTIVE, TARGET_MILLIS * 1e6 / nanosPerItem));
  }

  /** Records that a chunk of {@code size} items took {@code nanos} from submission to result. */
  synchronized void observe(int size, long nanos) {
    double perItem = (double) nanos / size;
    nanosPerItem = nanosPerItem <= 0 ? perItem : 0.7 * nanosPerItem + 0.3 * perItem;
  }
}
