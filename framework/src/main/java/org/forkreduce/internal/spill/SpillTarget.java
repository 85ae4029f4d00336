package org.forkreduce.internal.spill;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and when one worker spills: its share of the job's memory budget, and the files its
 * spills go to. A spill is a run of {@code partitions} files, {@code <prefix>-<n>-<p>} for
 * partition p of the worker's n-th spill, each the entries of that partition in {@link
 * org.forkreduce.internal.serde.PartialFiles} format; the run's name is {@code <prefix>-<n>}.
 * The prefix must be unique to the worker process (a replacement worker spills under another),
 * so that a dead worker's runs are never mistaken for a live one's.
 *
 * @param budgetBytes what the worker's partial and its mapper's table may hold together
 * @param dir the job's private directory
 * @param prefix the file name prefix of this worker's runs, unique in {@code dir}
 * @param partitions how many partitions a run is cut into, by {@link
 *     org.forkreduce.internal.serde.PartialFiles#segmentOf}
 */
public record SpillTarget(long budgetBytes, Path dir, String prefix, int partitions) {

  /** No spilling at all: the partial may grow as large as the heap (Spark's tasks). */
  public static SpillTarget none() {
    return new SpillTarget(Long.MAX_VALUE, null, null, 1);
  }

  /** Whether spills may happen. */
  public boolean spills() {
    return dir != null;
  }

  /** The files of run {@code run} (a flushed partial too): {@code <run>-<p>} for each p. */
  public static List<Path> files(String run, int partitions) {
    List<Path> files = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      files.add(Path.of(run + "-" + p));
    }
    return files;
  }

  /** The path prefix of run {@code n}: its partition p is {@code <runPrefix>-<p>}. */
  public String run(int n) {
    return dir.resolve(prefix + "-" + n).toString();
  }
}
