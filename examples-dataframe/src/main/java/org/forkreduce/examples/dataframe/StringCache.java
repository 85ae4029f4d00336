package org.forkreduce.examples.dataframe;

/**
 * Makes equal strings one object, within a bounded memory: a direct-mapped table of 65,536 slots
 * where a string replaces whatever differing string held its slot. Group columns repeat their
 * values across millions of result rows (100 values of {@code id1} in ten million rows), so a
 * table built through the cache holds each repeated value once. Not thread-safe.
 */
final class StringCache {
  private final String[] slots = new String[1 << 16];

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
