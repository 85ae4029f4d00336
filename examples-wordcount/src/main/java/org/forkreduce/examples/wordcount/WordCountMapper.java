package org.forkreduce.examples.wordcount;

import java.util.Locale;
import java.util.function.Consumer;
import org.forkreduce.Emitter;
import org.forkreduce.Mapper;
import org.forkreduce.TaskContext;

/**
 * Counts the words of the splits a worker maps and emits {@code (word, count)} for each
 * distinct word when the worker flushes. A word is a maximal run of code points for which {@link
 * Character#isLetterOrDigit(int)} is true, lowercased as a whole with {@code
 * toLowerCase(Locale.ROOT)}. Everything else separates words: spaces (U+00A0 and U+3000
 * included), punctuation, apostrophes ({@code don't} is {@code don} and {@code t}), a stray BOM.
 *
 * <p>The scan looks at chars, not per-character strings: ASCII through a table, everything else
 * through the code point. An ASCII word is hashed and looked up while it is scanned, so a word
 * already counted costs no allocation at all (in-mapper combining into a {@link WordTable}).
 * {@link #words} gives the same words one by one, for code that counts them itself.
 */
public final class WordCountMapper implements Mapper<String, String, Long> {
  private static final long serialVersionUID = 1L;
  /** The user counter of words seen (the emitted pairs are distinct words per worker). */
  public static final String WORDS = "words";
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_WORD[c] = Character.isLetterOrDigit(c);
    }
  }

  private transient WordTable table;

  /** Keeps the table of the worker's earlier tasks: their words are emitted once, at flush. */
  @Override
  public void setup(TaskContext context) {
    if (table == null) {
      table = new WordTable();
    }
  }

  @Override
  public void map(String line, Emitter<String, Long> out) {
    if (table == null) {
      table = new WordTable();
    }
    scan(line, table);
  }

  /** Emits every word of the tasks since the last flush with its count; the table is dropped. */
  @Override
  public void flush(Emitter<String, Long> out) {
    if (table != null) {
      out.count(WORDS, table.total());
      table.forEach(out::emit);
      table = null;
    }
  }

  /**
   * The table's size by its arrays' lengths (and its non-ASCII words, counted): 0 when it has
   * been flushed. A flush between two records of a task hands on the counts so far and drops the
   * table; the next record starts a new one, so the counts emitted over all flushes add up to
   * the counts of all the records.
   */
  @Override
  public long heldBytes() {
    return table == null ? 0 : table.heldBytes();
  }

  /** Gives the words of {@code line} to {@code sink} in order, each lowercased. */
  public static void words(String line, Consumer<String> sink) {
    scan(line, new WordSink() {
      @Override
      public void ascii(String text, int start, int end, int hash, long packed) {
        sink.accept(text.substring(start, end).toLowerCase(Locale.ROOT));
      }

      @Override
      public void other(String word) {
        sink.accept(word);
      }
    });
  }

  /**
   * The one tokenizer. While an ASCII word is scanned, {@code hash} follows {@link
   * String#hashCode()} of its lowercased form and {@code packed} collects its last 8 lowercased
   * bytes, so {@link WordTable} finds it without a String.
   */
  static void scan(String line, WordSink sink) {
    int start = -1;
    int hash = 0;
    long packed = 0;
    boolean ascii = true;
    int n = line.length();
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      boolean inWord;
      int width = 1;
      if (c < 128) {
        inWord = ASCII_WORD[c];
      } else {
        int cp = line.codePointAt(i);
        width = Character.charCount(cp);
        inWord = Character.isLetterOrDigit(cp);
        ascii &= !inWord;
      }
      if (inWord) {
        if (start < 0) {
          start = i;
          hash = 0;
          packed = 0;
          ascii = c < 128;
        }
        int lower = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        hash = 31 * hash + lower;
        packed = packed << 8 | lower;
      } else if (start >= 0) {
        emit(sink, line, start, i, hash, packed, ascii);
        start = -1;
      }
      i += width;
    }
    if (start >= 0) {
      emit(sink, line, start, n, hash, packed, ascii);
    }
  }

  private static void emit(WordSink sink, String line, int start, int end, int hash,
      long packed, boolean ascii) {
    if (ascii) {
      sink.ascii(line, start, end, hash, packed);
    } else {
      sink.other(line.substring(start, end).toLowerCase(Locale.ROOT));
    }
  }
}
