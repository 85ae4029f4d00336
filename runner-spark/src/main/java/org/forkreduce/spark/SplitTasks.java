package org.forkreduce.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.forkreduce.Job;
import org.forkreduce.Split;
import org.forkreduce.spi.MapStep;
import scala.Tuple2;

/**
 * The functions Spark runs: the mapper over a partition's split (through the framework's own
 * {@link MapStep}, so errors name the split and record as on every engine), and the reducer.
 * Static factories, so the closures capture only what they name.
 */
final class SplitTasks {
  private SplitTasks() {}

  /** Maps a partition's split with in-memory combining: one pair per distinct key leaves it. */
  static <I, K, V> PairFlatMapFunction<Iterator<Shipped<Split>>, Shipped<K>, Shipped<V>> combining(
      ShippedJob<I, K, V> shipped, CounterAccumulator accumulator) {
    return splits -> {
      MapStep<I, K, V> step = step(shipped.job());
      while (splits.hasNext()) {
        step.combine(splits.next().value());
      }
      Map<K, V> partial = step.flush(); // a task hands its output on
      accumulator.add(step.counters());
      return partial.entrySet().stream()
          .map(e -> new Tuple2<>(new Shipped<>(e.getKey()), new Shipped<>(e.getValue())))
          .iterator();
    };
  }

  /** Maps a partition's split of a map-only job: its pairs in emitted order, as one element. */
  static <I, K, V> FlatMapFunction<Iterator<Shipped<Split>>, Shipped<List<Map.Entry<K, V>>>> collecting(
      ShippedJob<I, K, V> shipped, CounterAccumulator accumulator) {
    return splits -> {
      MapStep<I, K, V> step = step(shipped.job());
      List<Map.Entry<K, V>> pairs = new ArrayList<>();
      while (splits.hasNext()) {
        pairs.addAll(step.collect(splits.next().value()));
      }
      accumulator.add(step.counters());
      return List.of(new Shipped<>(pairs)).iterator();
    };
  }

  private static <I, K, V> MapStep<I, K, V> step(Job<I, K, V> job) {
    return new MapStep<>(job, job.mapper(), TaskContext.getPartitionId());
  }

  /** The job's reducer for {@code reduceByKey}, with the framework's rule against null results. */
  static <I, K, V> Function2<Shipped<V>, Shipped<V>, Shipped<V>> reducing(
      ShippedJob<I, K, V> shipped) {
    return (left, right) -> new Shipped<>(
        MapStep.checked(shipped.job().reducer()).apply(left.value(), right.value()));
  }
}
