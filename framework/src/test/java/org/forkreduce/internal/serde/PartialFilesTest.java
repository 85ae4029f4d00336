package org.forkreduce.internal.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partial files read back what was written, and any change to their bytes is caught. */
class PartialFilesTest {
  @TempDir Path dir;

  private Path written(Map<String, Long> map) throws IOException {
    Path file = dir.resolve("partial-0");
    PartialFiles.write(map, List.of(file));
    return file;
  }

  private static Map<String, Long> sample() {
    Map<String, Long> map = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      map.put("key" + i, (long) i * 7);
    }
    return map;
  }

  @Test
  void readInto_unchanged_sameMapAndCount() throws IOException {
    Path file = written(sample());
    Map<String, Long> back = new HashMap<>();
    PartialFiles.readInto(file, back, Long::sum);
    assertThat(back).isEqualTo(sample());
    assertThat(PartialFiles.count(file)).isEqualTo(500);
  }

  @Test
  void readInto_anyByteFlipped_failsNamingTheFile() throws IOException {
    Path file = written(sample());
    byte[] good = Files.readAllBytes(file);
    Random random = new Random(19);
    for (int trial = 0; trial < 50; trial++) {
      byte[] bad = good.clone();
      bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
      Files.write(file, bad);
      assertThatThrownBy(() -> PartialFiles.readInto(file, new HashMap<String, Long>(), Long::sum))
          .isInstanceOf(IOException.class).hasMessageContaining(file.toString())
          .hasMessageContaining("corrupt");
    }
  }

  @Test
  void readInto_truncatedOrExtended_fails() throws IOException {
    Path file = written(sample());
    byte[] good = Files.readAllBytes(file);
    for (int length : new int[] {0, 3, 8, good.length / 2, good.length - 1, good.length + 1}) {
      byte[] bad = java.util.Arrays.copyOf(good, length);
      Files.write(file, bad);
      assertThatThrownBy(() -> PartialFiles.readInto(file, new HashMap<String, Long>(), Long::sum))
          .as("length %d", length).isInstanceOf(IOException.class)
          .hasMessageContaining(file.toString());
    }
  }

  @Test
  void write_oneEntry_pinnedBytes() throws IOException {
    Path file = written(Map.of("a", 1L));
    // "a": class String (3), length 1 + 1 with Kryo's flag (0x82), 'a'; 1L: class Long (9),
    // zigzag varint 2; then the count, the CRC-32C of all that (computed by hand), the magic
    assertThat(HexFormat.of().formatHex(Files.readAllBytes(file)))
        .isEqualTo("0382610902" + "0000000000000001" + "8b08423c" + "46524532");
  }

  @Test
  void entries_writtenOneByOne_sameEntriesInOrder() throws IOException {
    Path file = dir.resolve("streamed");
    List<Map.Entry<String, Long>> expected = new ArrayList<>();
    try (PartialFiles.Writer out = new PartialFiles.Writer(file, 64)) {
      for (int i = 0; i < 1000; i++) {
        String key = "k" + (i * 7919 % 1000);
        out.append(key, (long) i);
        expected.add(new SimpleImmutableEntry<>(key, (long) i));
      }
      assertThat(out.count()).isEqualTo(1000);
      out.finish();
    }
    try (Stream<Map.Entry<String, Long>> entries = PartialFiles.entries(file)) {
      assertThat(entries.toList()).isEqualTo(expected);
    }
    assertThat(PartialFiles.count(file)).isEqualTo(1000);
  }

  @Test
  void entries_emptyFile_noEntries() throws IOException {
    Path file = written(Map.of());
    try (Stream<Map.Entry<String, Long>> entries = PartialFiles.entries(file)) {
      assertThat(entries).isEmpty();
    }
    assertThat(PartialFiles.count(file)).isZero();
  }

  @Test
  void entries_anyByteFlippedOrLengthChanged_failsNamingTheFileBeforeAnyEntry()
      throws IOException {
    Path file = written(sample());
    byte[] good = Files.readAllBytes(file);
    Random random = new Random(23);
    List<byte[]> bad = new ArrayList<>();
    for (int trial = 0; trial < 30; trial++) {
      byte[] flipped = good.clone();
      flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
      bad.add(flipped);
    }
    for (int length : new int[] {0, 7, 16, good.length / 2, good.length - 1, good.length + 1}) {
      bad.add(java.util.Arrays.copyOf(good, length));
    }
    for (byte[] bytes : bad) {
      Files.write(file, bytes);
      // entries() itself throws: no stream, so no entry, is ever handed out
      assertThatThrownBy(() -> PartialFiles.entries(file).close())
          .isInstanceOf(IOException.class).hasMessageContaining(file.toString())
          .hasMessageContaining("corrupt");
    }
  }

  @Test
  void writer_closedWithoutFinish_leavesNoFile() throws IOException {
    Path file = dir.resolve("unfinished");
    try (PartialFiles.Writer out = new PartialFiles.Writer(file, 64)) {
      out.append("a", 1L);
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void writer_fullDisk_failsNamingTheFileAndTheSpace() {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "no /dev/full here");
    assertThatThrownBy(() -> {
      try (PartialFiles.Writer out = new PartialFiles.Writer(full, 64)) {
        for (int i = 0; i < 100; i++) {
          out.append("key" + i, (long) i);
        }
        out.finish();
      }
    }).isInstanceOf(IOException.class).hasMessageContaining("/dev/full")
        .hasMessageContaining("No space left on device").hasMessageContaining("bytes free");
  }
}
