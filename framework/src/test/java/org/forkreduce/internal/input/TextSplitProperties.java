package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.forkreduce.Inputs;
import org.forkreduce.LineReference;

class TextSplitProperties {

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece = Arbitraries.of(
        "a", "Z", "7", " ", "é", "€", "😀", "日", "\u00A0", "\r", "\n", "\r\n", "\n\n", "word");
    Arbitrary<String> body = piece.list().ofMaxSize(60).map(l -> String.join("", l));
    return Arbitraries.oneOf(body, body.map(s -> "\uFEFF" + s));
  }

  @Property(tries = 300, seed = "20261125")
  void splits_randomTextAndSplitSize_equalSequentialRead(
      @ForAll("texts") String text, @ForAll @LongRange(min = 1, max = 80) long splitSize)
      throws IOException {
    byte[] bytes = text.getBytes(UTF_8);
    Path dir = Files.createTempDirectory("fr-prop");
    try {
      Path file = SplitReading.write(dir, "t.txt", bytes);
      SplitReading.Read read = SplitReading.readAll(Inputs.textLines(file), splitSize);
      List<String> expected = LineReference.lines(bytes);
      assertThat(read.records()).isEqualTo(expected);
      assertThat(read.bytes()).isEqualTo(bytes.length);
    } finally {
      Files.deleteIfExists(dir.resolve("t.txt"));
      Files.delete(dir);
    }
  }
}
