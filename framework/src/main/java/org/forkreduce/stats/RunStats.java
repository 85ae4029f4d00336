package org.forkreduce.stats;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

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

  /** The charset {@code System.err} writes in: the locale's, unless the JVM was told another. */
  private static Charset consoleCharset() {
    String name = System.getProperty("stderr.encoding", System.getProperty("sun.stderr.encoding"));
    return name == null || !Charset.isSupported(name) ? Charset.defaultCharset()
        : Charset.forName(name);
  }
}
