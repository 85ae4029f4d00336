package org.forkreduce.examples.dataframe.group;

import java.util.Arrays;

/**
 * The packed keys of a {@link GroupTable}'s groups, one after another in pages of memory, by
 * group number: a key costs its bytes and twelve more, not an array object of its own, so a
 * table of millions of groups is a few big arrays that the garbage collector does not trace,
 * and its keys are read in the order the groups came when the table is handed on. Pages grow
 * from small to {@link #MAX_PAGE}; a longer key gets a page of its own. Not thread-safe.
 */
final class KeyArena {
  static final int MAX_PAGE = 1 << 22;

  private byte[][] pages = new byte[4][];
  private int pageCount;
  /** The pages' lengths, summed. */
  private long pageBytes;
  /** Where the next key goes in the last page. */
  private int used;
  private int nextPage;
  /** Group g's page in the high half, its offset there in the low half. */
  private long[] at;
  private int[] lengths;
  private int size;

  /** An arena with room for {@code groups} keys' places, its first page {@code firstPage}. */
  KeyArena(int groups, int firstPage) {
    at = new long[Math.max(16, groups)];
    lengths = new int[at.length];
    nextPage = Math.max(64, Math.min(MAX_PAGE, firstPage));
  }

  int size() {
    return size;
  }

  /** The heap the arena holds: its pages and its arrays of places, by their lengths. */
  long heldBytes() {
    return pageBytes + 8L * pages.length + 12L * at.length;
  }

  /** Adds a key of {@code length} bytes, still zeros; returns its group number. */
  int add(int length) {
    if (size == at.length) {
      at = Arrays.copyOf(at, 2 * size);
      lengths = Arrays.copyOf(lengths, 2 * size);
    }
    if (pageCount == 0 || used + length > pages[pageCount - 1].length) {
      newPage(length);
    }
    at[size] = (long) (pageCount - 1) << 32 | used;
    lengths[size] = length;
    used += length;
    return size++;
  }

  private void newPage(int length) {
    if (pageCount == pages.length) {
      pages = Arrays.copyOf(pages, 2 * pageCount);
    }
    pages[pageCount++] = new byte[Math.max(length, nextPage)];
    pageBytes += pages[pageCount - 1].length;
    nextPage = Math.min(MAX_PAGE, 2 * nextPage);
    used = 0;
  }

  /** The page that holds group g's key. */
  byte[] page(int g) {
    return pages[(int) (at[g] >>> 32)];
  }

  /** Where group g's key starts in its {@link #page}. */
  int from(int g) {
    return (int) at[g];
  }

  int length(int g) {
    return lengths[g];
  }
}
