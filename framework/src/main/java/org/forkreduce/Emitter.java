package org.forkreduce;

/**
 * Receives a mapper's output. Not thread-safe: it belongs to the task that passed it in.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Emitter<K, V> {

  /**
   * Emits one pair. In a job with a reducer the pair is combined at once into the task's partial
   * result (in-mapper combining), so the emitter may keep {@code key} and {@code value}: do not
   * mutate either after emitting it.
   */
  void emit(K key, V value);

  /** Adds {@code delta} to the user counter {@code name}; counters are summed across workers. */
  void count(String name, long delta);
}
