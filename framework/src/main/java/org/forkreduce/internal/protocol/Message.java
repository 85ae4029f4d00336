package org.forkreduce.internal.protocol;

import java.util.List;
import org.forkreduce.Split;
import org.forkreduce.internal.spill.PartitionMerge;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.stats.MemoryPeak;

/**
 * The messages between the driver and a worker. Requests carry an id that the worker's
 * {@link Reply} or {@link Failed} repeats. User objects (functions, arguments, jobs) travel as
 * nested Kryo bytes, so that a class the worker cannot load fails that one request, reported by
 * id, instead of the whole frame.
 */
public sealed interface Message {

  /** The first message each way: the protocol version and the sender's process id. */
  record Hello(int version, long pid) implements Message {}

  /** Defines function {@code functionId} on the worker, once per worker; no reply. */
  record Define(int functionId, byte[] function) implements Message {}

  /**
   * Applies function {@code functionId} to each argument (a serialized {@code Object[]}; for a
   * two-argument function each argument is an {@code Object[]} pair). Replies with the results as
   * an {@code Object[]} in argument order.
   */
  record Call(long id, int functionId, byte[] args) implements Message {}

  /**
   * Prepares a job: its mapper and reducer, the private directory for its partials and spills,
   * and the number of partitions a spill is cut into.
   */
  record StartJob(long id, int jobId, byte[] job, String dir, int partitions)
      implements Message {}

  /** Maps one split into the worker's partial for the job; replies with the task's counters. */
  record MapSplit(long id, int jobId, Split split) implements Message {}

  /**
   * Writes the worker's partial for the job as {@code segments} hash segments, to files named
   * {@code prefix + "-" + segment}, then starts a new, empty partial. Replies with the keys.
   */
  record Flush(long id, int jobId, int segments, String prefix) implements Message {}

  /** Merges partial files with the job's reducer into {@code output}; replies with the keys. */
  record Merge(long id, int jobId, List<String> inputs, String output) implements Message {}

  /**
   * Merges every file of one partition, within the worker's memory budget, into reduced files
   * named {@code outputPrefix + "-" + n}; replies with {@link PartitionMerged}.
   */
  record MergePartition(long id, int jobId, List<String> inputs, String outputPrefix)
      implements Message {}

  /** The reply to {@link MergePartition}: the reduced files, and the worker's memory peak. */
  record PartitionMerged(PartitionMerge.Reduced reduced, MemoryPeak memory) implements Message {}

  /** Drops the job's state; no reply. */
  record EndJob(int jobId) implements Message {}

  /** A request's result. */
  record Reply(long id, Object value) implements Message {}

  /**
   * A request's failure: the remote exception, and where in the request it happened (the split
   * and record of a map task, the item of a chunk).
   */
  record Failed(long id, RemoteFailure failure, String context) implements Message {}

  /**
   * The reply to {@link Flush}: keys per segment, the counters of the flushed partial, the runs
   * spilled before it (which, with it, hold the flushed splits), its estimated heap bytes, and
   * the worker's memory peak.
   */
  record Flushed(long[] keys, CounterSet counters, List<String> runs, long partialBytes,
      MemoryPeak memory) implements Message {}

  /**
   * Sent by a worker every few seconds while it runs a request, so that the driver can tell a
   * stalled worker (stopped, paused, hung) from a slow task; no reply.
   */
  record Heartbeat() implements Message {}

  /** The reply to {@link MapSplit} in a map-only job: keys and values alternating, in order. */
  record MapOutput(Object[] keysAndValues, CounterSet counters)
      implements Message {}
}
