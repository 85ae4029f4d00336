package org.forkreduce.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.forkreduce.Engine;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.Split;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.spi.Failures;
import org.forkreduce.spi.JobResults;
import org.forkreduce.spi.Planner;
import org.forkreduce.spi.RunTimer;

/**
 * Runs jobs on Apache Spark and returns the same {@link JobResult} as the other engines.
 *
 * <p>The framework plans the splits on the driver (one Spark partition per split, so records are
 * cut by the same rules), each partition maps its split with in-memory combining, and the
 * reducer runs as {@code reduceByKey}; Spark's own shuffle spills to disk, so no engine spill is
 * needed on the map side. Input paths are opened by the executors, so on a cluster they must name
 * a file system every executor mounts at the same path.
 *
 * <p>The reduced pairs are persisted on the executors (memory, then disk), counted, and their
 * heap size in a driver's map estimated from a sample. A result that fits the job's memory budget
 * ({@link Job#memoryBudget()}, for the driver's JVM) is collected into an in-memory result, as on
 * every engine. A larger one stays on the executors ({@link JobResult#inMemory()} false): it is
 * read one Spark partition at a time, each fetched by a Spark job of its own and estimated at
 * most a quarter of the budget (the pairs are shuffled into more partitions when Spark's are
 * larger), so {@code stream}, {@code drain} and {@code writeTo} never hold the whole result in
 * the driver, and {@code toMap} refuses it. Read such a result before the engine's context
 * stops; its {@code close()} releases the persisted pairs. Map-only jobs are collected whole.
 *
 * <p>An engine made by {@link #on} uses the caller's context and leaves it running; one made by
 * {@link #start} owns its context and stops it on {@link #close()}.
 */
public final class SparkEngine implements Engine {
  private final JavaSparkContext context;
  private final boolean owned;

  private SparkEngine(JavaSparkContext context, boolean owned) {
    this.context = context;
    this.owned = owned;
  }

  /** An engine on the caller's Spark context; {@link #close()} leaves the context running. */
  public static SparkEngine on(JavaSparkContext context) {
    return new SparkEngine(context, false);
  }

  /** An engine on the caller's Spark context; {@link #close()} leaves the context running. */
  public static SparkEngine on(SparkContext context) {
    return on(JavaSparkContext.fromSparkContext(context));
  }

  /**
   * An engine with a context of its own, stopped by {@link #close()}. Spark allows one context
   * per JVM: where the program already has one, use {@link #on} instead.
   *
   * @param master the master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}), or
   *     null for {@code spark.master} as {@code spark-submit} sets it, else {@code local[workers]}
   * @param workers the thread count of the default local master
   */
  public static SparkEngine start(String master, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    SparkConf conf = SparkSettings.conf(master, workers);
    try {
      return new SparkEngine(new JavaSparkContext(conf), true);
    } catch (Exception e) {
      throw new IllegalArgumentException("Spark could not start a context for master '"
          + conf.get("spark.master") + "': " + e.getMessage() + ". Use a master URL Spark knows"
          + " (local[N], spark://host:port, yarn, k8s://https://host:port), or run with"
          + " spark-submit and no --master", e);
    }
  }

  /**
   * The classes to register with Spark's Kryo when {@code spark.kryo.registrationRequired} is
   * set: {@code conf.registerKryoClasses(SparkEngine.kryoClasses())}. User classes need no
   * registration: they travel inside these.
   */
  public static Class<?>[] kryoClasses() {
    return new Class<?>[] {Shipped.class};
  }

  @Override
  public <I, K, V> JobResult<K, V> run(Job<I, K, V> job) {
    RunTimer timer = RunTimer.start();
    ShippedJob<I, K, V> shipped = ShippedJob.of(job);
    List<Split> splits = Planner.plan(job, workers());
    timer.planned(splits.size());
    CounterAccumulator accumulator = new CounterAccumulator();
    context.sc().register(accumulator, "forkreduce counters");
    List<Shipped<Split>> shippedSplits = splits.stream().map(Shipped::new).toList();
    JavaRDD<Shipped<Split>> partitions =
        context.parallelize(shippedSplits, Math.max(1, splits.size()));
    return job.isMapOnly() ? mapOnly(partitions, shipped, accumulator, timer)
        : reduce(job.memoryBudget(), partitions, shipped, accumulator, timer);
  }

  /** Collects each split's pairs, in split order. */
  private <I, K, V> JobResult<K, V> mapOnly(JavaRDD<Shipped<Split>> partitions,
      ShippedJob<I, K, V> shipped, CounterAccumulator accumulator, RunTimer timer) {
    List<List<Map.Entry<K, V>>> perSplit = new ArrayList<>();
    try {
      for (Shipped<List<Map.Entry<K, V>>> pairs
          : partitions.mapPartitions(SplitTasks.collecting(shipped, accumulator)).collect()) {
        perSplit.add(pairs.value());
      }
    } catch (Exception e) {
      throw failed(e);
    }
    timer.mapped();
    return JobResults.mapOnly(perSplit, counters(accumulator), timer, name(), workers());
  }

  /**
   * Reduces by key on the executors, then collects the result if it fits {@code budget}, else
   * leaves it there, read one partition at a time.
   */
  private <I, K, V> JobResult<K, V> reduce(long budget, JavaRDD<Shipped<Split>> partitions,
      ShippedJob<I, K, V> shipped, CounterAccumulator accumulator, RunTimer timer) {
    ReducedPairs<K, V> reduced = ReducedPairs.persisted(
        partitions.mapPartitionsToPair(SplitTasks.combining(shipped, accumulator))
            .reduceByKey(SplitTasks.reducing(shipped), context.defaultParallelism()),
        this::failed);
    timer.mapped();
    if (reduced.fit(budget)) {
      return JobResults.reduced(reduced.collect(), counters(accumulator), timer, name(),
          workers());
    }
    JobResults.Partitions<K, V> parts = reduced.partitions(budget);
    try {
      return JobResults.partitioned(parts, budget, counters(accumulator), timer, name(),
          workers());
    } catch (RuntimeException e) {
      parts.onClose().run();
      throw e;
    }
  }

  private static CounterSet counters(CounterAccumulator accumulator) {
    CounterSet counters = new CounterSet();
    counters.addAll(accumulator.value());
    return counters;
  }

  /**
   * The one exception the caller sees: a mapper's failure keeps the split and record that the
   * framework's task named, and the user's exception as the cause, as on every engine.
   */
  private RuntimeException failed(Exception e) {
    // Spark wraps the task's exception; the framework's own failure is inside
    return Failures.jobFailedWithin(e, "spark (" + context.master() + ")");
  }

  @Override
  public String name() {
    return "spark";
  }

  /** The context's default parallelism: the cores Spark runs tasks on. */
  @Override
  public int workers() {
    return context.defaultParallelism();
  }

  /** Stops the context if this engine started it. Idempotent. */
  @Override
  public void close() {
    if (owned) {
      context.stop();
    }
  }
}
