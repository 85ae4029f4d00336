package org.forkreduce.internal.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The plan of a CSV file in which no byte is the quote character: there every line feed ends a
 * record, so the cuts {@link CsvBoundaries} would find are the first line feeds past each split
 * size, found by reading a few bytes at each. What proves it is one look at every byte for the
 * quote, which, unlike the quote state, needs nothing from the bytes before: chunks of the file
 * are searched on all cores at once. A file with a quote anywhere is left to the state machine.
 */
final class QuoteFree {
  /** Below this, one sequential scan is as quick as starting the search on every core. */
  private static final long MIN_SIZE = 32L << 20;
  private static final int CHUNK = 8 << 20;
  private static final int BUFFER = 1 << 16;

  private QuoteFree() {}

  static boolean worthChecking(long size) {
    return size >= MIN_SIZE;
  }

  /** Whether no byte of the file's first {@code size} is {@code quote}. */
  static boolean holds(Path file, long size, char quote) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      long chunks = (size + CHUNK - 1) / CHUNK;
      return LongStream.range(0, chunks).parallel().noneMatch(c -> {
        try {
          return contains(channel, c * CHUNK, Math.min(size, (c + 1) * CHUNK), quote);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static boolean contains(FileChannel channel, long from, long to, char b)
      throws IOException {
    byte[] bytes = new byte[BUFFER];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    for (long at = from; at < to; ) {
      buf.clear().limit((int) Math.min(BUFFER, to - at));
      int n = channel.read(buf, at);
      if (n <= 0) {
        return false; // the file shrank: the plan's readers will report it
      }
      if (CsvBoundaries.indexOf(bytes, 0, n, b) >= 0) {
        return true;
      }
      at += n;
    }
    return false;
  }

  /**
   * The plan the state machine makes of a quote-free file of {@code size} bytes: the header ends
   * after the first line feed; each cut is the record start after the first line feed at or past
   * one byte before the previous cut (or the header's end) plus {@code splitSize}. A file with
   * no header ({@code dataStart >= 0}) has its "header" end where its first record starts.
   */
  static CsvBoundaries.Plan plan(Path file, long size, long splitSize, long dataStart)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      long headerEnd = dataStart >= 0 ? dataStart : lineEnd(channel, 0, size);
      if (headerEnd < 0) {
        return new CsvBoundaries.Plan(size, List.of(), true);
      }
      if (headerEnd + splitSize >= size) {
        return new CsvBoundaries.Plan(headerEnd, List.of(), false); // as the scan, unproven
      }
      List<Long> cuts = new ArrayList<>();
      for (long next = headerEnd + splitSize; next - 1 < size; ) {
        long start = lineEnd(channel, next - 1, size);
        if (start < 0 || start >= size) {
          break; // a record start at the very end is no split's
        }
        cuts.add(start);
        next = start + splitSize;
      }
      return new CsvBoundaries.Plan(headerEnd, List.copyOf(cuts), true);
    }
  }

  /**
   * The plan of a quote-free file, made without looking for a quote past the header, marked
   * speculative: the readers of its splits fail on a quote, so the job is planned again with a
   * scan. Null when the header has a quote (its end would be unproven) or there is no cut.
   */
  static CsvBoundaries.Plan speculate(Path file, long size, long splitSize, char quote,
      long dataStart) throws IOException {
    CsvBoundaries.Plan plan = plan(file, size, splitSize, dataStart);
    if (plan.cuts().isEmpty()) {
      return null;
    }
    try (FileChannel channel = FileChannel.open(file)) {
      if (contains(channel, 0, plan.headerEnd(), quote)) {
        return null;
      }
    }
    return new CsvBoundaries.Plan(plan.headerEnd(), plan.cuts(), true, true);
  }

  /** The offset after the first line feed at or after {@code from}, or -1 if there is none. */
  private static long lineEnd(FileChannel channel, long from, long size) throws IOException {
    byte[] bytes = new byte[4096];
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    for (long at = from; at < size; ) {
      buf.clear().limit((int) Math.min(bytes.length, size - at));
      int n = channel.read(buf, at);
      if (n <= 0) {
        return -1;
      }
      int lf = CsvBoundaries.indexOf(bytes, 0, n, '\n');
      if (lf >= 0) {
        return at + lf + 1;
      }
      at += n;
    }
    return -1;
  }
}
