package org.forkreduce.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.forkreduce.internal.serde.PartialFiles;
import org.forkreduce.internal.spill.SpillTarget;
import org.forkreduce.stats.Counters;

/**
 * Writes one step's partials to disk as spill runs, as {@link SpillTarget} lays them out, counts
 * them, and remembers the runs' names until {@link #forgetRuns()}. Runs are numbered over the
 * step's whole life, so a run the caller still holds is never overwritten. Not thread-safe.
 */
final class Spiller {
  private final SpillTarget target;
  private int nextRun;
  private List<String> runs = new ArrayList<>();

  /** @param target a target that {@link SpillTarget#spills() spills} */
  Spiller(SpillTarget target) {
    this.target = target;
  }

  /** What the partial and the mapper's table may hold together, in estimated heap bytes. */
  long budget() {
    return target.budgetBytes();
  }

  /**
   * Writes {@code partial} as the next run, one file per partition (empty ones too), and counts
   * its entries, bytes and files in {@code counters}. On failure the run's files are removed and
   * it is not remembered; the partial is left as it was.
   *
   * @param heapBytes the partial's estimated heap bytes, for the message of a failure
   * @throws Failed naming the directory, the partial's size and, on a full disk, the space left
   */
  void write(Map<?, ?> partial, long heapBytes, CounterSet counters) {
    String run = target.run(nextRun);
    List<Path> files = SpillTarget.files(run, target.partitions());
    long bytes = 0;
    try {
      PartialFiles.write(partial, files);
      for (Path file : files) {
        bytes += Files.size(file);
      }
    } catch (IOException e) {
      removeQuietly(files);
      throw new Failed(String.format(Locale.ROOT,
          "cannot spill the partial (%,d entries, about %,d bytes in memory) to %s: %s",
          partial.size(), heapBytes, target.dir(), e.getMessage()), e);
    }
    nextRun++;
    runs.add(run);
    counters.add(Counters.SPILLED_RECORDS, partial.size());
    counters.add(Counters.SPILLED_BYTES, bytes);
    counters.add(Counters.SPILL_FILES, files.size());
  }

  /** Buffer per partition file of a run written pair by pair: 64 of them take 512 KB. */
  private static final int STREAM_BUFFER = 8 << 10;

  /**
   * Starts the next run, to be written pair by pair ({@link Stream#append}), with no map in
   * between: for a mapper handing on its own table, which would otherwise be held twice.
   *
   * @throws Failed if the run's files cannot be created
   */
  Stream stream() {
    return new Stream(target.run(nextRun++));
  }

  /** A run written pair by pair, each pair to its partition's file. */
  final class Stream {
    private final String run;
    private final List<Path> files;
    private final PartialFiles.Writer[] writers;
    private long appended;

    private Stream(String run) {
      this.run = run;
      this.files = SpillTarget.files(run, target.partitions());
      this.writers = new PartialFiles.Writer[files.size()];
      try {
        for (int p = 0; p < writers.length; p++) {
          writers[p] = new PartialFiles.Writer(files.get(p), STREAM_BUFFER);
        }
      } catch (IOException e) {
        throw abandon(e);
      }
    }

    void append(Object key, Object value) {
      try {
        writers[PartialFiles.segmentOf(key, writers.length)].append(key, value);
      } catch (IOException e) {
        throw abandon(e);
      }
      appended++;
    }

    /** Ends the run and counts it, or forgets it if nothing was appended. */
    void finish(CounterSet counters) {
      if (appended == 0) {
        for (PartialFiles.Writer w : writers) {
          try {
            w.close(); // unfinished: removed
          } catch (IOException e) {
            // an empty file nothing will read, removed with the job's directory
          }
        }
        return;
      }
      long bytes = 0;
      try {
        for (int p = 0; p < writers.length; p++) {
          writers[p].finish();
          bytes += Files.size(files.get(p));
        }
      } catch (IOException e) {
        throw abandon(e);
      }
      runs.add(run);
      counters.add(Counters.SPILLED_RECORDS, appended);
      counters.add(Counters.SPILLED_BYTES, bytes);
      counters.add(Counters.SPILL_FILES, writers.length);
    }

    private Failed abandon(IOException e) {
      for (PartialFiles.Writer w : writers) {
        try {
          if (w != null) {
            w.close();
          }
        } catch (IOException | RuntimeException ignored) {
          // removing what nothing will read; the first failure is the one to report
        }
      }
      return new Failed(String.format(Locale.ROOT,
          "cannot spill the mapper's table (%,d entries written) to %s: %s", appended,
          target.dir(), e.getMessage()), e);
    }
  }

  /** The runs written since creation or {@link #forgetRuns()}, oldest first; a copy. */
  List<String> runs() {
    return List.copyOf(runs);
  }

  /** Whether a run was written since creation or {@link #forgetRuns()}. */
  boolean hasRuns() {
    return !runs.isEmpty();
  }

  /** Forgets the runs written so far (they are the caller's); numbering goes on. */
  void forgetRuns() {
    runs = new ArrayList<>();
  }

  /**
   * A spill that failed: thrown through the mapper's {@code emit}, so the task can tell it from
   * the mapper's own failures.
   */
  static final class Failed extends UncheckedIOException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSES = 32;

    Failed(String message, IOException cause) {
      super(message, cause);
    }

    /** The spill failure that is {@code t} or among its causes (a mapper may wrap it), or null. */
    static Failed in(Throwable t) {
      Throwable cause = t;
      for (int i = 0; cause != null && i < MAX_CAUSES; i++, cause = cause.getCause()) {
        if (cause instanceof Failed failed) {
          return failed;
        }
      }
      return null;
    }
  }

  /** A failed run's files, which nothing will read, are removed as far as they can be. */
  private static void removeQuietly(List<Path> files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException | RuntimeException e) {
        // the job's directory is removed with the job; this only frees space early
      }
    }
  }
}
