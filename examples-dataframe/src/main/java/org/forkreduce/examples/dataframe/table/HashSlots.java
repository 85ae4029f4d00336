package org.forkreduce.examples.dataframe.table;

/**
 * Open addressing over byte strings, shared by a result column's {@link TextDictionary} and the
 * group tables ({@code group.GroupTable}, {@code group.GroupBlock}): the hash of the bytes, the
 * spread that picks a slot, and the doubling of slots that hold a hash in the high half and
 * anything non-zero (a number + 1) in the low half.
 */
public final class HashSlots {
  private HashSlots() {}

  /** The hash of {@code bytes[from, to)}: as Arrays.hashCode, so that equal keys hash alike. */
  public static int hash(byte[] bytes, int from, int to) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + bytes[i];
    }
    return h;
  }

  /** Mixes the high bits of a polynomial hash into the low ones a table indexes by. */
  public static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * Slots of a hash in the high half and anything non-zero in the low half, in twice as many
   * slots: each goes to the first free one from where {@link #spread} of its hash points.
   */
  public static long[] doubled(long[] slots) {
    long[] grown = new long[slots.length * 2];
    int mask = grown.length - 1;
    for (long slot : slots) {
      if (slot != 0) {
        int i = spread((int) (slot >>> 32)) & mask;
        while (grown[i] != 0) {
          i = (i + 1) & mask;
        }
        grown[i] = slot;
      }
    }
    return grown;
  }
}
