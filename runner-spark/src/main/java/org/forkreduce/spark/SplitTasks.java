package org.forkreduce.spark;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.forkreduce.Job;
import org.forkreduce.input.Split;
import org.forkreduce.reduce.Partials;
import org.forkreduce.stats.CounterSet;
import org.forkreduce.task.CollectingEmitter;
import org.forkreduce.task.CombiningEmitter;
import org.forkreduce.task.MapTask;
import org.forkreduce.task.TaskEmitter;
import scala.Tuple2;

/**
 * The functions Spark runs: the mapper over a partition's split (through the framework's own
 * {@link MapTask}, so errors name the split and record as on every engine), and the reducer.
 * Static factories, so the closures capture only what they name.
 */
final class SplitTasks {
  private SplitTasks() {}

  /** Maps a partition's split with in-memory combining: one pair per distinct key leaves it. */
  static <I, K, V> PairFlatMapFunction<Iterator<Shipped<Split>>, Shipped<K>, Shipped<V>> combining(
      ShippedJob<I, K, V> shipped, CounterAccumulator accumulator) {
    return splits -> {
      Job<I, K, V> job = shipped.job();
      CounterSet counters = new CounterSet();
      CombiningEmitter<K, V> out = new CombiningEmitter<>(job.reducer(), counters);
      mapAll(job, splits, out, counters);
      accumulator.add(counters);
      return out.partial().entrySet().stream()
          .map(e -> new Tuple2<>(new Shipped<>(e.getKey()), new Shipped<>(e.getValue())))
          .iterator();
    };
  }

  /** Maps a partition's split of a map-only job: its pairs in emitted order, as one element. */
  static <I, K, V> FlatMapFunction<Iterator<Shipped<Split>>, Shipped<List<Map.Entry<K, V>>>> collecting(
      ShippedJob<I, K, V> shipped, CounterAccumulator accumulator) {
    return splits -> {
      Job<I, K, V> job = shipped.job();
      CounterSet counters = new CounterSet();
      CollectingEmitter<K, V> out = new CollectingEmitter<>(counters);
      mapAll(job, splits, out, counters);
      accumulator.add(counters);
      return List.of(new Shipped<>(out.pairs())).iterator();
    };
  }

  private static <I, K, V> void mapAll(Job<I, K, V> job, Iterator<Shipped<Split>> splits,
      TaskEmitter<K, V> out, CounterSet counters) throws Exception {
    int partition = TaskContext.getPartitionId();
    boolean mapped = false;
    while (splits.hasNext()) {
      MapTask.run(job.input(), job.mapper(), splits.next().value(), partition, out, counters);
      mapped = true;
    }
    if (mapped) {
      MapTask.flush(job.mapper(), partition, out, counters); // a task hands its output on
    }
  }

  /** The job's reducer for {@code reduceByKey}, with the framework's rule against null results. */
  static <I, K, V> Function2<Shipped<V>, Shipped<V>, Shipped<V>> reducing(
      ShippedJob<I, K, V> shipped) {
    return (left, right) -> new Shipped<>(
        Partials.checked(shipped.job().reducer()).apply(left.value(), right.value()));
  }
}
