package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Keys pack their values losslessly and survive Kryo, in a partial file and one by one. */
class GroupKeyTest {
  @TempDir
  Path dir;

  /** Repeated, empty, multi-byte and long values; many keys share each value. */
  private static List<GroupKey> keys(int n) {
    Random random = new Random(7);
    List<GroupKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(new GroupKey(new String[] {"id" + random.nextInt(100),
          Integer.toString(random.nextInt(50_000)), random.nextInt(10) == 0 ? "" : "é😀" + i % 7,
          random.nextInt(20) == 0 ? "x".repeat(200 + random.nextInt(200)) : "x"}));
    }
    return keys;
  }

  @Test
  void get_everyValue_asPacked() {
    String[] values = {"", "id001", "é😀", "x".repeat(254), "y".repeat(255), "z".repeat(70_000)};
    GroupKey key = new GroupKey(values.clone());
    assertThat(key.size()).isEqualTo(values.length);
    for (int i = 0; i < values.length; i++) {
      assertThat(key.get(i)).isEqualTo(values[i]);
    }
    assertThat(key).isEqualTo(new GroupKey(values.clone()))
        .isNotEqualTo(new GroupKey(new String[] {"", "id001", "é😀", "x".repeat(254),
            "y".repeat(255), "z".repeat(69_999)}));
    // the same characters split differently between values are a different key
    assertThat(new GroupKey(new String[] {"ab", "c"}))
        .isNotEqualTo(new GroupKey(new String[] {"a", "bc"}));
  }

  @Test
  void decode_typedValues_asParsedFromText() {
    String[] values = {"", "-0", "+5", "9223372036854775807", "-9223372036854775808", "12",
        "1.5e3", "é😀", "y".repeat(300)};
    ColumnType[] types = {ColumnType.LONG, ColumnType.LONG, ColumnType.LONG, ColumnType.LONG,
        ColumnType.LONG, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.STRING,
        ColumnType.STRING};
    Object[] cells = new Object[values.length];
    new GroupKey(values).decode(cells, types, new StringCache(16));
    assertThat(cells).containsExactly(null, 0L, 5L, Long.MAX_VALUE, Long.MIN_VALUE, 12.0, 1500.0,
        "é😀", "y".repeat(300));
  }

  @Test
  void decode_longColumnHoldingText_failsAsParseLong() {
    GroupKey key = new GroupKey(new String[] {"12a"});
    assertThatThrownBy(() -> key.decode(new Object[1], new ColumnType[] {ColumnType.LONG},
        new StringCache(16))).isInstanceOf(NumberFormatException.class).hasMessageContaining("12a");
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
