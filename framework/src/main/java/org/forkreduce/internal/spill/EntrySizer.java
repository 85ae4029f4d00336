package org.forkreduce.internal.spill;

import java.util.Map;
import org.forkreduce.KnownSize;
import org.forkreduce.internal.serde.Serde;

/**
 * Estimates the heap bytes a map of keys and values holds, cheaply enough to be asked every
 * thousand insertions. Common types are sized exactly (strings, boxed numbers, primitive
 * arrays), a {@link KnownSize} tells its own; any other object is sized by its Kryo encoding,
 * twice over, plus a header. A
 * small map is summed entry by entry, so values that grew since they were put in (a merged
 * accumulator) are seen; a large one is sized from a sample: every {@value #SAMPLE_EVERY}th key
 * put in, through {@link #added}, as it was then. So a value that keeps growing after it was
 * put in (a list per key) is underestimated in a large map. Not thread-safe: one per map.
 */
public final class EntrySizer {
  /** A map of at most this many entries is summed entry by entry. */
  static final int EXACT_UP_TO = 64;
  static final int SAMPLE_EVERY = 64;
  /** A {@code HashMap} node, its table slot at the default load, and an object header. */
  static final int ENTRY_OVERHEAD = 48;

  private long sampledBytes;
  private long samples;
  private long added;

  /** Tells the sizer that {@code key} was put in as a new key with {@code value}. */
  public void added(Object key, Object value) {
    if (added++ % SAMPLE_EVERY == 0) {
      sampledBytes += bytesOf(key) + bytesOf(value);
      samples++;
    }
  }

  /** The estimated heap bytes of {@code map}, entries and table. */
  public long estimate(Map<?, ?> map) {
    int n = map.size();
    if (n <= EXACT_UP_TO || samples == 0) {
      long sum = (long) n * ENTRY_OVERHEAD;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sum += bytesOf(e.getKey()) + bytesOf(e.getValue());
      }
      return sum;
    }
    return n * (ENTRY_OVERHEAD + sampledBytes / samples);
  }

  /** Forgets the samples, for a map emptied by a spill. */
  public void reset() {
    sampledBytes = 0;
    samples = 0;
    added = 0;
  }

  /** The estimated heap bytes of one object and what it alone refers to. */
  public static long bytesOf(Object o) {
    if (o instanceof KnownSize k) {
      return k.heapBytes();
    }
    if (o instanceof String s) {
      return 24 + array(s.length() * (isLatin1(s) ? 1L : 2L));
    }
    if (o instanceof Long || o instanceof Integer || o instanceof Double || o instanceof Short
        || o instanceof Byte || o instanceof Float || o instanceof Character
        || o instanceof Boolean) {
      return 16;
    }
    if (o instanceof byte[] b) {
      return array(b.length);
    }
    if (o instanceof int[] a) {
      return array(4L * a.length);
    }
    if (o instanceof long[] a) {
      return array(8L * a.length);
    }
    if (o instanceof double[] a) {
      return array(8L * a.length);
    }
    return 16 + 2L * Serde.toBytes(o).length;
  }

  private static long array(long payload) {
    return 16 + (payload + 7 & ~7L);
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }
}
