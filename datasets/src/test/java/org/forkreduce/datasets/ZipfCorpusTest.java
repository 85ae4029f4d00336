package org.forkreduce.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfCorpusTest {

  private static byte[] generate(long bytes, long seed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ZipfCorpus(20_000, 1.1, seed).write(out, bytes, seed);
    return out.toByteArray();
  }

  @Test
  void write_sameSeed_sameBytes_otherSeed_otherBytes() throws IOException {
    assertThat(generate(50_000, 7)).isEqualTo(generate(50_000, 7));
    assertThat(generate(50_000, 7)).isNotEqualTo(generate(50_000, 8));
  }

  @Test
  void write_neverPassesTheSizeAndEndsWithLf() throws IOException {
    byte[] text = generate(100_003, 1);
    assertThat(text.length).isBetween(100_003 - 400, 100_003);
    assertThat(text[text.length - 1]).isEqualTo((byte) '\n');
  }

  @Test
  void vocabulary_isDistinctAndShortestFirst() {
    List<String> vocab = ZipfCorpus.vocabulary(ZipfCorpus.VOCABULARY, new SplittableRandom(42));
    assertThat(new HashSet<>(vocab)).hasSize(ZipfCorpus.VOCABULARY);
    for (int i = 1; i < vocab.size(); i++) {
      assertThat(vocab.get(i).length()).isGreaterThanOrEqualTo(vocab.get(i - 1).length());
    }
  }

  @Test
  void write_frequencies_followZipfLaw() throws IOException {
    ZipfCorpus corpus = new ZipfCorpus(20_000, 1.1, 3);
    String text = new String(generate(4_000_000, 3), StandardCharsets.US_ASCII);
    Map<String, Integer> counts = new HashMap<>();
    for (String w : text.toLowerCase().split("[^a-z]+")) {
      if (!w.isEmpty()) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    // f(r) ~ 1/r^s, so f(1)/f(10) ~ 10^1.1 = 12.6 and f(10)/f(100) likewise
    double top = counts.get(corpus.word(0));
    double tenth = counts.get(corpus.word(9));
    double hundredth = counts.get(corpus.word(99));
    assertThat(top / tenth).isBetween(11.0, 14.5);
    assertThat(tenth / hundredth).isBetween(10.5, 15.0);
  }
}
