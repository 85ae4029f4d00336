package org.forkreduce.stats;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a job ran: the engine, its parallelism and the time per phase.
 *
 * @param engine the engine's name ({@code inline}, {@code threads}, ...)
 * @param workers how many workers ran mappers
 * @param splits how many splits the input was cut into
 * @param plan time spent listing files and planning splits
 * @param map time from the first task's start to the last task's end
 * @param reduce time spent merging the workers' partial results
 * @param total wall time of the whole run
 * @param memory each JVM's peak memory, the driver first; a worker replaced after a death is
 *     reported once per process
 */
public record RunStats(
    String engine, int workers, int splits, Duration plan, Duration map, Duration reduce,
    Duration total, List<MemoryPeak> memory) implements Serializable {

  /** Copies {@code memory}. */
  public RunStats {
    memory = List.copyOf(memory);
  }

  /**
   * The engine's name as {@code charset} can show it: an engine chosen by another reads {@code
   * auto→inline} where the charset can encode the arrow, else {@code auto->inline}.
   */
  public String engine(Charset charset) {
    return charset.newEncoder().canEncode(engine) ? engine : engine.replace("→", "->");
  }

  /** The engine's name as the console shows it: {@link #engine(Charset)} with its charset. */
  public String consoleEngine() {
    return engine(consoleCharset());
  }

  /** The worker count with its noun: {@code 1 worker}, {@code 4 workers}. */
  public String workerCount() {
    return workers + (workers == 1 ? " worker" : " workers");
  }

  /**
   * What a command line's one-line summary adds about memory, or "": when the job spilled
   * ({@link Counters#SPILL_FILES} above 0), the spills and each JVM's peak memory; when {@code
   * always} ({@code --verbose}), the peaks anyway. For example {@code ", spilled 12 files
   * (1.4 GB), peak memory: driver 310 MB heap/420 MB RSS, worker 0 200 MB heap/260 MB RSS"}; a
   * JVM whose RSS is unknown shows its heap only. MB and GB are 2^20 and 2^30 bytes, as {@code
   * -Xmx} counts them. The driver's peak is taken again as the note is made, so that it counts
   * what the caller did with the result since the job ended (writing it out, sorted).
   */
  public String memoryNote(Counters counters, boolean always) {
    long files = counters.get(Counters.SPILL_FILES);
    StringBuilder note = new StringBuilder();
    if (files > 0) {
      note.append(", spilled ").append(files).append(files == 1 ? " file (" : " files (")
          .append(size(counters.get(Counters.SPILLED_BYTES))).append(')');
    }
    if ((files > 0 || always) && !memory.isEmpty()) {
      note.append(", peak memory: ");
      for (int i = 0; i < memory.size(); i++) {
        MemoryPeak peak = i == 0 ? sinceTheJob(memory.get(0)) : memory.get(i);
        note.append(i == 0 ? "" : ", ").append(peak.jvm()).append(' ')
            .append(size(peak.heapBytes())).append(" heap");
        if (peak.rssBytes() >= 0) {
          note.append('/').append(size(peak.rssBytes())).append(" RSS");
        }
      }
    }
    return note.toString();
  }

  /** The driver's peak at the job's end, or now if higher (in this JVM, the driver). */
  private static MemoryPeak sinceTheJob(MemoryPeak atEnd) {
    MemoryPeak now = MemoryPeak.of(atEnd.jvm());
    return new MemoryPeak(atEnd.jvm(), Math.max(atEnd.heapBytes(), now.heapBytes()),
        Math.max(atEnd.rssBytes(), now.rssBytes()));
  }

  /** {@code 1.4 GB} from 1 GB up, else whole MB ({@code 310 MB}, {@code <1 MB}, {@code 0 MB}). */
  private static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    return bytes > 0 && bytes < 1L << 20 ? "<1 MB" : Math.round(bytes / (double) (1L << 20))
        + " MB";
  }

  /** The charset {@code System.err} writes in: the locale's, unless the JVM was told another. */
  private static Charset consoleCharset() {
    String name = System.getProperty("stderr.encoding", System.getProperty("sun.stderr.encoding"));
    return name == null || !Charset.isSupported(name) ? Charset.defaultCharset()
        : Charset.forName(name);
  }
}
