package org.forkreduce;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of input files and how to read records from them. Obtain one from {@link Inputs}.
 *
 * <p>An input is a description (paths and format), not open files: it is serializable and travels
 * to worker processes, which open their own splits — pass names, not data.
 *
 * @param <I> the record type
 */
public interface Input<I> extends Serializable {

  /**
   * Lists the input files and cuts them into splits sized by {@code policy}. Files that cannot be
   * split (gzip) give one split each; empty files give none.
   *
   * @throws InputException if a path does not exist or cannot be read
   */
  List<Split> splits(SplitPolicy policy) throws IOException;

  /**
   * Splits that hold the input's first records, about {@code bytes} of them, for sampling (such
   * as guessing column types) without reading the whole input. The default plans the whole
   * input with splits of {@code bytes} and keeps the first; CSV input plans only what it samples.
   */
  default List<Split> sample(long bytes) throws IOException {
    List<Split> sample = new ArrayList<>();
    long covered = 0;
    for (Split split : splits(new SplitPolicy(bytes, 1))) {
      if (covered >= bytes) {
        break;
      }
      sample.add(split);
      covered += split.length();
    }
    return sample;
  }

  /** Opens a reader over exactly the records that {@code split} owns. */
  RecordReader<I> open(Split split) throws IOException;

  /**
   * Describes where the record that starts at byte {@code offset} of {@code split}'s file lies,
   * for error messages (for example {@code "line 1042 (byte 88213)"}). Called only on failure, so
   * it may read the file.
   */
  String describePosition(Split split, long offset);
}
