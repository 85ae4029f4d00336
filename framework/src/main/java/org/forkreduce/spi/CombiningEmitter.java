package org.forkreduce.spi;

import java.util.HashMap;
import java.util.function.BiFunction;
import org.forkreduce.Reducer;
import org.forkreduce.internal.reduce.Partials;

/**
 * In-mapper combining: every emitted pair is merged at once into one worker-local map, so a
 * worker holds one partial per job instead of a stream of pairs.
 */
final class CombiningEmitter<K, V> extends TaskEmitter<K, V> {
  private final HashMap<K, V> partial = new HashMap<>(1 << 12);
  private final BiFunction<V, V, V> merge;

  CombiningEmitter(Reducer<V> reducer, CounterSet counters) {
    super(counters);
    this.merge = Partials.checked(reducer);
  }

  @Override
  void accept(K key, V value) {
    partial.merge(key, value, merge);
  }

  /** The combined partial; owned by the caller once the tasks are done. */
  HashMap<K, V> partial() {
    return partial;
  }
}
