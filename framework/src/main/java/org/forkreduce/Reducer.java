package org.forkreduce;

import java.io.Serializable;

/**
 * Merges two values of the same key into one.
 *
 * <p>The laws a reducer must obey, because the framework combines values in whatever grouping and
 * order the splits, workers and tree reduction happen to produce:
 *
 * <ul>
 *   <li><b>associative</b>: {@code reduce(reduce(a, b), c)} equals {@code reduce(a, reduce(b, c))};
 *   <li><b>commutative</b>: {@code reduce(a, b)} equals {@code reduce(b, a)};
 *   <li><b>total</b>: never returns {@code null}.
 * </ul>
 *
 * <p>A reducer may mutate {@code left} and return it (a mutable accumulator avoids an allocation per
 * merge); it must not mutate {@code right}, keep a reference to it, or return it after mutating
 * {@code left}. Check a reducer with {@link org.forkreduce.testing.ReducerTester}.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface Reducer<V> extends Serializable {

  /** Returns the merge of two values for one key; may be {@code left}, mutated. */
  V reduce(V left, V right);
}
