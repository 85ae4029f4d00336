package org.forkreduce.spi;

import org.forkreduce.Input;
import org.forkreduce.Mapper;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;
import org.forkreduce.TaskContext;
import org.forkreduce.internal.input.InputChangedException;
import org.forkreduce.stats.Counters;

/** Runs a mapper over the records of one split, for {@link MapStep}. */
final class MapTask {
  /** Records mapped between two checks of the memory budget, when the partial spills. */
  static final int RECORDS_PER_CHECK = 4096;
  private static final int PREVIEW_CHARS = 200;

  private MapTask() {}

  /**
   * Reads every record {@code split} owns, maps it into {@code out}, and adds the task's counters
   * (records, bytes, emitted pairs, one split) to {@code counters}.
   *
   * <p>With {@code spilling}, every {@value #RECORDS_PER_CHECK} records (counted on from one split
   * to the next) the partial's estimate plus the mapper's {@link Mapper#heldBytes()} is checked
   * against the budget; when it passes, the mapper is flushed into the partial, the partial
   * spills, and mapping goes on with the next record.
   *
   * @param spilling the partial that {@code out} combines into, when it spills; otherwise null
   * @throws TaskException if reading, mapping or spilling failed, naming the split and the record
   */
  static <I, K, V> void run(Input<I> input, Mapper<I, K, V> mapper, Split split,
      int workerIndex, TaskEmitter<K, V> out, CombiningEmitter<K, V> spilling,
      CounterSet counters) throws TaskException {
    long emittedBefore = out.emitted;
    long records = 0;
    I record = null;
    String stage = "opening the split";
    try (RecordReader<I> reader = input.open(split)) {
      try {
        stage = "mapper setup";
        mapper.setup(new Context(split, workerIndex));
        stage = "reading a record";
        int recordsToCheck = spilling == null ? Integer.MAX_VALUE : spilling.recordsToCheck;
        while (reader.next()) {
          record = reader.current();
          stage = "mapping a record";
          mapper.map(record, out);
          records++;
          stage = "reading a record";
          record = null;
          if (--recordsToCheck == 0) {
            recordsToCheck = RECORDS_PER_CHECK;
            stage = "flushing the mapper to spill (over the memory budget) after a record";
            spillIfOver(mapper, spilling);
            stage = "reading a record";
          }
        }
        if (spilling != null) {
          spilling.recordsToCheck = recordsToCheck;
        }
        stage = "mapper cleanup";
        mapper.cleanup(out);
        stage = "closing the split (its file is checked unchanged)";
      } catch (Exception | StackOverflowError e) {
        // the record's position is asked for only now: some readers compute it at a cost
        long offset = stage.contains("record") ? safeOffset(reader, split) : split.start();
        String message = describe(input, split, stage, offset, record, e);
        throw new TaskException(message, cause(split, stage, reader, e));
      }
      counters.add(Counters.BYTES_READ, reader.bytesConsumed());
      if (reader.badRecords() > 0) {
        counters.add(Counters.BAD_RECORDS, reader.badRecords());
        counters.add(Counters.BAD_LINES, reader.badLines());
      }
    } catch (TaskException e) {
      throw e;
    } catch (Exception | StackOverflowError e) {
      throw new TaskException(describe(input, split, stage, split.start(), null, e),
          cause(split, stage, null, e));
    }
    counters.add(Counters.RECORDS_READ, records);
    counters.add(Counters.RECORDS_EMITTED, out.emitted - emittedBefore);
    counters.add(Counters.SPLITS, 1);
  }

  /**
   * When the partial (if it spills) and the mapper's table together pass the budget, flushes the
   * mapper into the partial and spills it.
   */
  private static <K, V> void spillIfOver(Mapper<?, K, V> mapper,
      CombiningEmitter<K, V> partial) throws Exception {
    if (partial != null && partial.bytes() + mapper.heldBytes() > partial.budget()) {
      mapper.flush(partial);
      partial.spill();
    }
  }

  /**
   * Calls the mapper's {@link Mapper#flush} into {@code out}, and counts what it emitted.
   *
   * @throws TaskException if the flush failed, naming the mapper's worker
   */
  static <I, K, V> void flush(Mapper<I, K, V> mapper, int workerIndex,
      TaskEmitter<K, V> out, CounterSet counters) throws TaskException {
    long emittedBefore = out.emitted;
    try {
      mapper.flush(out);
    } catch (Exception | StackOverflowError e) {
      Spiller.Failed spill = Spiller.Failed.in(e);
      throw new TaskException(spill != null
          ? spill.getMessage() + ", while flushing the mapper of worker " + workerIndex
          : e.getClass().getName() + " while flushing the mapper of worker " + workerIndex + ": "
              + e.getMessage(), e);
    }
    counters.add(Counters.RECORDS_EMITTED, out.emitted - emittedBefore);
  }

  /**
   * A task's failure as its cause: marked when the split was cut without proof and the cut may be
   * why. A cut inside a quoted field leaves a quote in the splits on both sides of it, and the
   * readers of such splits fail on any quote; so when the reader failed, the cut may be why, but
   * when the mapper failed and the reader reads the rest of the split without failing, the
   * failure is the job's own (a usage error, say), which planning again would only repeat.
   *
   * @param reader the split's reader, positioned after the record the mapper failed on; null
   *     when the reader could not be opened or closed
   */
  private static Throwable cause(Split split, String stage, RecordReader<?> reader,
      Throwable failure) {
    boolean mapperFailed = reader != null && !stage.equals("opening the split")
        && !stage.equals("reading a record");
    // a changed input is no cut's fault: planning again would read the changed file
    boolean cutMayBeWhy = split.speculative() && !(failure instanceof InputChangedException)
        && !(mapperFailed && readsToEnd(reader));
    return cutMayBeWhy ? new UnprovenSplitException(split, failure) : failure;
  }

  private static boolean readsToEnd(RecordReader<?> reader) {
    try {
      while (reader.next()) {
        // only whether the rest of the split reads without a failure matters
      }
      return true;
    } catch (Exception | StackOverflowError e) {
      return false;
    }
  }

  private static long safeOffset(RecordReader<?> reader, Split split) {
    try {
      return reader.recordOffset();
    } catch (RuntimeException e) {
      return split.start();
    }
  }

  /**
   * What failed, where. A failed spill leads with its own message (the directory, the space),
   * as neither the record nor the mapper is to blame.
   */
  private static String describe(Input<?> input, Split split, String stage, long offset,
      Object record, Throwable e) {
    Spiller.Failed spill = Spiller.Failed.in(e);
    StringBuilder sb = new StringBuilder();
    sb.append(spill == null ? e.getClass().getName() : spill.getMessage() + ",")
        .append(" while ").append(stage).append(" in split ").append(split);
    if (stage.contains("record")) {
      sb.append(" at ").append(input.describePosition(split, offset));
    }
    if (spill != null) {
      return sb.toString();
    }
    if (record != null) {
      String text = String.valueOf(record);
      sb.append(", record: \"")
          .append(text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "..." : text)
          .append('"');
    }
    sb.append(": ").append(e.getMessage());
    return sb.toString();
  }

  private record Context(Split split, int workerIndex) implements TaskContext {}
}
