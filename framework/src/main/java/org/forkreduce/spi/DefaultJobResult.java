package org.forkreduce.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.forkreduce.JobResult;
import org.forkreduce.WriteOption;
import org.forkreduce.internal.output.OutputCommitter;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/** A complete result held in memory: the reduced map, or the pairs of each split. */
final class DefaultJobResult<K, V> implements JobResult<K, V> {
  static final long RECORDS_PER_PART = 1_000_000;

  private final Map<K, V> reduced;
  private final Map<K, V> owned;
  private final List<List<Map.Entry<K, V>>> perSplit;
  private final Counters counters;
  private final RunStats stats;

  private DefaultJobResult(Map<K, V> owned, List<List<Map.Entry<K, V>>> perSplit,
      Counters counters, RunStats stats) {
    this.owned = owned;
    this.reduced = owned == null ? null : Collections.unmodifiableMap(owned);
    this.perSplit = perSplit;
    this.counters = counters;
    this.stats = stats;
  }

  static <K, V> DefaultJobResult<K, V> reduced(Map<K, V> map, Counters counters, RunStats stats) {
    return new DefaultJobResult<>(map, null, counters, stats);
  }

  static <K, V> DefaultJobResult<K, V> mapOnly(List<List<Map.Entry<K, V>>> perSplit,
      Counters counters, RunStats stats) {
    return new DefaultJobResult<>(null, List.copyOf(perSplit), counters, stats);
  }

  @Override
  public Map<K, V> toMap() {
    if (reduced == null) {
      throw new IllegalStateException("a map-only job has no reducer, so its keys may repeat;"
          + " use stream(), iterator() or writeTo(...) instead of toMap()");
    }
    return reduced;
  }

  @Override
  public void drain(BiConsumer<? super K, ? super V> action) {
    toMap(); // a map-only job has nothing to drain
    for (Iterator<Map.Entry<K, V>> i = owned.entrySet().iterator(); i.hasNext(); ) {
      Map.Entry<K, V> e = i.next();
      i.remove();
      action.accept(e.getKey(), e.getValue());
    }
  }

  @Override
  public Stream<Map.Entry<K, V>> stream() {
    return reduced != null ? reduced.entrySet().stream() : perSplit.stream().flatMap(List::stream);
  }

  @Override
  public Iterator<Map.Entry<K, V>> iterator() {
    return stream().iterator();
  }

  @Override
  public long size() {
    return reduced != null ? reduced.size() : perSplit.stream().mapToLong(List::size).sum();
  }

  @Override
  public boolean isMapOnly() {
    return reduced == null;
  }

  @Override
  public void writeTo(Path dir, Comparator<? super Map.Entry<K, V>> order,
      WriteOption... options) throws IOException {
    OutputCommitter.commit(dir, options, temp -> {
      if (reduced != null) {
        Stream<Map.Entry<K, V>> entries = order == null ? stream() : stream().sorted(order);
        OutputCommitter.writeLines(temp, entries.map(DefaultJobResult::line).iterator(),
            RECORDS_PER_PART);
      } else {
        for (int i = 0; i < perSplit.size(); i++) {
          OutputCommitter.writePart(temp, i,
              perSplit.get(i).stream().map(DefaultJobResult::line).iterator(), Long.MAX_VALUE);
        }
      }
    });
  }

  static String line(Map.Entry<?, ?> e) {
    return e.getKey() + "\t" + e.getValue();
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
    return "JobResult[" + size() + " entries, " + stats + "]";
  }
}
