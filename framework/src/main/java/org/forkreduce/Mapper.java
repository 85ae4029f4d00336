package org.forkreduce;

import java.io.Serializable;

/**
 * Turns one input record into zero or more key/value pairs.
 *
 * <p>Lifecycle, per task (one split): {@link #setup(TaskContext)} once, then {@link #map} for every
 * record of the split in file order, then {@link #cleanup(Emitter)} once. One instance is used by
 * one thread at a time: the threads and processes engines give every worker its own copy, made by a
 * Kryo round trip, so fields set in {@code setup} are never shared between workers.
 *
 * <p>A worker runs several tasks, one after another, on the same instance, and combines what they
 * emit (reduce jobs) until it hands the combined output on; then {@link #flush(Emitter)} is
 * called. A mapper that combines in its own table can therefore keep the table from one task to
 * the next and emit it once, in {@code flush}, instead of once per task. If the worker dies, its
 * instance goes with it and the engine maps that worker's unflushed splits again elsewhere. The
 * inline engine maps with the caller's own instance, which a failed job may leave holding what
 * its tasks combined: run a job again with a fresh mapper.
 *
 * <p>A mapper is {@link Serializable} so that a lambda or method reference assigned to this type is
 * a serializable lambda that can be shipped to a worker JVM. Its fields must be serializable too.
 *
 * @param <I> the input record type (a {@code String} line for text input)
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface Mapper<I, K, V> extends Serializable {

  /**
   * Maps one record. An exception fails the job, reported with the split and the record's position.
   *
   * @param record the record; never null
   * @param out where pairs go; valid only during this call
   */
  void map(I record, Emitter<K, V> out) throws Exception;

  /** Called once per task before the first record. The default does nothing. */
  default void setup(TaskContext context) throws Exception {}

  /** Called once per task after the last record; may emit more pairs. The default does nothing. */
  default void cleanup(Emitter<K, V> out) throws Exception {}

  /**
   * Called when this instance's worker hands on its output, after the cleanup of the last task in
   * it; may emit more pairs, which join that output. It must leave the mapper ready for more tasks.
   * Reduce jobs: once the worker has no more splits (again if it is given more), on every engine
   * (each Spark task on its own); and also between two records of a task, when what the worker
   * holds ({@link #heldBytes()} and its combined partial) passes the job's memory budget: then
   * the mapper hands its table on, the worker spills it to disk, and mapping goes on with the
   * next record. Map-only jobs: after every task's cleanup. Not called on a worker that mapped
   * nothing. The default does nothing.
   */
  default void flush(Emitter<K, V> out) throws Exception {}

  /**
   * An estimate of the heap bytes this mapper holds for a later {@link #flush} (a combining
   * table of its own), asked every few thousand records of a reduce job. When it and the
   * worker's partial together pass the job's memory budget, the worker calls {@code flush}
   * between two records. A mapper that emits as it maps holds nothing: the default returns 0.
   * It must be cheap (an array length or two, not a walk over the table).
   */
  default long heldBytes() {
    return 0;
  }
}
