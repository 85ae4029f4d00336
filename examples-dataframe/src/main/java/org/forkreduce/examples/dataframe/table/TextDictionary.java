package org.forkreduce.examples.dataframe.table;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The distinct texts of one {@link ResultColumn}, numbered (coded) in the order they are first
 * seen and found by their UTF-8 bytes: a group column repeats a few values over millions of rows,
 * so a row costs a probe of one slot, which holds the value's hash beside its code, and one
 * compare of bytes kept one after another; a value's string is made once. Not thread-safe.
 */
final class TextDictionary {
  /** A value's hash in the high half, its code + 1 in the low half; 0 when free. */
  private long[] slots = new long[64];
  private byte[] bytes = new byte[256];
  /** Code c's bytes are {@code bytes[c == 0 ? 0 : ends[c - 1], ends[c])}. */
  private int[] ends = new int[32];
  private String[] strings = new String[32];
  private int size;
  /** The most bytes of distinct values it holds: its arena is one array. */
  private final int maxBytes;

  TextDictionary() {
    this(Integer.MAX_VALUE - 8);
  }

  /** A dictionary that holds at most {@code maxBytes} bytes of distinct values. */
  TextDictionary(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The number of distinct values. */
  int size() {
    return size;
  }

  /**
   * The code of the text whose UTF-8 bytes are {@code b[from, from + length)}, or -1 if it is new
   * and its bytes would take the dictionary past its {@code maxBytes}.
   */
  int code(byte[] b, int from, int length) {
    int hash = HashSlots.hash(b, from, from + length);
    int mask = slots.length - 1;
    for (int i = HashSlots.spread(hash) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return add(i, hash, b, from, length);
      }
      int c = (int) slot - 1;
      if ((int) (slot >>> 32) == hash
          && Arrays.equals(bytes, start(c), ends[c], b, from, from + length)) {
        return c;
      }
    }
  }

  /** The text of {@code code}. */
  String text(int code) {
    return strings[code];
  }

  /** Each code's rank from 0 among the values in UTF-16 order ({@link String#compareTo}). */
  int[] ranks() {
    Integer[] byText = new Integer[size];
    Arrays.setAll(byText, c -> c);
    Arrays.sort(byText, Comparator.comparing(c -> strings[c]));
    int[] rank = new int[size];
    for (int r = 0; r < size; r++) {
      rank[byText[r]] = r;
    }
    return rank;
  }

  private int start(int code) {
    return code == 0 ? 0 : ends[code - 1];
  }

  private int add(int slot, int hash, byte[] b, int from, int length) {
    int start = start(size);
    if ((long) start + length > maxBytes) {
      return -1;
    }
    if (start + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes,
          Math.max(start + length, 2L * bytes.length)));
    }
    if (size == ends.length) {
      ends = Arrays.copyOf(ends, 2 * size);
      strings = Arrays.copyOf(strings, 2 * size);
    }
    System.arraycopy(b, from, bytes, start, length);
    ends[size] = start + length;
    strings[size] = new String(b, from, length, UTF_8);
    slots[slot] = (long) hash << 32 | (size + 1);
    if (++size * 2 > slots.length) {
      slots = HashSlots.doubled(slots);
    }
    return size - 1;
  }
}
