package org.forkreduce.spi;

import java.util.HashMap;
import java.util.function.BiFunction;
import org.forkreduce.Reducer;
import org.forkreduce.internal.reduce.Partials;
import org.forkreduce.internal.spill.EntrySizer;

/**
 * In-mapper combining: every emitted pair is merged at once into one worker-local map, so a
 * worker holds one partial per job instead of a stream of pairs.
 *
 * <p>With a {@link Spiller}, the partial is sized every {@value #EMITS_PER_CHECK} emits and,
 * when its estimate passes the budget, written out as a spill run and replaced by an empty map;
 * the runs and the partial then hold everything emitted, each key's values combined within each.
 * Without one, emitting costs one null check more than a plain {@code HashMap.merge}.
 */
final class CombiningEmitter<K, V> extends TaskEmitter<K, V> {
  static final int EMITS_PER_CHECK = 1024;
  private static final int INITIAL_CAPACITY = 1 << 12;

  private final BiFunction<V, V, V> merge;
  private final Spiller spiller;
  private final EntrySizer sizer = new EntrySizer();
  private HashMap<K, V> partial = new HashMap<>(INITIAL_CAPACITY);
  private int emitsToCheck = EMITS_PER_CHECK;
  /** The record loop's countdown to its next budget check, kept from one split to the next. */
  int recordsToCheck = MapTask.RECORDS_PER_CHECK;

  /** @param spiller where the partial spills when over its budget; null: it never spills */
  CombiningEmitter(Reducer<V> reducer, CounterSet counters, Spiller spiller) {
    super(counters);
    this.merge = Partials.checked(reducer);
    this.spiller = spiller;
  }

  @Override
  void accept(K key, V value) {
    if (spiller == null) {
      partial.merge(key, value, merge);
    } else {
      acceptSpilling(key, value);
    }
  }

  /** Apart, so that {@link #accept} stays small enough to be inlined into the mapper's loop. */
  private void acceptSpilling(K key, V value) {
    int size = partial.size();
    partial.merge(key, value, merge);
    if (partial.size() != size) {
      sizer.added(key, value);
    }
    if (--emitsToCheck == 0) {
      emitsToCheck = EMITS_PER_CHECK;
      long bytes = sizer.estimate(partial);
      if (bytes > spiller.budget()) {
        spill(bytes);
      }
    }
  }

  /** Whether the partial spills; if not, {@link #spill} must not be called. */
  boolean spills() {
    return spiller != null;
  }

  /** The spiller's budget for the partial and the mapper's table together. */
  long budget() {
    return spiller.budget();
  }

  /**
   * The partial's estimated heap bytes. Cheap when it spills; otherwise the sizer was never told
   * of the keys and sums the entries one by one.
   */
  long bytes() {
    return sizer.estimate(partial);
  }

  /**
   * Writes the partial as a spill run, if it holds anything, and goes on with an empty one.
   *
   * @throws Spiller.Failed if the run could not be written; the partial is kept
   */
  void spill() {
    if (!partial.isEmpty()) {
      spill(sizer.estimate(partial));
    }
  }

  private void spill(long bytes) {
    spiller.write(partial, bytes, counters);
    partial = new HashMap<>(INITIAL_CAPACITY);
    sizer.reset();
  }

  /** The combined partial; owned by the caller once the tasks are done. */
  HashMap<K, V> partial() {
    return partial;
  }
}
