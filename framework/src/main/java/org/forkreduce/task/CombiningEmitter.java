package org.forkreduce.task;

import java.util.HashMap;
import java.util.function.BiFunction;
import org.forkreduce.Reducer;
import org.forkreduce.reduce.Partials;
import org.forkreduce.stats.CounterSet;

/**
 * In-mapper combining: every emitted pair is merged at once into one worker-local map, so a
 * worker holds one partial per job instead of a stream of pairs.
 */
public final class CombiningEmitter<K, V> extends TaskEmitter<K, V> {
  private final HashMap<K, V> partial = new HashMap<>(1 << 12);
  private final BiFunction<V, V, V> merge;

  public CombiningEmitter(Reducer<V> reducer, CounterSet counters) {
    super(counters);
    this.merge = Partials.checked(reducer);
  }

  @Override
  void accept(K key, V value) {
    partial.merge(key, value, merge);
  }

  /** The combined partial; owned by the caller once the tasks are done. */
  public HashMap<K, V> partial() {
    return partial;
  }
}
