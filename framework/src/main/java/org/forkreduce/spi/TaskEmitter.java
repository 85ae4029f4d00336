package org.forkreduce.spi;

import org.forkreduce.Emitter;

/** The emitters' shared part: null checks, user counters and the emitted-pairs count. */
abstract class TaskEmitter<K, V> implements Emitter<K, V> {
  final CounterSet counters;
  long emitted;

  TaskEmitter(CounterSet counters) {
    this.counters = counters;
  }

  @Override
  public final void emit(K key, V value) {
    if (key == null || value == null) {
      throw new NullPointerException("a mapper emitted a null " + (key == null ? "key" : "value")
          + (key == null ? "" : " for key " + key)
          + "; keys and values must be non-null (emit a sentinel such as \"\" or 0 instead)");
    }
    emitted++;
    accept(key, value);
  }

  abstract void accept(K key, V value);

  @Override
  public final void count(String name, long delta) {
    counters.add(name, delta);
  }
}
