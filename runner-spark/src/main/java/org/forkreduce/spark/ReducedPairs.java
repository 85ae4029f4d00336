package org.forkreduce.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SizeEstimator;
import org.forkreduce.spi.JobResults;
import scala.Tuple2;

/**
 * A reduce job's pairs as Spark reduced them, persisted on the executors (memory, then disk)
 * while the driver reads them: counted, their heap size in a driver's map estimated from a
 * sample, then either collected into that map ({@link #collect}) or read one Spark partition at
 * a time ({@link #partitions}), each partition small enough for the driver's budget. Either way
 * the persisted pairs are released once read: by {@code collect}, or by the partitions' {@code
 * onClose}.
 */
final class ReducedPairs<K, V> {
  /** How many pairs the size of one is estimated from. */
  static final int SAMPLE = 256;
  /** A map's node per entry, its table slot and an object header, as the framework counts it. */
  static final long ENTRY_OVERHEAD = 48;
  /**
   * A partition the driver reads takes at most this fraction of its budget: it arrives
   * serialized, is deserialized, then unwrapped, so a few copies of it meet in the heap.
   */
  static final int PARTITIONS_PER_BUDGET = 4;

  private final JavaPairRDD<Shipped<K>, Shipped<V>> rdd;
  private final Function<Exception, RuntimeException> failed;
  private final long keys;
  private final long heapBytes;

  private ReducedPairs(JavaPairRDD<Shipped<K>, Shipped<V>> rdd,
      Function<Exception, RuntimeException> failed, long keys, long heapBytes) {
    this.rdd = rdd;
    this.failed = failed;
    this.keys = keys;
    this.heapBytes = heapBytes;
  }

  /**
   * Persists {@code reduced} and runs it (the job's map and reduce happen here), then counts it
   * and samples its first {@value #SAMPLE} pairs.
   *
   * @param failed turns a Spark failure into the exception the caller sees
   */
  static <K, V> ReducedPairs<K, V> persisted(JavaPairRDD<Shipped<K>, Shipped<V>> reduced,
      Function<Exception, RuntimeException> failed) {
    JavaPairRDD<Shipped<K>, Shipped<V>> rdd = reduced.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long keys = rdd.count();
      return new ReducedPairs<>(rdd, failed, keys, keys * entryBytes(rdd.take(SAMPLE)));
    } catch (Exception e) {
      release(rdd);
      throw failed.apply(e);
    }
  }

  /** The estimated heap bytes of one entry of a map, from {@code sample} (empty: 0). */
  private static <K, V> long entryBytes(List<Tuple2<Shipped<K>, Shipped<V>>> sample) {
    if (sample.isEmpty()) {
      return 0;
    }
    long sum = 0;
    for (Tuple2<Shipped<K>, Shipped<V>> pair : sample) {
      sum += SizeEstimator.estimate(pair._1().value()) + SizeEstimator.estimate(pair._2().value());
    }
    return ENTRY_OVERHEAD + sum / sample.size();
  }

  /** The number of pairs: the job's distinct keys. */
  long keys() {
    return keys;
  }

  /** The estimated heap bytes of all pairs in a driver's map. */
  long heapBytes() {
    return heapBytes;
  }

  /** True when all pairs, in a map, fit {@code budgetBytes}. */
  boolean fit(long budgetBytes) {
    return heapBytes <= budgetBytes;
  }

  /** All pairs in a map of the driver's, owned by the caller; releases the persisted pairs. */
  Map<K, V> collect() {
    try {
      Map<K, V> map = new HashMap<>((int) Math.min(Integer.MAX_VALUE, keys * 4 / 3 + 1));
      for (Tuple2<Shipped<K>, Shipped<V>> pair : spark(rdd::collect)) {
        map.put(pair._1().value(), pair._2().value());
      }
      return map;
    } finally {
      release(rdd);
    }
  }

  /**
   * The pairs as partitions that stay on the executors, each read by a Spark job of its own when
   * its stream is asked for, and each estimated at most a {@value #PARTITIONS_PER_BUDGET}th of
   * {@code budgetBytes}: Spark's partitions if they are that small, else the pairs shuffled once
   * more into that many by key hash. Their {@code onClose} releases the persisted pairs; the
   * streams must be read while the Spark context runs.
   */
  JobResults.Partitions<K, V> partitions(long budgetBytes) {
    long needed = (heapBytes * PARTITIONS_PER_BUDGET + budgetBytes - 1) / budgetBytes;
    int count = (int) Math.min(Integer.MAX_VALUE, Math.max(rdd.getNumPartitions(), needed));
    JavaPairRDD<Shipped<K>, Shipped<V>> sized =
        count == rdd.getNumPartitions() ? rdd : rdd.partitionBy(new HashPartitioner(count));
    List<Supplier<Stream<Map.Entry<K, V>>>> streams = IntStream.range(0, count)
        .<Supplier<Stream<Map.Entry<K, V>>>>mapToObj(p -> () -> entries(sized, p)).toList();
    return new JobResults.Partitions<>(streams, keys, heapBytes,
        Path.of(System.getProperty("java.io.tmpdir")), () -> release(rdd));
  }

  /** The pairs of {@code source}'s partition {@code p}, fetched by a job of its own. */
  private Stream<Map.Entry<K, V>> entries(JavaPairRDD<Shipped<K>, Shipped<V>> source, int p) {
    List<Tuple2<Shipped<K>, Shipped<V>>> pairs =
        spark(() -> source.collectPartitions(new int[] {p}))[0];
    return pairs.stream().map(pair -> Map.entry(pair._1().value(), pair._2().value()));
  }

  private <T> T spark(Callable<T> action) {
    try {
      return action.call();
    } catch (Exception e) {
      throw failed.apply(e);
    }
  }

  /** Drops the persisted pairs, unless the context has stopped and dropped them already. */
  private static void release(JavaPairRDD<?, ?> rdd) {
    if (!rdd.context().isStopped()) {
      rdd.unpersist(false);
    }
  }
}
