package org.forkreduce.examples.dataframe;

import java.nio.charset.StandardCharsets;

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

  /**
   * The string of UTF-8 bytes {@code b[from, from + length)}, interned; a cached string equal to
   * plain ASCII bytes is found without making a new one.
   */
  String intern(byte[] b, int from, int length) {
    int h = 0;
    for (int i = from; i < from + length; i++) {
      if (b[i] < 0) {
        return intern(new String(b, from, length, StandardCharsets.UTF_8));
      }
      h = 31 * h + b[i]; // String.hashCode, for ASCII
    }
    int i = slot(h);
    String cached = slots[i];
    if (cached != null && sameAscii(cached, b, from, length)) {
      return cached;
    }
    slots[i] = new String(b, from, length, StandardCharsets.ISO_8859_1);
    return slots[i];
  }

  private static boolean sameAscii(String s, byte[] b, int from, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != b[from + i]) {
        return false;
      }
    }
    return true;
  }

  String intern(String s) {
    int i = slot(s.hashCode());
    String cached = slots[i];
    if (s.equals(cached)) {
      return cached;
    }
    slots[i] = s;
    return s;
  }

  private int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (slots.length - 1);
  }
}
