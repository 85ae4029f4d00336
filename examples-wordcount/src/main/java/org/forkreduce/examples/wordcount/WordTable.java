package org.forkreduce.examples.wordcount;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Word counts of one split. ASCII words (nearly all of them in most text) live in an
 * open-addressing table (linear probing, Fibonacci hashing) whose slots point into one byte
 * arena holding each word's count, length and lowercased bytes: counting a known word reads one
 * slot and one arena line, and allocates nothing. Other words go to a plain map. Not
 * thread-safe; one per map task.
 */
final class WordTable implements WordSink {
  private static final int INITIAL_BITS = 14;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
  /** Arena entry: the count (8 bytes), the length (4), the bytes, padded to 8. */
  private static final int HEADER = 12;

  /** 0 for empty, else the word's hash in the high half and its arena offset + 1 below. */
  private long[] slots = new long[1 << INITIAL_BITS];
  private int shift = 32 - INITIAL_BITS;
  private int size;
  private byte[] arena = new byte[1 << 16];
  private int arenaEnd;
  private final Map<String, long[]> others = new HashMap<>();

  @Override
  public void ascii(String text, int start, int end, int hash) {
    int mask = slots.length - 1;
    int len = end - start;
    for (int i = index(hash); ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        slots[i] = ((long) hash << 32) | (append(text, start, len) + 1L);
        if (++size > slots.length >> 1) {
          grow();
        }
        return;
      }
      int offset = (int) slot - 1;
      if ((int) (slot >>> 32) == hash && matches(offset, text, start, len)) {
        LONGS.set(arena, offset, (long) LONGS.get(arena, offset) + 1);
        return;
      }
    }
  }

  @Override
  public void other(String word) {
    // a non-ASCII word can lowercase to ASCII (the Kelvin sign gives "k"): one key, one home
    for (int j = 0; j < word.length(); j++) {
      if (word.charAt(j) >= 128) {
        others.computeIfAbsent(word, w -> new long[1])[0]++;
        return;
      }
    }
    ascii(word, 0, word.length(), word.hashCode());
  }

  /** Whether the arena word at {@code offset} equals {@code text[start, start + len)} lowered. */
  private boolean matches(int offset, String text, int start, int len) {
    if ((int) INTS.get(arena, offset + 8) != len) {
      return false;
    }
    int at = offset + HEADER;
    for (int j = 0; j < len; j++) {
      char c = text.charAt(start + j);
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != arena[at + j]) {
        return false;
      }
    }
    return true;
  }

  private int append(String text, int start, int len) {
    int offset = arenaEnd;
    int next = offset + ((HEADER + len + 7) & ~7);
    if (next > arena.length) {
      if (next < 0 || arena.length > Integer.MAX_VALUE / 2) {
        throw new IllegalStateException("a split has over 1 GiB of distinct words; use a"
            + " smaller split size");
      }
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, next));
    }
    LONGS.set(arena, offset, 1L);
    INTS.set(arena, offset + 8, len);
    for (int j = 0; j < len; j++) {
      char c = text.charAt(start + j);
      arena[offset + HEADER + j] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    arenaEnd = next;
    return offset;
  }

  private int index(int hash) {
    return (hash * 0x9E3779B9) >>> shift;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    shift--;
    int mask = slots.length - 1;
    for (long slot : old) {
      if (slot != 0) {
        int i = index((int) (slot >>> 32));
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  /** The number of words counted: the sum of all counts. */
  long total() {
    long total = 0;
    for (int offset = 0; offset < arenaEnd; offset = next(offset)) {
      total += (long) LONGS.get(arena, offset);
    }
    for (long[] count : others.values()) {
      total += count[0];
    }
    return total;
  }

  private int next(int offset) {
    return offset + ((HEADER + (int) INTS.get(arena, offset + 8) + 7) & ~7);
  }

  /** Gives every word and its count to {@code action}: ASCII words first, in first-seen order. */
  void forEach(BiConsumer<String, Long> action) {
    for (int offset = 0; offset < arenaEnd; offset = next(offset)) {
      String word = new String(arena, offset + HEADER, (int) INTS.get(arena, offset + 8),
          StandardCharsets.ISO_8859_1);
      action.accept(word, (long) LONGS.get(arena, offset));
    }
    others.forEach((word, count) -> action.accept(word, count[0]));
  }
}
