package org.forkreduce.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An English-like text corpus: pseudo-words built from syllables, drawn with Zipf's law
 * ({@code P(rank r) ~ 1 / r^s}) from a fixed vocabulary, 6 to 17 words a line, the first
 * capitalized, commas now and then, a full stop at the end. Deterministic for a seed.
 */
public final class ZipfCorpus {
  /** The default vocabulary size. */
  public static final int VOCABULARY = 200_000;
  /** The default Zipf exponent. */
  public static final double EXPONENT = 1.1;

  private static final String[] ONSETS = {"", "b", "c", "d", "f", "g", "h", "l", "m", "n", "p",
      "r", "s", "t", "v", "w", "th", "st", "br", "pl", "gr", "sh", "ch", "tr"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "y", "ee"};
  private static final String[] CODAS = {"", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "m"};

  private final byte[][] words;
  private final byte[][] capitalized;
  private final ZipfSampler sampler;

  /**
   * @param vocabulary how many distinct words
   * @param exponent the Zipf exponent s
   * @param seed the seed of the vocabulary; the text's seed is given to {@link #write}
   */
  public ZipfCorpus(int vocabulary, double exponent, long seed) {
    List<String> vocab = vocabulary(vocabulary, new SplittableRandom(seed));
    words = new byte[vocab.size()][];
    capitalized = new byte[vocab.size()][];
    for (int i = 0; i < words.length; i++) {
      String w = vocab.get(i);
      words[i] = w.getBytes(StandardCharsets.US_ASCII);
      capitalized[i] = (Character.toUpperCase(w.charAt(0)) + w.substring(1))
          .getBytes(StandardCharsets.US_ASCII);
    }
    sampler = new ZipfSampler(vocabulary, exponent);
  }

  /** Distinct pseudo-words, shortest first, so that frequent ranks get short words. */
  static List<String> vocabulary(int size, SplittableRandom random) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    while (distinct.size() < size) {
      int syllables = 1 + random.nextInt(1 + Math.min(4, distinct.size() / 2000));
      StringBuilder w = new StringBuilder();
      for (int s = 0; s < syllables; s++) {
        w.append(pick(ONSETS, random)).append(pick(VOWELS, random)).append(pick(CODAS, random));
      }
      distinct.add(w.toString());
    }
    List<String> list = new ArrayList<>(distinct);
    list.sort(Comparator.comparingInt(String::length));
    return list;
  }

  private static String pick(String[] options, SplittableRandom random) {
    return options[random.nextInt(options.length)];
  }

  /** The word of rank {@code rank} (from 0), lowercase. */
  public String word(int rank) {
    return new String(words[rank], StandardCharsets.US_ASCII);
  }

  /**
   * Writes lines until the next one would pass {@code maxBytes}, returns the bytes written. The
   * output is ASCII with LF line ends.
   */
  public long write(OutputStream out, long maxBytes, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] line = new byte[4096];
    long written = 0;
    while (true) {
      int len = 0;
      int count = 6 + random.nextInt(12);
      for (int i = 0; i < count; i++) {
        byte[] w = (i == 0 ? capitalized : words)[sampler.sample(random)];
        System.arraycopy(w, 0, line, len, w.length);
        len += w.length;
        if (i + 1 < count) {
          if (random.nextInt(12) == 0) {
            line[len++] = ',';
          }
          line[len++] = ' ';
        }
      }
      line[len++] = '.';
      line[len++] = '\n';
      if (written + len > maxBytes) {
        return written;
      }
      out.write(line, 0, len);
      written += len;
    }
  }
}
