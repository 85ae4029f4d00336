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
  private static final int UNQUOTED = 1;
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
    long headerEnd = -1;
    long nextCut = Long.MAX_VALUE;
    List<Long> cuts = new ArrayList<>();
    int state = START;
    int q = quote == null ? -1 : quote;
    byte[] buf = new byte[1 << 16];
    long offset = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        for (int i = 0; i < n; i++) {
          int b = buf[i] & 0xFF;
          switch (state) {
            case QUOTED -> state = b == q ? QUOTE_SEEN : QUOTED;
            case QUOTE_SEEN -> {
              if (b == q) {
                state = QUOTED;
              } else if (b == delimiter || b == '\r' || b == '\n') {
                state = START;
              } else {
                return WHOLE;
              }
            }
            default -> {
              if (b == q) {
                if (state == UNQUOTED) {
                  return WHOLE;
                }
                state = QUOTED;
              } else if (b == delimiter || b == '\n' || b == '\r') {
                state = START;
              } else {
                state = UNQUOTED;
              }
            }
          }
          if (b == '\n' && state == START) {
            // a record ends here: the one tricky invariant is that state START after an LF
            // means no quoted field is open, so the next byte begins a record
            long recordStart = offset + i + 1;
            if (headerEnd < 0) {
              headerEnd = recordStart;
              nextCut = headerEnd + splitSize;
            } else if (recordStart >= nextCut) {
              cuts.add(recordStart);
              nextCut = recordStart + splitSize;
            }
          }
        }
        offset += n;
      }
    }
    if (!cuts.isEmpty() && cuts.get(cuts.size() - 1) >= offset) {
      cuts.remove(cuts.size() - 1);
    }
    return new Plan(headerEnd < 0 ? offset : headerEnd, cuts);
  }
}
