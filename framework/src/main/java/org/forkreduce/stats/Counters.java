package org.forkreduce.stats;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** An immutable snapshot of a job's counters: built-in ones (named below) and user ones. */
public final class Counters implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Input bytes consumed by the record readers (uncompressed, terminators included). */
  public static final String BYTES_READ = "bytes_read";
  /** Records read from the input. */
  public static final String RECORDS_READ = "records_read";
  /**
   * Pairs emitted by the mapper, before combining. A mapper that emits at {@code flush} emits
   * once per hand-off of a worker's output, so there this depends on the engine and its workers.
   */
  public static final String RECORDS_EMITTED = "records_emitted";
  /** Splits processed. */
  public static final String SPLITS = "splits";
  /** Records skipped as bad and written to a rejects file (only under a skip policy). */
  public static final String BAD_RECORDS = "bad_records";
  /** Lines of the file in the bad records skipped (a record cut short by a stray quote spans many). */
  public static final String BAD_LINES = "bad_lines";
  /** Distinct keys in the result (pairs in the result of a map-only job). */
  public static final String DISTINCT_KEYS = "distinct_keys";
  /** Entries written to disk because a worker's partial passed the job's memory budget. */
  public static final String SPILLED_RECORDS = "spilled_records";
  /** Bytes of the spill files written (Kryo-encoded, as on disk). */
  public static final String SPILLED_BYTES = "spilled_bytes";
  /** Spill files written: one per partition of each spill run. */
  public static final String SPILL_FILES = "spill_files";

  private final Map<String, Long> values;

  private Counters(Map<String, Long> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** A snapshot of {@code values}, which it copies. */
  public static Counters of(Map<String, Long> values) {
    return new Counters(values);
  }

  /** The counter's value, 0 if it was never incremented. */
  public long get(String name) {
    return values.getOrDefault(name, 0L);
  }

  /** All counters, by name. */
  public Map<String, Long> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
