package org.forkreduce.examples.wordcount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The independent reference: whole files decoded at once, words found by a regular expression
 * (letters are \p{L}, digits \p{Nd}, exactly Character.isLetterOrDigit), one thread, a HashMap.
 */
final class NaiveWordCount {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{Nd}]+");

  private NaiveWordCount() {}

  static Map<String, Long> count(List<Path> files) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (Path f : files) {
      countText(new String(Files.readAllBytes(f), StandardCharsets.UTF_8), counts);
    }
    return counts;
  }

  static Map<String, Long> countText(String text, Map<String, Long> counts) {
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      counts.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
    }
    return counts;
  }
}
