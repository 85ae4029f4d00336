package org.forkreduce.input;

import java.io.IOException;
import java.io.InputStream;
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
 * for the whole file is slower but never wrong.
 */
final class CsvBoundaries {
  private static final int START = 0;
  private static final int QUOTED = 2;
  private static final int QUOTE_SEEN = 3;

  /**
   * @param headerEnd the offset after the header record (the file size if it has no data), or
   *     -1 when the file must be read whole by one reader that finds the header itself
   * @param cuts the offsets where data splits start, after {@code headerEnd}, ascending
   */
  record Plan(long headerEnd, List<Long> cuts) {}

  /** Read the whole file as one split. */
  static final Plan WHOLE = new Plan(-1, List.of());

  private CsvBoundaries() {}

  static Plan plan(Path file, char delimiter, Character quote, long splitSize)
      throws IOException {
    Scan scan = new Scan(delimiter, quote == null ? -1 : quote, splitSize);
    byte[] buf = new byte[1 << 16];
    long offset = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.readNBytes(buf, 0, buf.length); n > 0; n = in.read(buf)) {
        int from = offset == 0 && n >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB
            && (buf[2] & 0xFF) == 0xBF ? 3 : 0; // a BOM is not a field's first character
        if (!scan.feed(buf, from, n, offset)) {
          return WHOLE;
        }
        offset += n;
      }
    }
    if (scan.state == QUOTED) {
      return WHOLE; // an unterminated quote: let one reader report it
    }
    List<Long> cuts = scan.cuts;
    if (!cuts.isEmpty() && cuts.get(cuts.size() - 1) >= offset) {
      cuts.remove(cuts.size() - 1);
    }
    return new Plan(scan.headerEnd < 0 ? offset : scan.headerEnd, cuts);
  }

  /**
   * The scan's state across buffers. Outside quotes only quotes and LFs matter, so the inner
   * loops test two byte values; a quote must open a field (follow a delimiter, a line break or
   * the file start) and a closing quote must be followed by a delimiter, a line break, another
   * quote (an escaped quote) or the end.
   */
  private static final class Scan {
    final int delimiter;
    final int quote;
    final long splitSize;
    final List<Long> cuts = new ArrayList<>();
    long headerEnd = -1;
    long nextCut = Long.MAX_VALUE;
    int state = START;
    int previous = '\n';

    Scan(int delimiter, int quote, long splitSize) {
      this.delimiter = delimiter;
      this.quote = quote;
      this.splitSize = splitSize;
    }

    /** Scans {@code buf[from, n)}, at file offset {@code offset}; false if not strict. */
    boolean feed(byte[] buf, int from, int n, long offset) {
      int i = from;
      while (i < n) {
        if (state == QUOTED) {
          while (i < n && buf[i] != quote) {
            i++;
          }
          if (i < n) {
            state = QUOTE_SEEN;
            previous = quote;
            i++;
          }
          continue;
        }
        int b = buf[i] & 0xFF;
        if (state == QUOTE_SEEN) {
          if (b == quote) {
            state = QUOTED;
          } else if (b == delimiter || b == '\n' || b == '\r') {
            state = START;
          } else {
            return false;
          }
        }
        if (state != QUOTED) {
          // outside quotes: jump to the next quote or LF
          while (b != quote && b != '\n') {
            previous = b;
            if (++i == n) {
              return true;
            }
            b = buf[i] & 0xFF;
          }
          if (b == quote) {
            if (previous != delimiter && previous != '\n' && previous != '\r') {
              return false;
            }
            state = QUOTED;
          } else {
            // an LF outside quotes ends a record: the next byte begins one
            recordEnd(offset + i + 1);
          }
          previous = b;
          i++;
        } else {
          previous = b;
          i++;
        }
      }
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
