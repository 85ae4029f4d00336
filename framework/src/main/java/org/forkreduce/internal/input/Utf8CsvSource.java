package org.forkreduce.internal.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.forkreduce.CsvRow;

/**
 * RFC 4180 records read straight from the bytes of a split, with no decoding and no string per
 * field: a record is the byte ranges of its fields in the buffer ({@link ByteRow}). Only for
 * text proven strict by {@link CsvBoundaries} and for an ASCII delimiter and quote, which then
 * never occur inside a multi-byte UTF-8 character. Line breaks are LF, CRLF or a lone CR, as in
 * Commons CSV; an empty line is a record of one empty field.
 */
final class Utf8CsvSource extends ByteWindow implements CsvRecordSource {
  private static final int MORE = -1;
  private static final int END = -2;

  private final byte delimiter;
  private final byte quote;
  private final boolean quotes;
  /**
   * Nonzero for the bytes that end an unquoted field or must not be in one (delimiter, LF, CR,
   * quote): a look-up per byte instead of four compares.
   */
  private final byte[] special = new byte[256];
  private final ByteRow row;
  private int[] bounds = new int[64];
  private long recordOffset;

  /**
   * @param offset the file offset of the stream's first byte, a record start
   * @param quotes false if a quote is an error: the split was cut without a look for quotes
   */
  Utf8CsvSource(InputStream in, long offset, char delimiter, char quote, int bufferSize,
      boolean quotes) {
    super(in, bufferSize, offset);
    this.delimiter = (byte) delimiter;
    this.quote = (byte) quote;
    this.quotes = quotes;
    for (int b : new int[] {delimiter, '\n', '\r', quote}) {
      special[b] = 1;
    }
    this.row = new ByteRow(quote);
  }

  static boolean handles(char delimiter, Character quote) {
    return delimiter < 0x80 && quote != null && quote < 0x80;
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      recordOffset = bufferOffset + pos; // where a syntax error is reported from, too
      int end = parse(pos);
      if (end >= 0) {
        pos = end;
        return true;
      }
      if (end == END) {
        return false;
      }
      fill(); // parse asks for MORE only before the end: the record is kept at the front
    }
  }

  /**
   * Parses the record at {@code p} into {@link #bounds}: returns the offset after it, or MORE if
   * it does not end within the buffer (the caller fills it and parses the record again: nothing
   * in the buffer has changed), or END when no record is left.
   */
  private int parse(int p) {
    if (p == limit) {
      return eof ? END : MORE;
    }
    int n = 0;
    while (true) {
      int from;
      int to;
      if (p < limit && buf[p] == quote) {
        if (!quotes) {
          throw syntax("a quote, in a split cut where no quote was looked for", p);
        }
        from = p + 1;
        boolean escaped = false;
        int q = from;
        while (true) {
          while (q < limit && buf[q] != quote) {
            q++;
          }
          if (q + 1 >= limit && !eof) {
            return MORE; // the byte after a quote tells a closing quote from a doubled one
          }
          if (q == limit) {
            throw syntax("a quoted field is not closed before the end of the split", from - 1);
          }
          if (q + 1 < limit && buf[q + 1] == quote) {
            escaped = true;
            q += 2;
            continue;
          }
          break;
        }
        to = escaped ? ~q : q;
        p = q + 1;
        if (p < limit && buf[p] != delimiter && buf[p] != '\n' && buf[p] != '\r') {
          throw syntax("a character follows a closing quote", p);
        }
      } else {
        from = p;
        byte[] special = this.special;
        while (p < limit && special[buf[p] & 0xFF] == 0) {
          p++;
        }
        if (p < limit && buf[p] == quote) {
          throw syntax("a quote inside an unquoted field", p);
        }
        if (p == limit && !eof) {
          return MORE;
        }
        to = p;
      }
      n = field(n, from, to);
      if (p == limit) {
        return record(n, p);
      }
      byte b = buf[p++];
      if (b == delimiter) {
        continue;
      }
      if (b == '\r') {
        if (p == limit && !eof) {
          return MORE; // an LF may follow
        }
        if (p < limit && buf[p] == '\n') {
          p++;
        }
      }
      return record(n, p);
    }
  }

  private int field(int n, int from, int to) {
    if (2 * n + 2 > bounds.length) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
    }
    bounds[2 * n] = from;
    bounds[2 * n + 1] = to;
    return n + 1;
  }

  private int record(int n, int end) {
    row.bytes = buf;
    row.bounds = bounds;
    row.size = n;
    return end;
  }

  private CsvSyntaxException syntax(String what, int at) {
    return new CsvSyntaxException(what + " (byte offset " + (bufferOffset + at)
        + "); the file changed after it was planned, or it is not strict RFC 4180", null);
  }

  @Override
  public CsvRow row(Header header) {
    row.header = header;
    return row;
  }

  @Override
  public long offset() {
    return recordOffset;
  }
}
