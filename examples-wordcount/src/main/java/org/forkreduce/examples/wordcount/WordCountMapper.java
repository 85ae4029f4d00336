package org.forkreduce.examples.wordcount;

import java.util.Locale;
import org.forkreduce.Emitter;
import org.forkreduce.Mapper;

/**
 * Emits {@code (word, 1)} for every word of a line. A word is a maximal run of code points for
 * which {@link Character#isLetterOrDigit(int)} is true, lowercased as a whole with
 * {@code toLowerCase(Locale.ROOT)}. Everything else separates words: spaces (U+00A0 and U+3000
 * included), punctuation, apostrophes ({@code don't} is {@code don} and {@code t}), a stray BOM.
 *
 * <p>The scan looks at chars, not per-character strings: ASCII through a table, everything else
 * through the code point; the only allocation per word is the word itself.
 */
public final class WordCountMapper implements Mapper<String, String, Long> {
  private static final long serialVersionUID = 1L;
  private static final Long ONE = 1L;
  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_WORD[c] = Character.isLetterOrDigit(c);
    }
  }

  @Override
  public void map(String line, Emitter<String, Long> out) {
    int start = -1;
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
      }
      if (inWord) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        out.emit(line.substring(start, i).toLowerCase(Locale.ROOT), ONE);
        start = -1;
      }
      i += width;
    }
    if (start >= 0) {
      out.emit(line.substring(start).toLowerCase(Locale.ROOT), ONE);
    }
  }
}
