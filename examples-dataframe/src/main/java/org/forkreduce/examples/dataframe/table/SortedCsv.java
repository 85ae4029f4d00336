package org.forkreduce.examples.dataframe.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.forkreduce.spi.ExternalSort;

/**
 * Writes a result too large to hold as a {@link ResultTable} as the CSV the table would write:
 * its lines sorted by their keys through an external sort ({@link ExternalSort}), so that only
 * the sort's budget of lines is held at a time.
 */
public final class SortedCsv {
  private SortedCsv() {}

  /** Lines are handed to the output in chunks of about this many chars. */
  private static final int CHUNK = 1 << 16;

  /**
   * Writes {@code header} and then {@code lines} in {@link SortedLine#ORDER}, each line followed
   * by a line break; the sort holds at most {@code budgetBytes} of lines in memory and puts its
   * sorted runs in a private directory in {@code tempDir}, removed when it is done. Returns the
   * number of lines written after the header.
   */
  public static long write(String header, Iterator<Map.Entry<byte[], String>> lines, long budgetBytes,
      Path tempDir, Appendable out) throws IOException {
    out.append(header).append('\n');
    long written = 0;
    StringBuilder chunk = new StringBuilder(CHUNK + 256);
    try (Stream<Map.Entry<byte[], String>> sorted = ExternalSort.sorted(lines, SortedLine.ORDER, budgetBytes,
        tempDir)) {
      for (Iterator<Map.Entry<byte[], String>> it = sorted.iterator(); it.hasNext(); written++) {
        chunk.append(it.next().getValue()).append('\n');
        if (chunk.length() >= CHUNK) {
          out.append(chunk);
          chunk.setLength(0);
        }
      }
    }
    out.append(chunk);
    return written;
  }
}
