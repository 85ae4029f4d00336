package org.forkreduce;

import java.io.Serializable;
import java.util.Objects;
import org.forkreduce.stats.ProgressListener;

/**
 * An immutable description of a map-reduce job: an input, a mapper, an optional reducer and
 * options. Every {@code with}-style method validates its value and returns a new job.
 *
 * <pre>{@code
 * JobResult<String, Long> result = Job.of(Inputs.textLines(Path.of("books/")))
 *     .mapper(new WordCountMapper())
 *     .reducer(Long::sum)
 *     .run(engine);
 * }</pre>
 *
 * <p>Without a reducer the job is map-only: the emitted pairs of each split are kept in order and
 * written one part file per split.
 *
 * @param <I> the input record type
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Job<I, K, V> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default number of partials merged into one per step of the tree reduction. */
  public static final int DEFAULT_FAN_IN = 4;

  /** The share of a JVM's maximum heap the job's own buffers may hold, unless set. */
  public static final int DEFAULT_BUDGET_PERCENT = 40;

  private final Input<I> input;
  private final Mapper<I, K, V> mapper;
  private final Reducer<V> reducer;
  private final long splitSize;
  private final int fanIn;
  private final long memoryBudget;
  private final transient ProgressListener progress;

  private Job(Input<I> input, Mapper<I, K, V> mapper, Reducer<V> reducer, long splitSize,
      int fanIn, long memoryBudget, ProgressListener progress) {
    this.input = input;
    this.mapper = mapper;
    this.reducer = reducer;
    this.splitSize = splitSize;
    this.fanIn = fanIn;
    this.memoryBudget = memoryBudget;
    this.progress = progress;
  }

  /** Starts a job over {@code input}; name the mapper next. */
  public static <I> Source<I> of(Input<I> input) {
    return new Source<>(Objects.requireNonNull(input, "input"));
  }

  /** The first step of building a job: an input without a mapper yet. */
  public static final class Source<I> {
    private final Input<I> input;

    private Source(Input<I> input) {
      this.input = input;
    }

    /** Sets the mapper; the job is map-only until a reducer is set. */
    public <K, V> Job<I, K, V> mapper(Mapper<I, K, V> mapper) {
      return new Job<>(input, Objects.requireNonNull(mapper, "mapper"), null, 0, DEFAULT_FAN_IN,
          0, ProgressListener.NONE);
    }
  }

  /** Sets the reducer that merges values of one key; see {@link Reducer} for its laws. */
  public Job<I, K, V> reducer(Reducer<V> reducer) {
    return new Job<>(input, mapper, Objects.requireNonNull(reducer, "reducer"), splitSize, fanIn,
        memoryBudget, progress);
  }

  /**
   * Sets the split size in bytes. By default it is derived from the input size and the engine's
   * worker count (see {@link org.forkreduce.SplitPolicy}).
   *
   * @throws IllegalArgumentException if {@code bytes} is not positive
   */
  public Job<I, K, V> splitSize(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException(
          "split size must be a positive number of bytes, got " + bytes);
    }
    return new Job<>(input, mapper, reducer, bytes, fanIn, memoryBudget, progress);
  }

  /**
   * Sets how many partial results one merge step of the tree reduction combines (default
   * {@value #DEFAULT_FAN_IN}); the reduction takes {@code ceil(log_fanIn(workers))} rounds.
   *
   * @throws IllegalArgumentException if {@code fanIn} is below 2
   */
  public Job<I, K, V> fanIn(int fanIn) {
    if (fanIn < 2) {
      throw new IllegalArgumentException("fan-in must be at least 2, got " + fanIn);
    }
    return new Job<>(input, mapper, reducer, splitSize, fanIn, memoryBudget, progress);
  }

  /**
   * Sets the memory budget of the job's own buffers in each JVM, in bytes: the combined partials
   * of the workers in that JVM together, and the driver's in-memory result. A worker whose partial
   * passes its share spills it to disk; a result larger than the driver's budget stays on disk
   * and is read one partition at a time. By default it is derived from each JVM's maximum heap
   * ({@code -Xmx}): {@value #DEFAULT_BUDGET_PERCENT}% of it.
   *
   * @throws IllegalArgumentException if {@code bytes} is below 1 MB
   */
  public Job<I, K, V> memoryBudget(long bytes) {
    if (bytes < 1 << 20) {
      throw new IllegalArgumentException("memory budget must be at least 1 MB (1048576 bytes),"
          + " got " + bytes + "; give it in bytes, as 64L << 20 for 64 MB");
    }
    return new Job<>(input, mapper, reducer, splitSize, fanIn, bytes, progress);
  }

  /** Sets a listener told of progress after each split; it stays in this JVM. */
  public Job<I, K, V> progress(ProgressListener listener) {
    return new Job<>(input, mapper, reducer, splitSize, fanIn, memoryBudget,
        Objects.requireNonNull(listener, "listener"));
  }

  /** Runs the job on {@code engine} and returns its complete result. */
  public JobResult<K, V> run(Engine engine) {
    return engine.run(this);
  }

  public Input<I> input() {
    return input;
  }

  public Mapper<I, K, V> mapper() {
    return mapper;
  }

  /** The reducer, or {@code null} for a map-only job. */
  public Reducer<V> reducer() {
    return reducer;
  }

  /** True when the job has no reducer. */
  public boolean isMapOnly() {
    return reducer == null;
  }

  /** The split size in bytes, or 0 when it is derived. */
  public long splitSize() {
    return splitSize;
  }

  public int fanIn() {
    return fanIn;
  }

  /**
   * The memory budget per JVM in bytes, as set by {@link #memoryBudget(long)}, or else {@value
   * #DEFAULT_BUDGET_PERCENT}% of this JVM's maximum heap.
   */
  public long memoryBudget() {
    return memoryBudget > 0 ? memoryBudget : defaultBudget(Runtime.getRuntime().maxMemory());
  }

  /**
   * The budget for JVMs of {@code memoryBytes} each, as a command line's {@code --memory} gives
   * it: {@value #DEFAULT_BUDGET_PERCENT}% of it, or of this JVM's maximum heap if that is
   * smaller, so that the budget fits this JVM too.
   */
  public static long defaultBudget(long memoryBytes) {
    return Math.min(memoryBytes, Runtime.getRuntime().maxMemory()) / 100
        * DEFAULT_BUDGET_PERCENT;
  }

  /** The progress listener; never null (a deserialized job has the no-op listener). */
  public ProgressListener progress() {
    return progress == null ? ProgressListener.NONE : progress;
  }
}
