package org.forkreduce.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.forkreduce.Job;
import org.forkreduce.Mapper;
import org.forkreduce.Reducer;
import org.forkreduce.Split;
import org.forkreduce.internal.reduce.Partials;
import org.forkreduce.internal.spill.SpillTarget;

/**
 * One worker's mapping for one job, the step every engine runs: map a split, combine what it
 * emits into the worker's partial (reduce jobs) or collect it (map-only jobs), and flush the
 * mapper when the worker hands its output on. The in-JVM engines, the worker process and the
 * Spark engine all map through this class, so errors name the split and record alike everywhere.
 *
 * <p>Lifecycle: create one per worker (a thread, a process, a Spark task) with that worker's own
 * mapper instance; call {@link #combine} or {@link #collect} for each split, then, in a reduce
 * job, {@link #flush} when handing the partial on. The step owns its partial and counters until
 * then; after {@link #reset()} it starts a new, empty partial. Not thread-safe.
 *
 * <p>Spilling (reduce jobs, with a {@link SpillTarget} that {@link SpillTarget#spills spills}):
 * the partial is sized every 1024 emits, and when its estimate ({@link #partialBytes()}) passes
 * the target's budget it is written to the target's directory as a run and mapping goes on with
 * an empty partial. Every 4096 records (counted on from one split to the next), if the partial
 * and the mapper's {@link Mapper#heldBytes()} together pass the budget, the mapper is {@linkplain
 * Mapper#flush flushed} into the partial between two records and the partial spills. So the
 * step's own partial stays near its budget even under a mapper that holds a table and reports
 * none. The {@link #spilledRuns() runs} and the partial {@link #flush} returns together hold
 * everything mapped since the step was created or reset, a key possibly in several of them:
 * merge them with the job's reducer. The runs' files are the caller's to read and remove; the
 * step never deletes a run it wrote (only the files of a run that failed). Map-only jobs never
 * spill.
 */
public final class MapStep<I, K, V> {
  private final Job<I, K, V> job;
  private final Mapper<I, K, V> mapper;
  private final int workerIndex;
  private final Spiller spiller;
  private CounterSet counters;
  private CombiningEmitter<K, V> combiner;
  private boolean mapped;

  /**
   * A step that never spills: its partial may grow as large as the heap.
   *
   * @param mapper the worker's own instance: {@code job.mapper()} or a copy of it
   * @param workerIndex the worker's index, from 0, as {@link org.forkreduce.TaskContext} tells it
   */
  public MapStep(Job<I, K, V> job, Mapper<I, K, V> mapper, int workerIndex) {
    this(job, mapper, workerIndex, SpillTarget.none());
  }

  /**
   * A step that spills its partial, and has its mapper flush its own table, whenever the two
   * together pass {@code spills.budgetBytes()} (see the class comment); with {@link
   * SpillTarget#none()} it never spills and maps as fast as a step made without a target.
   *
   * @param spills where runs go; its directory must exist, private to the job
   */
  public MapStep(Job<I, K, V> job, Mapper<I, K, V> mapper, int workerIndex,
      SpillTarget spills) {
    this.job = job;
    this.mapper = mapper;
    this.workerIndex = workerIndex;
    this.spiller = spills.spills() && !job.isMapOnly() ? new Spiller(spills) : null;
    reset();
  }

  /**
   * The runs spilled since the step was created or last reset, oldest first, each named as
   * {@link SpillTarget#run} names it (its files are {@code <run>-<p>}, every partition p, empty
   * ones too). They and the partial {@link #flush} returns together hold everything mapped
   * since then. Empty for a step that does not spill.
   */
  public List<String> spilledRuns() {
    return spiller == null ? List.of() : spiller.runs();
  }

  /**
   * The estimated heap bytes of the partial as it is now ({@code EntrySizer}); 0 in a map-only
   * job. Cheap when the step spills; otherwise it sums the entries one by one.
   */
  public long partialBytes() {
    return combiner == null ? 0 : combiner.bytes();
  }

  /**
   * Maps the records of {@code split} into the partial (a reduce job), spilling as the class
   * comment says.
   *
   * @throws TaskException if reading, mapping or spilling failed, naming the split and the
   *     record; a failed spill also names the directory and, on a full disk, the space left
   */
  public void combine(Split split) throws TaskException {
    MapTask.run(job.input(), mapper, split, workerIndex, combiner,
        combiner.spills() ? combiner : null, counters);
    mapped = true;
  }

  /**
   * Maps the records of {@code split}, flushes the mapper, and returns the pairs they emitted in
   * order (a map-only job).
   *
   * @throws TaskException if reading, mapping or flushing failed
   */
  public List<Map.Entry<K, V>> collect(Split split) throws TaskException {
    CollectingEmitter<K, V> out = new CollectingEmitter<>(counters);
    MapTask.run(job.input(), mapper, split, workerIndex, out, null, counters);
    MapTask.flush(mapper, workerIndex, out, counters);
    return out.pairs();
  }

  /**
   * Flushes the mapper into the partial if a split was mapped since the last flush, and returns
   * the partial (a reduce job); it stays the step's until {@link #reset()}. What the flush emits
   * may spill too: take {@link #spilledRuns()} after this call.
   *
   * @throws TaskException if the mapper's flush, or a spill during it, failed
   */
  public HashMap<K, V> flush() throws TaskException {
    if (mapped) {
      MapTask.flush(mapper, workerIndex, combiner, counters);
      mapped = false;
    }
    return combiner.partial();
  }

  /** The counters of what was mapped since the step was created or last reset. */
  public CounterSet counters() {
    return counters;
  }

  /**
   * Starts a new, empty partial and counters, and forgets the spilled runs; the old ones are the
   * caller's. Runs spilled later get new names.
   */
  public void reset() {
    counters = new CounterSet();
    combiner = job.isMapOnly() ? null
        : new CombiningEmitter<>(job.reducer(), counters, spiller);
    mapped = false;
    if (spiller != null) {
      spiller.forgetRuns();
    }
  }

  /**
   * The reducer as the framework merges with it: a null result fails, rather than dropping the
   * key (as {@link Map#merge} would).
   */
  public static <V> BiFunction<V, V, V> checked(Reducer<V> reducer) {
    return Partials.checked(reducer);
  }
}
