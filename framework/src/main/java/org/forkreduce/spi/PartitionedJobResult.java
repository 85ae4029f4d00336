package org.forkreduce.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.forkreduce.JobResult;
import org.forkreduce.WriteOption;
import org.forkreduce.internal.output.OutputCommitter;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/**
 * A reduce job's result kept out of memory, read one partition at a time (see {@link
 * JobResults#partitioned}). It owns what backs its partitions until {@link #close()}, or the
 * JVM's exit, releases it.
 */
final class PartitionedJobResult<K, V> implements JobResult<K, V> {
  private final JobResults.Partitions<K, V> parts;
  private final long budgetBytes;
  private final Counters counters;
  private final RunStats stats;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread atExit;
  private Map<K, V> loaded;
  private boolean drained;

  PartitionedJobResult(JobResults.Partitions<K, V> parts, long budgetBytes, Counters counters,
      RunStats stats) {
    this.parts = parts;
    this.budgetBytes = budgetBytes;
    this.counters = counters;
    this.stats = stats;
    this.atExit = new Thread(parts.onClose(), "forkreduce-result-cleanup");
    Runtime.getRuntime().addShutdownHook(atExit);
  }

  /**
   * Loads the result when it fits the driver's budget, once; a larger one is refused, since
   * building the map would run the driver out of memory.
   */
  @Override
  public synchronized Map<K, V> toMap() {
    if (loaded == null) {
      if (parts.heapBytes() > budgetBytes) {
        throw new IllegalStateException("the result has " + parts.keys() + " keys, about "
            + mb(parts.heapBytes()) + " in memory, more than the driver's memory budget of "
            + mb(budgetBytes) + ", so it stays on disk and toMap() cannot build it; read it"
            + " with stream(), iterator() or drain(...), which hold one partition at a time, or"
            + " write it with writeTo(dir, order), or give the driver more memory (-Xmx, or"
            + " Job.memoryBudget)");
      }
      Map<K, V> map = new HashMap<>((int) Math.min(1 << 30, parts.keys() * 4 / 3 + 16));
      try (Stream<Map.Entry<K, V>> entries = stream()) {
        entries.forEachOrdered(e -> map.put(e.getKey(), e.getValue()));
      }
      loaded = java.util.Collections.unmodifiableMap(map);
    }
    return loaded;
  }

  private static String mb(long bytes) {
    return (bytes >> 20) + " MB";
  }

  @Override
  public boolean inMemory() {
    return false;
  }

  /** Hands on every entry, partition by partition, then releases the partitions' files. */
  @Override
  public void drain(BiConsumer<? super K, ? super V> action) {
    try (Stream<Map.Entry<K, V>> entries = stream()) {
      entries.forEachOrdered(e -> action.accept(e.getKey(), e.getValue()));
    }
    drained = true;
    loaded = Map.of();
    close();
  }

  /** The entries, partition after partition, each read as the stream reaches it. */
  @Override
  public Stream<Map.Entry<K, V>> stream() {
    requireOpen();
    if (drained) {
      return Stream.empty();
    }
    // flatMap closes each partition's stream once it has been read
    return parts.streams().stream().flatMap(java.util.function.Supplier::get);
  }

  @Override
  public Iterator<Map.Entry<K, V>> iterator() {
    return stream().iterator();
  }

  @Override
  public long size() {
    return drained ? 0 : parts.keys();
  }

  @Override
  public boolean isMapOnly() {
    return false;
  }

  /**
   * Writes the partitions as they are read when there is no order; else through an external
   * sort within the driver's budget.
   */
  @Override
  public void writeTo(Path dir, Comparator<? super Map.Entry<K, V>> order,
      WriteOption... options) throws IOException {
    OutputCommitter.commit(dir, options, temp -> {
      try (Stream<Map.Entry<K, V>> entries = stream();
          Stream<Map.Entry<K, V>> ordered = order == null ? entries
              : ExternalSort.sorted(entries.iterator(), order, budgetBytes, parts.tempDir())) {
        OutputCommitter.writeLines(temp, ordered.map(DefaultJobResult::line).iterator(),
            DefaultJobResult.RECORDS_PER_PART);
      }
    });
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the result was closed and its files removed; read a"
          + " result before closing it");
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      parts.onClose().run();
      try {
        Runtime.getRuntime().removeShutdownHook(atExit);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook runs the same cleanup, which is idempotent
      }
    }
  }

  @Override
  public Counters counters() {
    return counters;
  }

  @Override
  public RunStats stats() {
    return stats;
  }

  @Override
  public String toString() {
    return "JobResult[" + size() + " entries on disk, " + stats + "]";
  }
}
