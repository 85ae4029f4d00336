package org.forkreduce.examples.wordcount;

/** Where the tokenizer delivers words: ASCII words as a range of the line, others as text. */
interface WordSink {
  /**
   * {@code text[start, end)} is an ASCII word; {@code hash} is its lowercased hashCode, and
   * {@code packed} its lowercased bytes, first byte highest, when it has at most 8.
   */
  void ascii(String text, int start, int end, int hash, long packed);

  /** A word with non-ASCII characters, already lowercased. */
  void other(String word);
}
