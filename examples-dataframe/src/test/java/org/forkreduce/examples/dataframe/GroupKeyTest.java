package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forkreduce.serde.PartialFiles;
import org.forkreduce.serde.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys survive their Kryo serializer, in a partial file and one object at a time. */
class GroupKeyTest {
  @TempDir
  Path dir;

  /** Repeated, colliding, empty and null values; many keys share each value. */
  private static List<GroupKey> keys(int n) {
    Random random = new Random(7);
    List<GroupKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(new GroupKey(new String[] {"id" + random.nextInt(100),
          Integer.toString(random.nextInt(50_000)), random.nextInt(10) == 0 ? "" : "é" + i % 7,
          random.nextInt(20) == 0 ? null : "x"}));
    }
    return keys;
  }

  @Test
  void partialFile_manyKeysOneGraph_readBackEqual() throws IOException {
    Map<GroupKey, Long> map = new HashMap<>();
    keys(200_000).forEach(k -> map.merge(k, 1L, Long::sum));
    Path file = dir.resolve("p");
    PartialFiles.write(map, List.of(file));
    Map<GroupKey, Long> back = new HashMap<>();
    PartialFiles.readInto(file, back, Long::sum);
    assertThat(back).isEqualTo(map);
  }

  @Test
  void toBytes_oneObjectPerGraph_readBackEqual() {
    for (GroupKey key : keys(2_000)) {
      assertThat((GroupKey) Serde.fromBytes(Serde.toBytes(key))).isEqualTo(key);
    }
    Object[] many = keys(5_000).toArray();
    assertThat((Object[]) Serde.fromBytes(Serde.toBytes(many))).containsExactly(many);
  }
}
