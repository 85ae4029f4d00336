package org.forkreduce.internal.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
}
