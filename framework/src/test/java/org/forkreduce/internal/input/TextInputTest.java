package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.forkreduce.InputException;
import org.forkreduce.Inputs;
import org.forkreduce.LineReference;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextInputTest {
  @TempDir Path dir;

  static Stream<String> edgeTexts() {
    return Stream.of(
        "",
        "\n",
        "\n\n\n",
        "one line without newline",
        "a\nb\nc\n",
        "a\r\nb\r\n\r\nc",
        "\uFEFFbom first\r\nsecond\n",
        "\uFEFF",
        "lone\rcarriage\rreturns\n",
        "multi-byte é € 😀 across\nboundaries ß日本語\n😀😀😀😀\n",
        "trailing empty lines\n\n",
        "x\r\n");
  }

  @ParameterizedTest
  @MethodSource("edgeTexts")
  void splits_everySplitSize_readEachLineOnceInOrder(String text) throws IOException {
    byte[] bytes = text.getBytes(UTF_8);
    Path file = SplitReading.write(dir, "t.txt", bytes);
    List<String> expected = LineReference.lines(bytes);
    for (long size = 1; size <= bytes.length + 1; size++) {
      SplitReading.Read read = SplitReading.readAll(Inputs.textLines(file), size);
      assertThat(read.records()).as("split size %d", size).isEqualTo(expected);
      assertThat(read.bytes()).as("bytes consumed at split size %d", size)
          .isEqualTo(bytes.length);
    }
  }

  @Test
  void sample_textLines_firstSplitsCoveringTheBytes() throws IOException {
    Path file = SplitReading.write(dir, "t.txt", "0123456789\n".repeat(10).getBytes(UTF_8));
    List<Split> sample = Inputs.textLines(file).sample(25);
    assertThat(sample).extracting(Split::start, Split::length)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 25L));
  }

  @Test
  void open_invalidUtf8_decodesWithReplacementCharacters() throws IOException {
    byte[] bytes = {'a', (byte) 0xC3, '\n', (byte) 0xFF, (byte) 0xFE, 'b', '\n'};
    Path file = SplitReading.write(dir, "bad.txt", bytes);
    for (long size = 1; size <= bytes.length; size++) {
      assertThat(SplitReading.readAll(Inputs.textLines(file), size).records())
          .containsExactly("a\uFFFD", "\uFFFD\uFFFDb");
    }
  }

  @Test
  void splits_gzipFile_isOneSplitReadWhole() throws IOException {
    String text = "\uFEFFgz line 1\r\nline 2\nlast";
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(text.getBytes(UTF_8));
    }
    Path file = SplitReading.write(dir, "t.txt.gz", buf.toByteArray());
    var input = Inputs.textLines(file);
    assertThat(input.splits(new SplitPolicy(3, 1))).hasSize(1);
    assertThat(SplitReading.readAll(input, 3).records())
        .containsExactly("gz line 1", "line 2", "last");
  }

  @Test
  void splits_directory_recursesInNameOrderSkippingHiddenAndUnderscored() throws IOException {
    Files.createDirectories(dir.resolve("b/sub"));
    Files.createDirectories(dir.resolve("_logs"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("a.txt"), "a\n");
    Files.writeString(dir.resolve("b/sub/c.txt"), "c\n");
    Files.writeString(dir.resolve("b/b.txt"), "b\n");
    Files.writeString(dir.resolve("_SUCCESS"), "no\n");
    Files.writeString(dir.resolve(".hidden"), "no\n");
    Files.writeString(dir.resolve("_logs/x.txt"), "no\n");
    Files.writeString(dir.resolve(".git/y.txt"), "no\n");
    Files.writeString(dir.resolve("empty.txt"), "");
    assertThat(SplitReading.readAll(Inputs.textLines(dir), 100).records())
        .containsExactly("a", "b", "c");
  }

  @Test
  void textLines_missingPath_failsNamingIt() {
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> Inputs.textLines(missing))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("nope.txt");
  }

  @Test
  void describePosition_givesLineNumber() throws IOException {
    Path file = SplitReading.write(dir, "p.txt", "a\nbb\nccc\n".getBytes(UTF_8));
    var input = Inputs.textLines(file);
    Split split = input.splits(new SplitPolicy(4, 1)).get(1);
    assertThat(input.describePosition(split, 5)).isEqualTo("line 3 (byte offset 5)");
  }

  @Test
  void open_fileDeletedAfterPlanning_failsNamingIt() throws IOException {
    Path file = SplitReading.write(dir, "gone.txt", "a\nb\n".getBytes(UTF_8));
    Split split = Inputs.textLines(file).splits(new SplitPolicy(2, 1)).get(1);
    Files.delete(file);
    assertThatThrownBy(() -> InputFiles.open(split, split.start()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("disappeared during the job")
        .hasMessageContaining(file.toString());
  }

  @Test
  void open_fileShrankAfterPlanning_failsNamingIt() throws IOException {
    Path file = SplitReading.write(dir, "short.txt", "a\nb\n".getBytes(UTF_8));
    Split split = Inputs.textLines(file).splits(new SplitPolicy(2, 1)).get(1);
    Files.write(file, "a\n".getBytes(UTF_8));
    assertThatThrownBy(() -> InputFiles.open(split, split.start()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("shrank during the job")
        .hasMessageContaining("was 4 bytes");
  }
}
