package org.forkreduce.spark;

import java.io.Serializable;
import org.forkreduce.Job;
import org.forkreduce.spi.Payloads;

/**
 * A job inside a Spark closure: its Kryo 5 bytes, read back once per task. Building one proves
 * the input, mapper and reducer can travel, so a class that cannot is named before Spark starts
 * any work.
 */
final class ShippedJob<I, K, V> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private transient Job<I, K, V> job;

  private ShippedJob(byte[] bytes) {
    this.bytes = bytes;
  }

  /** @throws org.forkreduce.NotShippableException naming the part and class that cannot travel */
  static <I, K, V> ShippedJob<I, K, V> of(Job<I, K, V> job) {
    Payloads.checkedBytes(job.input(), "input");
    Payloads.checkedBytes(job.mapper(), "mapper");
    if (!job.isMapOnly()) {
      Payloads.checkedBytes(job.reducer(), "reducer");
    }
    return new ShippedJob<>(Payloads.toBytes(job));
  }

  /** The job, deserialized on first use in this task's copy of the closure. */
  Job<I, K, V> job() {
    if (job == null) {
      job = Payloads.fromBytes(bytes);
    }
    return job;
  }
}
