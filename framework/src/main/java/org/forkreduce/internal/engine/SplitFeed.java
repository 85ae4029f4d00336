package org.forkreduce.internal.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.forkreduce.Split;
import org.forkreduce.stats.ProgressListener;

/**
 * Hands out splits to whichever worker asks first (pull-based scheduling, so uneven splits
 * balance out), reports progress, and stops handing out work after the first failure.
 */
final class SplitFeed {
  private final List<Split> splits;
  private final ProgressListener progress;
  private final long totalBytes;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicLong bytesDone = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  SplitFeed(List<Split> splits, ProgressListener progress) {
    this.splits = splits;
    this.progress = progress;
    this.totalBytes = splits.stream().mapToLong(Split::length).sum();
  }

  /** The index of the next split to run, or -1 when none is left or the job has failed. */
  int take() {
    if (failure.get() != null) {
      return -1;
    }
    int i = next.getAndIncrement();
    return i < splits.size() ? i : -1;
  }

  Split split(int index) {
    return splits.get(index);
  }

  int size() {
    return splits.size();
  }

  void completed(int index) {
    long bytes = bytesDone.addAndGet(splits.get(index).length());
    progress.onProgress(bytes, totalBytes, done.incrementAndGet(), splits.size());
  }

  /** Records a failure; the first one recorded is the one reported. */
  void fail(Throwable t) {
    failure.compareAndSet(null, t);
  }

  Throwable failure() {
    return failure.get();
  }
}
