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
    List<Path> files = new ArrayList<>(target.partitions());
    for (int p = 0; p < target.partitions(); p++) {
      files.add(Path.of(run + "-" + p));
    }
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

  /** The runs written since creation or {@link #forgetRuns()}, oldest first; a copy. */
  List<String> runs() {
    return List.copyOf(runs);
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
