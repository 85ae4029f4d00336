package org.forkreduce.spi;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A map-only task's emitter: keeps the pairs of one split in emitted order. */
final class CollectingEmitter<K, V> extends TaskEmitter<K, V> {
  private final List<Map.Entry<K, V>> pairs = new ArrayList<>();

  CollectingEmitter(CounterSet counters) {
    super(counters);
  }

  @Override
  void accept(K key, V value) {
    pairs.add(new SimpleImmutableEntry<>(key, value));
  }

  List<Map.Entry<K, V>> pairs() {
    return pairs;
  }
}
