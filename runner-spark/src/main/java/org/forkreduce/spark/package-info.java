/**
 * Runs ForkReduce jobs on Apache Spark: the same {@link org.forkreduce.Mapper}, {@link
 * org.forkreduce.Reducer} and {@link org.forkreduce.Input} as on one machine. Start at {@link
 * org.forkreduce.spark.SparkEngine}; {@code Engine.named("spark", n, master)} finds it through
 * {@code SparkEngineProvider} when this module is on the class path.
 *
 * <p>Each split of the framework's own planner becomes one Spark partition, so text and CSV
 * records are cut exactly as on the other engines; the mapper runs per partition with in-memory
 * combining, the reducer becomes {@code reduceByKey}. User objects travel as Kryo 5 bytes inside
 * {@code Shipped}, whatever serializer the Spark context uses (Java, or Spark's own Kryo 4).
 */
package org.forkreduce.spark;
