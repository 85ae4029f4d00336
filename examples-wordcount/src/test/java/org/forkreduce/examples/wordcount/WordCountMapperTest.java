package org.forkreduce.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.forkreduce.Emitter;
import org.forkreduce.Reducer;
import org.forkreduce.testing.ReducerTester;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordCountMapperTest {

  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    WordCountMapper.words(line, words::add);
    return words;
  }

  /** The mapper's counts of {@code lines}: map every line, then flush. */
  private static HashMap<String, Long> counted(List<String> lines) {
    HashMap<String, Long> counts = new HashMap<>();
    WordCountMapper mapper = new WordCountMapper();
    Emitter<String, Long> out = new Emitter<>() {
      @Override
      public void emit(String key, Long value) {
        assertThat(counts.put(key, value)).as("one pair per word at flush").isNull();
      }

      @Override
      public void count(String name, long delta) {}
    };
    for (String line : lines) {
      mapper.map(line, out);
    }
    assertThat(counts).as("nothing before flush").isEmpty();
    mapper.flush(out);
    return counts;
  }

  @Test
  void map_edgeCases_followTheWordRule() {
    assertThat(words("")).isEmpty();
    assertThat(words("  ,.;  ")).isEmpty();
    assertThat(words("Hello, World!")).containsExactly("hello", "world");
    assertThat(words("don't stop")).containsExactly("don", "t", "stop");
    assertThat(words("R2D2 and C-3PO")).containsExactly("r2d2", "and", "c", "3po");
    assertThat(words("\uFEFFThe end")).containsExactly("the", "end");
    assertThat(words("über\u00A0Straße\u3000日本語")).containsExactly("über", "straße", "日本語");
    assertThat(words("»Gregor«")).containsExactly("gregor");
    assertThat(words("𝔘𝔫𝔦 x")).containsExactly("𝔘𝔫𝔦".toLowerCase(java.util.Locale.ROOT), "x");
    assertThat(words("😀smile😀")).containsExactly("smile");
    assertThat(words("İSTANBUL")).containsExactly("İSTANBUL".toLowerCase(java.util.Locale.ROOT));
    assertThat(words("tab\tsep\r")).containsExactly("tab", "sep");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "The quick brown fox — jumps over 13 lazy dogs.",
      "Ünïcödé ﬁ ligature, ΑΒΓ αβγ, кириллица; ١٢٣ (Arabic-Indic digits)",
      "\uD835\uDD18 lone surrogate \uD800 here"})
  void map_anyLine_equalsRegexReference(String line) {
    HashMap<String, Long> expected = new HashMap<>();
    NaiveWordCount.countText(line, expected);
    HashMap<String, Long> actual = new HashMap<>();
    words(line).forEach(w -> actual.merge(w, 1L, Long::sum));
    assertThat(actual).isEqualTo(expected);
    assertThat(counted(List.of(line, line.toUpperCase(java.util.Locale.ROOT), line)))
        .isEqualTo(NaiveWordCount.countText(line + "\n" + line.toUpperCase(java.util.Locale.ROOT)
            + "\n" + line, new HashMap<>()));
  }

  @Property(tries = 200, seed = "11")
  void flush_randomLines_countsEqualRegexReference(
      @ForAll @Size(max = 40) List<@StringLength(max = 30) @Chars({'a', 'B', 'z', 'Z', ' ', '-',
          'é', 'K', '\u212A', 'İ', '1'}) String> lines) {
    HashMap<String, Long> expected = new HashMap<>();
    lines.forEach(l -> NaiveWordCount.countText(l, expected));
    assertThat(counted(lines)).isEqualTo(expected);
  }

  @Test
  void flush_manyDistinctWords_growsAndKeepsEveryCount() {
    List<String> lines = new ArrayList<>();
    HashMap<String, Long> expected = new HashMap<>();
    for (int i = 0; i < 100_000; i++) {
      String line = "W" + i + " w" + (i % 1000) + " Ω" + (i % 7);
      lines.add(line);
      NaiveWordCount.countText(line, expected);
    }
    assertThat(counted(lines)).isEqualTo(expected);
  }

  @Test
  void flush_betweenChunksOfATask_countsAddUpToTheWholeText() {
    Random random = new Random(18);
    String[] vocabulary = new String[5_000];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = switch (i % 4) {
        case 0 -> "w" + i;
        case 1 -> "Long" + "x".repeat(i % 13) + i;
        case 2 -> "ü" + i;
        default -> "K" + (i % 50);
      };
    }
    List<String> lines = new ArrayList<>();
    HashMap<String, Long> expected = new HashMap<>();
    for (int l = 0; l < 3_000; l++) {
      StringBuilder line = new StringBuilder();
      for (int w = random.nextInt(12); w > 0; w--) {
        line.append(vocabulary[random.nextInt(vocabulary.length)]).append(", ");
      }
      lines.add(line.toString());
      words(line.toString()).forEach(word -> expected.merge(word, 1L, Long::sum));
    }
    HashMap<String, Long> summed = new HashMap<>();
    long[] wordsCounted = new long[1];
    Emitter<String, Long> out = new Emitter<>() {
      @Override
      public void emit(String key, Long value) {
        summed.merge(key, value, Long::sum);
      }

      @Override
      public void count(String name, long delta) {
        wordsCounted[0] += name.equals(WordCountMapper.WORDS) ? delta : 0;
      }
    };
    WordCountMapper mapper = new WordCountMapper();
    int flushes = 0;
    for (int from = 0; from < lines.size(); flushes++) {
      int to = Math.min(lines.size(), from + 1 + random.nextInt(400));
      for (String line : lines.subList(from, to)) {
        mapper.map(line, out);
      }
      from = to;
      mapper.flush(out);
      assertThat(mapper.heldBytes()).as("after flush").isZero();
    }
    assertThat(flushes).isGreaterThan(5);
    assertThat(summed).isEqualTo(expected);
    assertThat(wordsCounted[0]).isEqualTo(expected.values().stream().mapToLong(v -> v).sum());
  }

  @Test
  void heldBytes_moreDistinctWords_grows() {
    WordCountMapper mapper = new WordCountMapper();
    assertThat(mapper.heldBytes()).as("before any record").isZero();
    Emitter<String, Long> none = new Emitter<>() {
      @Override
      public void emit(String key, Long value) {}

      @Override
      public void count(String name, long delta) {}
    };
    mapper.map("a", none);
    long last = mapper.heldBytes();
    assertThat(last).isPositive();
    for (String kind : List.of("w", "longerthaneight", "ß")) {
      for (int i = 0; i < 50_000; i++) {
        mapper.map(kind + i, none);
      }
      assertThat(mapper.heldBytes()).as("after 50,000 distinct '%s' words", kind)
          .isGreaterThan(last);
      last = mapper.heldBytes();
      for (int i = 0; i < 50_000; i++) {
        mapper.map(kind + i, none);
      }
      assertThat(mapper.heldBytes()).as("the same words again").isEqualTo(last);
    }
    assertThat(last).as("150,000 words of up to 20 chars").isGreaterThan(150_000L * 16);
    mapper.flush(none);
    assertThat(mapper.heldBytes()).isZero();
  }

  @Test
  void reducer_longSum_obeysTheLaws() {
    ReducerTester.of((Reducer<Long>) Long::sum).check(List.of(1L, 5L, 7L, 1L, 100L, 3L));
  }
}
