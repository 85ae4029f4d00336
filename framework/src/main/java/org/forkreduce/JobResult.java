package org.forkreduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/**
 * The complete result of a job: a key-to-value map for a job with a reducer, or the emitted pairs
 * of every split, in split order, for a map-only job. Also the job's counters and run statistics.
 *
 * <p>A reduce job's result that fits the driver's memory budget ({@link Job#memoryBudget}) is
 * held in memory ({@link #inMemory()}). A larger one stays on disk, in the job's private
 * directory, as partition files of disjoint keys: {@link #stream()}, {@link #iterator()},
 * {@link #drain} and {@link #writeTo} read one partition at a time, and {@link #toMap()} refuses
 * it. Such a result owns its files until {@link #close()} (or the JVM's exit) removes them; close
 * every result in a try-with-resources, as closing one in memory costs nothing.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface JobResult<K, V> extends Iterable<Map.Entry<K, V>>, AutoCloseable {

  /**
   * The result as an unmodifiable map.
   *
   * @throws IllegalStateException for a map-only job, whose keys may repeat, and for a result
   *     larger than the driver's memory budget (the message names the ways to read it instead)
   */
  Map<K, V> toMap();

  /**
   * True when the result is held in memory; false when it is read from disk one partition at a
   * time, because it did not fit the driver's memory budget.
   */
  default boolean inMemory() {
    return true;
  }

  /** Removes the result's files, if it has any; afterwards it must not be read. Idempotent. */
  @Override
  default void close() {}

  /**
   * Hands every entry of a reduce job's result to {@code action}, once each and in no particular
   * order, letting go of each before handing it on; afterwards the result is empty. For results
   * too large to hold twice while they are turned into something else (a table, a file).
   *
   * @throws IllegalStateException for a map-only job
   */
  void drain(BiConsumer<? super K, ? super V> action);

  /** The entries: in no particular order for a reduce job, in split order for a map-only job. */
  Stream<Map.Entry<K, V>> stream();

  /** The entries sorted by {@code order}. */
  default List<Map.Entry<K, V>> sorted(Comparator<? super Map.Entry<K, V>> order) {
    return stream().sorted(order).toList();
  }

  /** Number of entries (distinct keys for a reduce job). */
  long size();

  /** True when the job had no reducer. */
  boolean isMapOnly();

  /**
   * Writes the entries as {@code key<TAB>value} lines, UTF-8, to part files in {@code dir}, then
   * an empty {@code _SUCCESS} marker. Everything is written to a private temporary directory beside
   * {@code dir} and renamed into place only when complete, so {@code dir} never holds partial
   * output. A reduce job's entries are written in {@code order} (null: unspecified), a million per
   * part file; a map-only job writes one part file per split, in emitted order. A result on disk
   * is sorted externally (sorted runs under the memory budget, then a merge), so any size can be
   * written in any order.
   *
   * @throws OutputExistsException if {@code dir} exists and {@link WriteOption#OVERWRITE} is absent
   */
  void writeTo(Path dir, Comparator<? super Map.Entry<K, V>> order, WriteOption... options)
      throws IOException;

  /**
   * Refuses {@code dir} as {@link #writeTo} would: call it before a job runs, so that a refusal
   * costs nothing.
   *
   * @throws OutputExistsException if {@code dir} exists and {@link WriteOption#OVERWRITE} is
   *     absent, or exists and is not a directory
   */
  static void checkTarget(Path dir, WriteOption... options) {
    if (Files.exists(dir) && !Arrays.asList(options).contains(WriteOption.OVERWRITE)) {
      throw new OutputExistsException("Output directory already exists: "
          + dir.toAbsolutePath() + ". Choose a new directory or ask to overwrite it"
          + " (--overwrite on the command line, WriteOption.OVERWRITE in code).");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new OutputExistsException("Output path exists and is not a directory: "
          + dir.toAbsolutePath() + ". Choose a directory path.");
    }
  }

  /** Built-in and user counters, summed over all tasks. */
  Counters counters();

  /** How the job ran and how long each phase took. */
  RunStats stats();
}
