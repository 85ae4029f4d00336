package org.forkreduce.examples.dataframe.table;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Coding text from its bytes against a map of the decoded strings. */
class TextDictionaryTest {

  @Test
  void code_bytesOfManyStringsThroughGrowth_oneCodePerTextAndRanksInUtf16Order() {
    Random random = new Random(30);
    // UTF-16 order differs from UTF-8 byte order: U+FFFF sorts after U+1F600 in bytes only
    String[] parts = {"", "id", "é", "😀", "\uFFFF", "0", "x y", "\"", "Ω"};
    TextDictionary dictionary = new TextDictionary();
    Map<String, Integer> codes = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      String s = parts[random.nextInt(parts.length)] + random.nextInt(300)
          + parts[random.nextInt(parts.length)];
      byte[] padded = ("ab" + s + "cd").getBytes(UTF_8);
      int code = dictionary.code(padded, 2, s.getBytes(UTF_8).length);
      assertThat(dictionary.text(code)).isEqualTo(s);
      assertThat(codes.computeIfAbsent(s, k -> code)).as(s).isEqualTo(code);
    }
    assertThat(dictionary.size()).isEqualTo(codes.size());
    List<String> sorted = new ArrayList<>(codes.keySet());
    sorted.sort(String::compareTo);
    int[] ranks = dictionary.ranks();
    codes.forEach((text, code) -> assertThat(ranks[code]).as(text)
        .isEqualTo(sorted.indexOf(text)));
  }

  @Test
  void code_pastMaxBytes_refusesNewValuesAndStillFindsOld() {
    TextDictionary dictionary = new TextDictionary(10);
    byte[] abcd = "abcd".getBytes(UTF_8);
    byte[] efgh = "efghij".getBytes(UTF_8);
    assertThat(dictionary.code(abcd, 0, 4)).isZero();
    assertThat(dictionary.code(efgh, 0, 6)).isOne();
    assertThat(dictionary.code("x".getBytes(UTF_8), 0, 1)).isEqualTo(-1);
    assertThat(dictionary.code(abcd, 0, 4)).isZero();
    assertThat(dictionary.size()).isEqualTo(2);
  }
}
