package org.forkreduce.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.forkreduce.JobResult;
import org.forkreduce.internal.output.Leftovers;
import org.forkreduce.internal.output.OutputCommitter;
import org.forkreduce.internal.serde.PartialFiles;
import org.forkreduce.internal.spill.PartitionMerge;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.spi.JobResults;
import org.forkreduce.spi.RunTimer;

/**
 * The reduction of a job that did not fit in memory, as every engine runs it: each partition's
 * files (the flushed partials' segment and every spill run's) are merged on their own into
 * reduced files, and the result reads those one partition at a time. Also the job's private
 * directory, which holds all of these files.
 */
final class SpillReduce {
  /** How many partitions a spill run and a flushed partial are cut into. */
  static final int PARTITIONS = 64;

  private SpillReduce() {}

  /** Whether a job must take this path: a worker spilled, or the partials pass the budget. */
  static boolean needed(boolean spilled, long partialBytes, long budgetBytes) {
    return spilled || partialBytes > budgetBytes;
  }

  /** For each partition, its file from every run (flushed partials and spills alike). */
  static List<List<String>> inputs(List<String> runs) {
    List<List<String>> inputs = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      List<String> files = new ArrayList<>();
      for (String run : runs) {
        files.add(run + "-" + p);
      }
      inputs.add(files);
    }
    return inputs;
  }

  /** For each partition, the prefix of its reduced files. */
  static List<String> outputs(Path dir) {
    List<String> outputs = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      outputs.add(dir.resolve("reduced-" + p).toString());
    }
    return outputs;
  }

  /** Removes the merged inputs, once every partition is reduced: they would double the disk. */
  static void removeInputs(List<List<String>> inputs) {
    for (List<String> files : inputs) {
      for (String file : files) {
        try {
          Files.deleteIfExists(Path.of(file));
        } catch (IOException e) {
          // removed with the directory later
        }
      }
    }
  }

  /**
   * The result read from the reduced partitions; it owns {@code dir} and removes it on close.
   *
   * @param tempDir where an ordered {@code writeTo} sorts
   * @param budgetBytes the driver's memory budget
   */
  static <K, V> JobResult<K, V> result(List<PartitionMerge.Reduced> reduced, Path dir,
      Path tempDir, long budgetBytes, CounterSet counters, RunTimer timer, String engine,
      int workers) {
    List<Supplier<Stream<Map.Entry<K, V>>>> streams = new ArrayList<>();
    long keys = 0;
    long bytes = 0;
    for (PartitionMerge.Reduced r : reduced) {
      keys += r.keys();
      bytes += r.heapBytes();
      List<String> files = List.copyOf(r.files());
      streams.add(() -> files.stream().flatMap(SpillReduce::<K, V>entries));
    }
    JobResults.Partitions<K, V> partitions =
        new JobResults.Partitions<>(streams, keys, bytes, tempDir, () -> deleteQuietly(dir));
    return JobResults.partitioned(partitions, budgetBytes, counters, timer, engine, workers);
  }

  private static <K, V> Stream<Map.Entry<K, V>> entries(String file) {
    try {
      return PartialFiles.entries(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the result's partition file: "
          + e.getMessage(), e);
    }
  }

  /** A new private (0700) job directory in {@code parent}, after sweeping dead jobs' ones. */
  static Path privateDirectory(Path parent, String hint) {
    try {
      Leftovers.sweep(parent, Leftovers.JOB_PREFIX);
      return Leftovers.createDirectory(parent, Leftovers.JOB_PREFIX);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the job's temporary directory in " + parent
          + "; " + hint, e);
    }
  }

  /** Removes a job directory, logging what it could not. Idempotent. */
  static void deleteQuietly(Path dir) {
    try {
      if (Files.exists(dir)) {
        OutputCommitter.deleteRecursively(dir);
      }
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(SpillReduce.class)
          .warn("could not remove the job directory {}: {}", dir, e.toString());
    }
  }
}
