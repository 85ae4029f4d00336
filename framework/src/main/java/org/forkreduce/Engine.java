package org.forkreduce;

import java.util.List;
import org.forkreduce.internal.engine.Engines;

/**
 * Where a job's mappers and merges run. Every engine gives the same result for the same job.
 *
 * <p>An engine owns its threads (and, for the processes engine, its worker JVMs) from creation
 * until {@link #close()}; it runs one job at a time, and may be reused for many jobs.
 */
public interface Engine extends AutoCloseable {

  /** Runs mappers and merges in the caller's thread: for tests, debugging and tiny inputs. */
  static Engine inline() {
    return Engines.inline();
  }

  /**
   * Runs mappers on {@code workers} threads of this JVM; each thread gets its own copy of the
   * mapper and reducer (a Kryo round trip, which also proves they could be shipped to a worker
   * process).
   *
   * @throws IllegalArgumentException if {@code workers} is below 1
   */
  static Engine threads(int workers) {
    return Engines.threads(workers);
  }

  /**
   * Runs mappers in {@code workers} worker JVMs started with this JVM's {@code java} and class
   * path; see {@link #processes(WorkerOptions)}.
   */
  static Engine processes(int workers) {
    return Engines.processes(WorkerOptions.defaults().workers(workers));
  }

  /**
   * Runs mappers in worker JVMs: process isolation, separate heaps and collectors, and a task
   * whose worker dies is retried on a fresh worker ({@link WorkerOptions#maxAttempts}). Workers
   * start with the first job and are reused until {@link #close()}.
   */
  static Engine processes(WorkerOptions options) {
    return Engines.processes(options);
  }

  /**
   * Chooses per job: small inputs run inline, large ones on worker processes; the stats name the
   * choice ({@code auto→inline}, {@code auto→processes}). See {@link #processes(WorkerOptions)}.
   */
  static Engine auto(WorkerOptions options) {
    return Engines.auto(options);
  }

  /** {@link #auto(WorkerOptions)} with one worker process per processor. */
  static Engine auto() {
    return Engines.auto(WorkerOptions.defaults());
  }

  /** The engine names {@link #named} knows, for help texts. */
  String NAMES = "auto, inline, threads, processes, spark (with the runner-spark module)";

  /** {@link #named(String, int, String)} with the engine's default master. */
  static Engine named(String name, int workers) {
    return named(name, workers, null);
  }

  /**
   * The engine called {@code name} ({@value #NAMES}) with {@code workers} workers (ignored by
   * inline), for command lines and configuration files. Names the framework does not know are
   * looked up among the {@link org.forkreduce.spi.EngineProvider}s on the class path.
   *
   * @param master where the engine runs, for engines that run elsewhere (Spark's master URL such
   *     as {@code local[2]} or {@code spark://host:7077}); null for the default
   * @throws IllegalArgumentException for an unknown name, saying which are allowed, or a master
   *     given to an engine that runs on this machine
   * @throws IllegalStateException if the engine's module or library is missing, naming it
   */
  static Engine named(String name, int workers, String master) {
    return named(name, WorkerOptions.defaults().workers(workers), master);
  }

  /**
   * {@link #named(String, int, String)} with worker processes started as {@code options} say
   * (their number is also the threads engine's), e.g. with a heap of their own.
   */
  static Engine named(String name, WorkerOptions options, String master) {
    int workers = options.workers();
    if (master != null && List.of("auto", "inline", "threads", "processes").contains(name)) {
      throw new IllegalArgumentException("a master ('" + master + "') is for engines that run "
          + "elsewhere, such as spark; engine '" + name + "' runs on this machine: drop it");
    }
    return switch (name) {
      case "auto" -> auto(options);
      case "inline" -> inline();
      case "threads" -> threads(workers);
      case "processes" -> processes(options);
      default -> Engines.provided(name, workers, master);
    };
  }

  /**
   * Runs the job and returns its complete result; never a partial one.
   *
   * @throws JobFailedException if a mapper or reducer failed
   * @throws InputException if an input path is missing or unreadable
   */
  <I, K, V> JobResult<K, V> run(Job<I, K, V> job);

  /** The engine's name, as shown in summaries: {@code inline}, {@code threads}, ... */
  String name();

  /** How many workers run mappers concurrently. */
  int workers();

  /** Stops the engine's threads or processes. Idempotent. */
  @Override
  void close();
}
