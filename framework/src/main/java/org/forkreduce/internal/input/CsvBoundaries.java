package org.forkreduce.internal.input;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a CSV file may be cut. A byte offset can fall inside a quoted field that holds line
 * breaks, so the only safe cuts are record starts, and telling them apart needs the quote state
 * from the start of the file: this class runs the RFC 4180 state machine over the bytes (quotes,
 * delimiters, LFs only; no decoding) and cuts at the first record start at or after each
 * multiple of the split size.
 *
 * <p>If the file is not strict RFC 4180 — a quote inside an unquoted field, or a character after
 * a closing quote — the quote state cannot be proven, and the file gets no cuts at all: one split
 * for the whole file is slower but never wrong. A file whose scan reached its end is proven
 * strict throughout, which lets its splits use the fast parser.
 */
final class CsvBoundaries {
  private static final int START = 0;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * @param headerEnd the offset after the header record (the file size if it has no data), or
   *     -1 when the file must be read whole by one reader that finds the header itself
   * @param cuts the offsets where data splits start, after {@code headerEnd}, ascending
   * @param proven whether every byte was scanned and found strict RFC 4180; false when the
   *     file is too small for a cut, so that only its header was read
   * @param speculative whether the cuts are line starts found without a look for quotes past the
   *     header, right if the file has none there, which the splits' readers check; then {@code
   *     proven} says only what the plan would be if they find none
   */
  record Plan(long headerEnd, List<Long> cuts, boolean proven, boolean speculative) {
    Plan(long headerEnd, List<Long> cuts, boolean proven) {
      this(headerEnd, cuts, proven, false);
    }
  }

  /** Read the whole file as one split. */
  static final Plan WHOLE = new Plan(-1, List.of(), false);

  private CsvBoundaries() {}

  /** The index of the first {@code b} in {@code buf[from, to)}, or -1; eight bytes a step. */
  static int indexOf(byte[] buf, int from, int to, int b) {
    long pattern = ONES * (b & 0xFF);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ pattern;
      long zeros = (x - ONES) & ~x & HIGHS; // the lowest set high bit marks the first match
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == (byte) b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Plans cuts {@code splitSize} apart. When {@code speculate}, a file with cuts and no quote in
   * its header is cut at the line starts after them, unscanned ({@link QuoteFree#speculate}).
   *
   * @param dataStart -1 when the file's first record is a header, else the offset of its first
   *     record (past a byte order mark), which is then the plan's {@code headerEnd}
   */
  static Plan plan(Path file, char delimiter, Character quote, long splitSize, boolean speculate,
      long dataStart) throws IOException {
    if (speculate && quote != null) {
      Plan plan = QuoteFree.speculate(file, Files.size(file), splitSize, quote, dataStart);
      if (plan != null) {
        return plan;
      }
    }
    return plan(file, delimiter, quote, splitSize, Integer.MAX_VALUE, dataStart);
  }

  /**
   * Plans at most {@code maxCuts} cuts: a scan that stops at the last of them proves the bytes
   * before it strict, but not the file, so the plan is not {@code proven}.
   */
  static Plan plan(Path file, char delimiter, Character quote, long splitSize, int maxCuts,
      long dataStart) throws IOException {
    long size = Files.size(file);
    if (maxCuts == Integer.MAX_VALUE && quote != null && QuoteFree.worthChecking(size)
        && QuoteFree.holds(file, size, quote)) {
      return QuoteFree.plan(file, size, splitSize, dataStart);
    }
    Scan scan = new Scan(delimiter, quote == null ? -1 : quote, splitSize, size, maxCuts,
        dataStart);
    byte[] buf = new byte[1 << 16];
    long offset = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.readNBytes(buf, 0, buf.length); n > 0 && !scan.done(); n = in.read(buf)) {
        int from = offset == 0 && n >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB
            && (buf[2] & 0xFF) == 0xBF ? 3 : 0; // a BOM is not a field's first character
        if (!scan.feed(buf, from, n, offset)) {
          return WHOLE;
        }
        offset += n;
      }
    }
    if (scan.done()) {
      return new Plan(scan.headerEnd, List.copyOf(scan.cuts), false);
    }
    if (scan.state == QUOTED) {
      return WHOLE; // an unterminated quote: let one reader report it
    }
    List<Long> cuts = scan.cuts;
    if (!cuts.isEmpty() && cuts.get(cuts.size() - 1) >= size) {
      cuts.remove(cuts.size() - 1);
    }
    return new Plan(scan.headerEnd < 0 ? size : scan.headerEnd, cuts, true);
  }

  /**
   * The scan's state across buffers. Outside quotes only quotes matter, and line feeds only past
   * the next cut, so the scan jumps from quote to quote eight bytes at a time. A quote must open
   * a field (follow a delimiter, a line break or the file start) and a closing quote must be
   * followed by a delimiter, a line break, another quote (an escaped quote) or the end.
   */
  private static final class Scan {
    final int delimiter;
    final int quote;
    final long splitSize;
    final long size;
    final int maxCuts;
    final List<Long> cuts = new ArrayList<>();
    long headerEnd;
    /** The first record start worth a cut; 0 until the header's end is found. */
    long nextCut;
    int state = START;
    int previous = '\n';

    /** @param dataStart where the first record starts, or -1 if it is a header to find */
    Scan(int delimiter, int quote, long splitSize, long size, int maxCuts, long dataStart) {
      this.delimiter = delimiter;
      this.quote = quote;
      this.splitSize = splitSize;
      this.size = size;
      this.maxCuts = maxCuts;
      this.headerEnd = dataStart;
      this.nextCut = dataStart < 0 ? 0 : dataStart + splitSize;
    }

    /**
     * True when the header ends so near the file's end that no cut can follow (the one split
     * starts at a proven record start, and the rest need not be scanned), or when the cuts asked
     * for are found.
     */
    boolean done() {
      return headerEnd >= 0 && (cuts.isEmpty() && nextCut >= size || cuts.size() >= maxCuts);
    }

    /** Scans {@code buf[from, n)}, at file offset {@code offset}; false if not strict. */
    boolean feed(byte[] buf, int from, int n, long offset) {
      int i = from;
      while (i < n && !done()) {
        if (state == QUOTED) {
          int q = indexOf(buf, i, n, quote);
          if (q < 0) {
            i = n;
          } else {
            state = QUOTE_SEEN;
            i = q + 1;
          }
          continue;
        }
        if (state == QUOTE_SEEN) {
          int b = buf[i] & 0xFF;
          if (b == quote) {
            state = QUOTED; // an escaped quote
            i++;
            continue;
          }
          if (b != delimiter && b != '\n' && b != '\r') {
            return false;
          }
          state = START;
        }
        int q = quote < 0 ? -1 : indexOf(buf, i, n, quote);
        int end = q < 0 ? n : q;
        // an LF outside quotes ends a record: the next byte begins one, a cut if far enough
        int lf = indexOf(buf, (int) Math.max(i, Math.min(end, nextCut - 1 - offset)), end, '\n');
        if (lf >= 0) {
          recordEnd(offset + lf + 1);
          i = lf + 1;
          continue;
        }
        if (q < 0) {
          break;
        }
        int before = q > from ? buf[q - 1] & 0xFF : previous;
        if (before != delimiter && before != '\n' && before != '\r') {
          return false;
        }
        state = QUOTED;
        i = q + 1;
      }
      previous = n > from ? buf[n - 1] & 0xFF : previous;
      return true;
    }

    private void recordEnd(long recordStart) {
      if (headerEnd < 0) {
        headerEnd = recordStart;
        nextCut = headerEnd + splitSize;
      } else if (recordStart >= nextCut) {
        cuts.add(recordStart);
        nextCut = recordStart + splitSize;
      }
    }
  }
}
