package org.forkreduce.spi;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.stream.Stream;

/** Sorting more items than fit in memory. STUB: to be written. */
public final class ExternalSort {
  private ExternalSort() {}

  /**
   * The items in {@code order}, holding at most {@code budgetBytes} of them in memory: sorted
   * runs go to a private (0700) directory made in {@code tempDir} and are merged k-way as the
   * returned stream is read. Items must be Kryo-serializable. Close the stream: closing removes
   * the runs (they are removed at the JVM's exit otherwise).
   */
  public static <T> Stream<T> sorted(Iterator<? extends T> items, Comparator<? super T> order,
      long budgetBytes, Path tempDir) {
    throw new UnsupportedOperationException("stub");
  }
}
