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
}
