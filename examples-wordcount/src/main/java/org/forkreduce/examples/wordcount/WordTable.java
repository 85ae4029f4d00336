package org.forkreduce.examples.wordcount;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Word counts of one split, kept so that counting a known word allocates nothing. ASCII words
 * (nearly all words of most text) live in an open-addressing table (linear probing, Fibonacci
 * hashing) of (key, count) pairs side by side: a word of up to 8 bytes is its own key, packed
 * into a long, so counting it touches one cache line; a longer word's key holds its hash and
 * the offset of its bytes in an arena. Other words go to a plain map. Not thread-safe; one per
 * map task.
 */
final class WordTable implements WordSink {
  private static final int INITIAL_BITS = 14;
  private static final int PACKED = 8;
  private static final long LONG_WORD = Long.MIN_VALUE;
  /**
   * What one entry of {@link #others} costs, a short word's chars included: the map's node and
   * table slot, the String and its array, the count's array.
   */
  private static final int OTHER_ENTRY_BYTES = 120;
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

  /**
   * Pairs of (key, count). Key 0: empty. Positive: a word of up to 8 bytes, packed, first byte
   * highest (letters and digits are never 0, so the length is implied). Negative: a longer word,
   * with its 31-bit hash above its arena offset.
   */
  private long[] table = new long[2 << INITIAL_BITS];
  private int bits = INITIAL_BITS;
  private int size;
  /** Longer words: a 4-byte length, then the lowercased bytes, padded to 4. */
  private byte[] arena = new byte[1 << 16];
  private int arenaEnd;
  private final Map<String, long[]> others = new HashMap<>();

  @Override
  public void ascii(String text, int start, int end, int hash, long packed) {
    if (end - start <= PACKED) {
      countPacked(packed);
    } else {
      countLong(text, start, end - start, hash & Integer.MAX_VALUE);
    }
  }

  @Override
  public void other(String word) {
    // a non-ASCII word can lowercase to ASCII (the Kelvin sign gives "k"): one key, one home
    long packed = 0;
    for (int j = 0; j < word.length(); j++) {
      char c = word.charAt(j);
      if (c >= 128) {
        others.computeIfAbsent(word, w -> new long[1])[0]++;
        return;
      }
      packed = packed << 8 | c;
    }
    ascii(word, 0, word.length(), word.hashCode(), packed);
  }

  private void countPacked(long key) {
    int mask = (1 << bits) - 1;
    for (int i = packedIndex(key); ; i = (i + 1) & mask) {
      long k = table[2 * i];
      if (k == key) {
        table[2 * i + 1]++;
        return;
      }
      if (k == 0) {
        insert(i, key);
        return;
      }
    }
  }

  private void countLong(String text, int start, int len, int hash) {
    long tag = LONG_WORD | (long) hash << 32;
    int mask = (1 << bits) - 1;
    for (int i = hashIndex(hash); ; i = (i + 1) & mask) {
      long k = table[2 * i];
      if (k == 0) {
        insert(i, tag | append(text, start, len));
        return;
      }
      if ((k & 0xFFFF_FFFF_0000_0000L) == tag && matches((int) k, text, start, len)) {
        table[2 * i + 1]++;
        return;
      }
    }
  }

  private int packedIndex(long key) {
    return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> (64 - bits));
  }

  private int hashIndex(int hash) {
    return (hash * 0x9E37_79B9) >>> (32 - bits);
  }

  private int indexOf(long key) {
    return key > 0 ? packedIndex(key) : hashIndex((int) (key >>> 32) & Integer.MAX_VALUE);
  }

  /** Whether the arena word at {@code offset} equals {@code text[start, start + len)} lowered. */
  private boolean matches(int offset, String text, int start, int len) {
    if ((int) INTS.get(arena, offset) != len) {
      return false;
    }
    for (int j = 0; j < len; j++) {
      char c = text.charAt(start + j);
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != arena[offset + 4 + j]) {
        return false;
      }
    }
    return true;
  }

  private int append(String text, int start, int len) {
    int offset = arenaEnd;
    int next = offset + ((4 + len + 3) & ~3);
    if (next > arena.length) {
      if (next < 0 || arena.length > Integer.MAX_VALUE / 2) {
        throw new IllegalStateException("a split has over 1 GiB of distinct long words; use a"
            + " smaller split size");
      }
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, next));
    }
    INTS.set(arena, offset, len);
    for (int j = 0; j < len; j++) {
      char c = text.charAt(start + j);
      arena[offset + 4 + j] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    arenaEnd = next;
    return offset;
  }

  private void insert(int slot, long key) {
    table[2 * slot] = key;
    table[2 * slot + 1] = 1;
    if (++size > (3 << bits) >> 2) {
      grow();
    }
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    bits++;
    int mask = (1 << bits) - 1;
    for (int j = 0; j < old.length; j += 2) {
      if (old[j] != 0) {
        int i = indexOf(old[j]);
        while (table[2 * i] != 0) {
          i = (i + 1) & mask;
        }
        table[2 * i] = old[j];
        table[2 * i + 1] = old[j + 1];
      }
    }
  }

  /**
   * An estimate of the heap this table holds, from its arrays' lengths and the number of other
   * words, without a walk over them: O(1).
   */
  long heldBytes() {
    return 8L * table.length + arena.length + (long) OTHER_ENTRY_BYTES * others.size();
  }

  /** The number of words counted: the sum of all counts. */
  long total() {
    long total = 0;
    for (int j = 1; j < table.length; j += 2) {
      total += table[j];
    }
    for (long[] count : others.values()) {
      total += count[0];
    }
    return total;
  }

  /** Gives every word and its count to {@code action}, in no particular order. */
  void forEach(BiConsumer<String, Long> action) {
    for (int j = 0; j < table.length; j += 2) {
      long key = table[j];
      if (key != 0) {
        action.accept(key > 0 ? unpack(key) : arenaWord((int) key), table[j + 1]);
      }
    }
    others.forEach((word, count) -> action.accept(word, count[0]));
  }

  private static String unpack(long key) {
    int len = (64 - Long.numberOfLeadingZeros(key) + 7) / 8;
    byte[] bytes = new byte[len];
    for (int j = len - 1; j >= 0; j--, key >>>= 8) {
      bytes[j] = (byte) key;
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private String arenaWord(int offset) {
    return new String(arena, offset + 4, (int) INTS.get(arena, offset), StandardCharsets.ISO_8859_1);
  }
}
