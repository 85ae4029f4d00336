package org.forkreduce.internal.reduce;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.forkreduce.Reducer;

/** Merging in-memory partial results (key to value maps). */
public final class Partials {
  private Partials() {}

  /**
   * Merges the group into its largest map, which is returned; the others are left unchanged
   * except that their values may now be shared with the result.
   */
  public static <K, V> Map<K, V> merge(List<Map<K, V>> group, Reducer<V> reducer) {
    Map<K, V> target = group.get(0);
    for (Map<K, V> m : group) {
      if (m.size() > target.size()) {
        target = m;
      }
    }
    for (Map<K, V> m : group) {
      if (m != target) {
        mergeInto(target, m, reducer);
      }
    }
    return target;
  }

  /** Merges every entry of {@code source} into {@code target} with the reducer. */
  public static <K, V> void mergeInto(Map<K, V> target, Map<K, V> source, Reducer<V> reducer) {
    BiFunction<V, V, V> merge = checked(reducer);
    for (Map.Entry<K, V> e : source.entrySet()) {
      target.merge(e.getKey(), e.getValue(), merge);
    }
  }

  /**
   * The reducer as a merge function that refuses a null result: {@link Map#merge} would
   * otherwise drop the key without a word.
   */
  public static <V> BiFunction<V, V, V> checked(Reducer<V> reducer) {
    return (left, right) -> {
      V merged = reducer.reduce(left, right);
      if (merged == null) {
        throw new NullPointerException("reducer " + reducer.getClass().getName()
            + " returned null; a reducer must always return a value");
      }
      return merged;
    };
  }
}
