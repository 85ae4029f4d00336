package org.forkreduce.examples.dataframe;

/**
 * Makes equal strings one object, within a bounded memory: a direct-mapped table where a string
 * replaces whatever differing string held its slot. Group columns repeat their values across
 * millions of result rows (100 values of {@code id1} in ten million rows), so a table built
 * through the cache holds each repeated value once, and its rows share a few objects that stay
 * in the processor's cache when the table is sorted and written. Not thread-safe.
 */
final class StringCache {
  /** Most slots: 2^20 references, a few megabytes. */
  private static final int MAX_SLOTS = 1 << 20;

  private final String[] slots;

  /** A cache with room for about {@code expected} distinct strings (at most 2^20 slots). */
  StringCache(int expected) {
    this.slots = new String[Math.min(MAX_SLOTS, Integer.highestOneBit(Math.max(8, expected)) << 2)];
  }

  String intern(String s) {
    int h = s.hashCode();
    int i = (h ^ (h >>> 16)) & (slots.length - 1);
    String cached = slots[i];
    if (s.equals(cached)) {
      return cached;
    }
    slots[i] = s;
    return s;
  }
}
