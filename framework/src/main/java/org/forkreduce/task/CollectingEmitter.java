package org.forkreduce.task;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.forkreduce.stats.CounterSet;

/** A map-only task's emitter: keeps the pairs of one split in emitted order. */
public final class CollectingEmitter<K, V> extends TaskEmitter<K, V> {
  private final List<Map.Entry<K, V>> pairs = new ArrayList<>();

  public CollectingEmitter(CounterSet counters) {
    super(counters);
  }

  @Override
  void accept(K key, V value) {
    pairs.add(new SimpleImmutableEntry<>(key, value));
  }

  public List<Map.Entry<K, V>> pairs() {
    return pairs;
  }
}
