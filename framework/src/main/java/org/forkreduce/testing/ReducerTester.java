package org.forkreduce.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiPredicate;
import org.forkreduce.Reducer;
import org.forkreduce.internal.reduce.TreeReduction;
import org.forkreduce.internal.serde.Serde;

/**
 * Checks that a {@link Reducer} gives the same answer whatever the sharding, fan-in and merge
 * order, as the framework may combine values in any of them (in the spirit of Beam's
 * CombineFnTester). Values are deep-copied (by a Kryo round trip) before every trial, so a
 * reducer that mutates its left argument is tested fairly.
 *
 * <pre>{@code
 * ReducerTester.of((Reducer<Long>) Long::sum).check(List.of(1L, 2L, 3L));
 * }</pre>
 *
 * @param <V> the value type
 */
public final class ReducerTester<V> {
  private final Reducer<V> reducer;
  private final BiPredicate<V, V> equivalence;
  private final int trials;
  private final long seed;

  private ReducerTester(Reducer<V> reducer, BiPredicate<V, V> equivalence, int trials,
      long seed) {
    this.reducer = reducer;
    this.equivalence = equivalence;
    this.trials = trials;
    this.seed = seed;
  }

  /** A tester comparing results with {@code equals}, 200 trials, seed 42. */
  public static <V> ReducerTester<V> of(Reducer<V> reducer) {
    return new ReducerTester<>(Objects.requireNonNull(reducer, "reducer"), Objects::equals, 200,
        42);
  }

  /** Compares results with {@code equivalence} instead (for doubles: within a tolerance). */
  public ReducerTester<V> withEquivalence(BiPredicate<V, V> equivalence) {
    return new ReducerTester<>(reducer, Objects.requireNonNull(equivalence), trials, seed);
  }

  /** How many random shardings to try. */
  public ReducerTester<V> withTrials(int trials) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be at least 1, got " + trials);
    }
    return new ReducerTester<>(reducer, equivalence, trials, seed);
  }

  /** The seed of the random shardings, so that a failure can be replayed. */
  public ReducerTester<V> withSeed(long seed) {
    return new ReducerTester<>(reducer, equivalence, trials, seed);
  }

  /**
   * Checks the reducer over {@code values}: every trial shuffles them, cuts them into random
   * shards, folds each shard left to right, and tree-reduces the shard results with a random
   * fan-in; each outcome must be equivalent to the plain left fold in the given order.
   *
   * @throws AssertionError describing the first sharding that disagreed
   */
  public void check(List<V> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("give at least one value to check the reducer with");
    }
    byte[] frozen = Serde.toBytes(new ArrayList<>(values));
    V expected = fold(thaw(frozen));
    checkCommutative(frozen);
    Random random = new Random(seed);
    for (int t = 0; t < trials; t++) {
      List<V> shuffled = thaw(frozen);
      Collections.shuffle(shuffled, random);
      List<List<V>> shards = shard(shuffled, random);
      String shape = shards.toString(); // before folding, which may mutate the values
      int fanIn = 2 + random.nextInt(4);
      V actual = treeReduce(shards, fanIn);
      if (!equivalence.test(expected, actual)) {
        throw new AssertionError("reducer " + reducer.getClass().getName() + " is not"
            + " associative and commutative: the sequential fold of " + values + " gives "
            + expected + ", but the shards " + shape + " (fan-in " + fanIn + ", seed " + seed
            + ", trial " + t + ") give " + actual);
      }
    }
  }

  private void checkCommutative(byte[] frozen) {
    int n = thaw(frozen).size();
    for (int i = 0; i + 1 < n; i++) {
      List<V> a = thaw(frozen);
      List<V> b = thaw(frozen);
      V ab = reducer.reduce(a.get(i), a.get(i + 1));
      V ba = reducer.reduce(b.get(i + 1), b.get(i));
      if (!equivalence.test(ab, ba)) {
        throw new AssertionError("reducer " + reducer.getClass().getName()
            + " is not commutative: reduce(" + thaw(frozen).get(i) + ", "
            + thaw(frozen).get(i + 1) + ") = " + ab + " but the other order gives " + ba);
      }
    }
  }

  private List<List<V>> shard(List<V> values, Random random) {
    int shards = 1 + random.nextInt(values.size());
    int[] cuts = random.ints(shards - 1, 1, Math.max(2, values.size())).sorted().toArray();
    List<List<V>> result = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      if (cut > from) {
        result.add(values.subList(from, cut));
        from = cut;
      }
    }
    result.add(values.subList(from, values.size()));
    return result;
  }

  private V treeReduce(List<List<V>> shards, int fanIn) {
    List<V> partials = new ArrayList<>();
    for (List<V> shard : shards) {
      partials.add(fold(shard));
    }
    try {
      return TreeReduction.reduce(partials, fanIn, this::fold, null,
          TreeReduction.RoundRunner.SEQUENTIAL);
    } catch (Exception e) {
      throw new AssertionError("reducer threw " + e, e);
    }
  }

  private V fold(List<V> values) {
    V acc = values.get(0);
    for (V v : values.subList(1, values.size())) {
      acc = reducer.reduce(acc, v);
      if (acc == null) {
        throw new AssertionError("reducer " + reducer.getClass().getName() + " returned null");
      }
    }
    return acc;
  }

  private List<V> thaw(byte[] frozen) {
    return Serde.fromBytes(frozen);
  }

  @Override
  public String toString() {
    return "ReducerTester" + Arrays.asList(reducer, trials, seed);
  }
}
