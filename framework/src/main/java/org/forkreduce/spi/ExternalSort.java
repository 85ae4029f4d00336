package org.forkreduce.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.forkreduce.internal.output.Leftovers;
import org.forkreduce.internal.output.OutputCommitter;
import org.forkreduce.internal.serde.PartialFiles;
import org.forkreduce.internal.spill.EntrySizer;

/**
 * Sorting more items than fit in memory. Items are gathered into a chunk until their estimated
 * heap bytes ({@link EntrySizer}) reach the budget; each full chunk is sorted (stably) and
 * written as a run, a {@link PartialFiles} file, and the runs are merged {@value #FAN_IN} at a
 * time, in passes, until the last pass is merged as the stream is read. Equal items keep the
 * order they came in: the sort is stable. When all items fit in one chunk no file is written.
 */
public final class ExternalSort {
  /** The most runs merged at once; each open run holds a read buffer. */
  static final int FAN_IN = 64;
  /** The start of a sort's directory's name, so that a killed JVM's runs are swept. */
  static final String PREFIX = "forkreduce-sort-";
  /** A chunk's reference to an item, and a map entry's object, beyond the key and value. */
  private static final int SLOT = 8;
  private static final int ENTRY = 24;
  private static final int BUFFER = 1 << 16;
  /** Directories of open sorts, removed at the JVM's exit unless their stream was closed. */
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> OPEN.forEach(ExternalSort::remove), "forkreduce-sort"));
  }

  private ExternalSort() {}

  /** Marks a run's pair as an item that is not a map entry (an entry is written as its pair). */
  private enum Tag {
    ITEM
  }

  /**
   * The items in {@code order}, holding at most {@code budgetBytes} of them in memory: sorted
   * runs go to a private (0700) directory made in {@code tempDir} and are merged k-way as the
   * returned stream is read. Items must be Kryo-serializable; a {@link Map.Entry} comes back as
   * an equal {@link AbstractMap.SimpleImmutableEntry}. Close the stream: closing removes the
   * runs (they are removed at the JVM's exit otherwise). The items are read, and the runs
   * written, before this returns; an error writing or reading a run is an {@link
   * UncheckedIOException} naming the file (and the space left, for a full disk).
   */
  public static <T> Stream<T> sorted(Iterator<? extends T> items, Comparator<? super T> order,
      long budgetBytes, Path tempDir) {
    return sorted(items, order, budgetBytes, tempDir, FAN_IN);
  }

  /** As above, merging at most {@code fanIn} runs at once. */
  static <T> Stream<T> sorted(Iterator<? extends T> items, Comparator<? super T> order,
      long budgetBytes, Path tempDir, int fanIn) {
    Runs runs = new Runs(tempDir);
    try {
      List<Path> written = new ArrayList<>();
      List<T> chunk = new ArrayList<>();
      long bytes = 0;
      while (items.hasNext()) {
        T item = items.next();
        long size = bytesOf(item);
        if (!chunk.isEmpty() && bytes + size > budgetBytes) {
          chunk.sort(order);
          written.add(runs.write(chunk.iterator()));
          chunk = new ArrayList<>();
          bytes = 0;
        }
        chunk.add(item);
        bytes += size;
      }
      chunk.sort(order);
      if (written.isEmpty()) {
        return chunk.stream();
      }
      written.add(runs.write(chunk.iterator()));
      return runs.merged(written, order, fanIn);
    } catch (IOException e) {
      runs.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      runs.close();
      throw e;
    }
  }

  /** The estimated heap bytes an item holds in a chunk. */
  private static long bytesOf(Object item) {
    if (item instanceof Map.Entry<?, ?> e) {
      return SLOT + ENTRY + EntrySizer.bytesOf(e.getKey()) + EntrySizer.bytesOf(e.getValue());
    }
    return SLOT + EntrySizer.bytesOf(item);
  }

  private static void remove(Path dir) {
    try {
      OutputCommitter.deleteRecursively(dir);
    } catch (IOException e) {
      System.err.println("forkreduce: could not remove the sorted runs in " + dir + ": " + e);
    }
  }

  /** The runs of one sort, in its private directory, made when the first run is written. */
  private static final class Runs {
    private final Path tempDir;
    private final List<Path> written = new ArrayList<>();
    private Path dir;
    private int named;

    Runs(Path tempDir) {
      this.tempDir = tempDir;
    }

    /** Writes {@code sorted} as a new run; returns its file. */
    Path write(Iterator<?> sorted) throws IOException {
      if (dir == null) {
        Leftovers.sweep(tempDir, PREFIX);
        dir = Leftovers.createDirectory(tempDir, PREFIX);
        OPEN.add(dir);
      }
      Path run = dir.resolve("run-" + named++);
      try (PartialFiles.Writer out = new PartialFiles.Writer(run, BUFFER)) {
        while (sorted.hasNext()) {
          Object item = sorted.next();
          if (item instanceof Map.Entry<?, ?> e) {
            out.append(e.getKey(), e.getValue());
          } else {
            out.append(item, Tag.ITEM);
          }
        }
        out.finish();
      }
      return run;
    }

    /** Merges the runs, {@code fanIn} at a time, until one pass is left: the stream's. */
    <T> Stream<T> merged(List<Path> runs, Comparator<? super T> order, int fanIn)
        throws IOException {
      List<Path> left = runs;
      while (left.size() > fanIn) {
        List<Path> next = new ArrayList<>();
        for (int i = 0; i < left.size(); i += fanIn) {
          List<Path> group = left.subList(i, Math.min(left.size(), i + fanIn));
          try (Merge<T> merge = new Merge<>(group, order)) {
            next.add(write(merge));
          }
          for (Path run : group) {
            Files.delete(run);
          }
        }
        left = next;
      }
      Merge<T> last = new Merge<>(left, order);
      Spliterator<T> items = Spliterators.spliteratorUnknownSize(last, Spliterator.ORDERED);
      return StreamSupport.stream(items, false).onClose(() -> {
        last.close();
        close();
      });
    }

    /** Removes the directory, now and no longer at exit. */
    void close() {
      if (dir != null) {
        remove(dir);
        OPEN.remove(dir);
      }
    }
  }

  /**
   * The k-way merge of sorted runs: the least head first, and of equal heads the one of the
   * earlier run, so that the merge is stable as each run is.
   */
  private static final class Merge<T> implements Iterator<T>, AutoCloseable {
    private final List<Stream<Map.Entry<Object, Object>>> open = new ArrayList<>();
    private final PriorityQueue<Head<T>> heads;

    Merge(List<Path> runs, Comparator<? super T> order) throws IOException {
      Comparator<Head<T>> byItem = Comparator.comparing(h -> h.item, order);
      heads = new PriorityQueue<>(Math.max(1, runs.size()), byItem.thenComparingInt(h -> h.run));
      try {
        for (Path run : runs) {
          Stream<Map.Entry<Object, Object>> entries = PartialFiles.entries(run);
          open.add(entries);
          new Head<T>(open.size() - 1, entries.iterator()).advance(heads);
        }
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public T next() {
      Head<T> least = heads.poll();
      if (least == null) {
        throw new NoSuchElementException();
      }
      T item = least.item;
      least.advance(heads);
      return item;
    }

    @Override
    public void close() {
      open.forEach(Stream::close);
    }
  }

  /** A run's next item, waiting in the merge's queue. */
  private static final class Head<T> {
    private final int run;
    private final Iterator<Map.Entry<Object, Object>> rest;
    private T item;

    Head(int run, Iterator<Map.Entry<Object, Object>> rest) {
      this.run = run;
      this.rest = rest;
    }

    /** Reads the run's next item into the queue, if there is one. */
    @SuppressWarnings("unchecked")
    void advance(PriorityQueue<Head<T>> heads) {
      if (rest.hasNext()) {
        Map.Entry<Object, Object> pair = rest.next();
        item = (T) (pair.getValue() == Tag.ITEM ? pair.getKey() : pair);
        heads.add(this);
      }
    }
  }
}
