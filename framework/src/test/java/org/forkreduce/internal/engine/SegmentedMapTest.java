package org.forkreduce.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.forkreduce.internal.serde.PartialFiles;
import org.junit.jupiter.api.Test;

/** The segmented result against one HashMap of the same entries. */
class SegmentedMapTest {

  @Test
  void segmentedMap_keysSplitAsPartialFilesDo_equalsOneMap() {
    for (int segments : new int[] {1, 2, 3, 8}) {
      Map<String, Integer> all = new HashMap<>();
      List<Map<String, Integer>> parts = new ArrayList<>();
      for (int s = 0; s < segments; s++) {
        parts.add(new HashMap<>());
      }
      for (int i = 0; i < 10_000; i++) {
        String key = "k" + i * 7919;
        all.put(key, i);
        parts.get(PartialFiles.segmentOf(key, segments)).put(key, i);
      }
      parts.get(0).clear(); // an empty segment, as a worker with no keys for it leaves
      all.keySet().removeIf(k -> PartialFiles.segmentOf(k, segments) == 0);
      SegmentedMap<String, Integer> map = new SegmentedMap<>(parts);
      assertThat(map).hasSize(all.size()).isEqualTo(all);
      assertThat(map.entrySet()).containsExactlyInAnyOrderElementsOf(all.entrySet());
      all.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
      assertThat(map.get("absent")).isNull();
      assertThat(map.containsKey("absent")).isFalse();
      assertThat(map.hashCode()).isEqualTo(all.hashCode());
    }
  }
}
