package org.forkreduce;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads the records of one split, in file order. Not thread-safe.
 *
 * @param <I> the record type
 */
public interface RecordReader<I> extends Closeable {

  /** Advances to the next record; false at the end of the split. */
  boolean next() throws IOException;

  /** The current record; valid after {@link #next()} returned true. */
  I current();

  /** The byte offset in the file (uncompressed) where the current record starts. */
  long recordOffset();

  /** Bytes consumed so far, terminators and a BOM included; over all splits, the file's size. */
  long bytesConsumed();

  /** Records skipped as bad (and written to a rejects file) under a skip policy. */
  default long badRecords() {
    return 0;
  }

  /** Lines of the file in the records {@link #badRecords()} counts. */
  default long badLines() {
    return 0;
  }
}
