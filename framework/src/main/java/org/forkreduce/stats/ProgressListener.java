package org.forkreduce.stats;

/**
 * Receives progress while a job's map phase runs. Called from worker threads, possibly
 * concurrently: implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface ProgressListener {

  /** No-op listener. */
  ProgressListener NONE = (bytesDone, bytesTotal, splitsDone, splitsTotal) -> {};

  /** A split finished; the totals cover the whole job. */
  void onProgress(long bytesDone, long bytesTotal, int splitsDone, int splitsTotal);
}
