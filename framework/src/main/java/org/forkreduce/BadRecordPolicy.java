package org.forkreduce;

/** What to do with a record that cannot be read: malformed, or with the wrong number of fields. */
public enum BadRecordPolicy {
  /** Stop the job with the file, line, byte offset and raw text of the record. */
  FAIL,
  /**
   * Skip it, count it in the {@code bad_records} counter and write its raw text to a rejects
   * file; never dropped silently.
   */
  SKIP
}
