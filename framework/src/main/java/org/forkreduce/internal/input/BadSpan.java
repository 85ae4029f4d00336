package org.forkreduce.internal.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.forkreduce.CsvOptions;

/**
 * The bytes a skipped bad CSV record takes, found by reading lines from its start: a record that
 * cannot end (a quote left open) would otherwise run to the end of its split. Lines end at an LF,
 * as {@link CsvBoundaries} cuts: the span ends before the first line after its first that is on
 * its own a whole strict RFC 4180 record with the header's field count, or at the end of the
 * split, where the next split's reader starts at the record start the planner proved. Read only
 * for bad records, so it favours plainness over speed.
 *
 * @param from the file offset of the record's first byte
 * @param to the file offset after the span: where reading resumes
 * @param lines the lines in the span (the last one counted if it has no line feed)
 */
record BadSpan(long from, long to, long lines) {

  /**
   * Finds the span of the bad record at {@code from}, reading {@code in} (the split's bytes from
   * there) to {@code limit} at most; null if it is larger than the options' limits.
   */
  static BadSpan find(InputStream in, long from, long limit, CsvOptions options, int fields)
      throws IOException {
    InputStream bytes = new BufferedInputStream(in, 1 << 16);
    byte[] line = new byte[256];
    long pos = from;
    long lines = 0;
    while (true) {
      long cap = options.maxRejectBytes() - (pos - from) + 1;
      int length = 0;
      int b;
      while (length < cap && pos + length < limit && (b = bytes.read()) >= 0) {
        if (length == line.length) {
          line = Arrays.copyOf(line, (int) Math.min(Integer.MAX_VALUE - 8, 2L * length));
        }
        line[length++] = (byte) b;
        if (b == '\n') {
          break;
        }
      }
      if (length == 0 || lines > 0 && wholeRecord(line, length, options, fields)) {
        return new BadSpan(from, pos, lines);
      }
      pos += length;
      lines++;
      if (pos - from > options.maxRejectBytes() || lines > options.maxRejectLines()) {
        return null;
      }
    }
  }

  /** Whether the line, a line break at its end, is one strict record of {@code fields} fields. */
  static boolean wholeRecord(byte[] line, int length, CsvOptions options, int fields) {
    String s = new String(line, 0, length, StandardCharsets.UTF_8);
    int end = s.endsWith("\r\n") ? s.length() - 2 : s.endsWith("\n") ? s.length() - 1
        : s.length();
    char delimiter = options.delimiter();
    int quote = options.quote() == null ? -1 : options.quote();
    int n = 0;
    int p = 0;
    while (true) {
      n++;
      if (p < end && s.charAt(p) == quote) {
        p = closingQuote(s, p + 1, end, (char) quote);
        if (p < 0 || p < end && s.charAt(p) != delimiter) {
          return false;
        }
      } else {
        while (p < end && s.charAt(p) != delimiter) {
          char c = s.charAt(p++);
          if (c == quote || c == '\r' || c == '\n') {
            return false;
          }
        }
      }
      if (p >= end) {
        return n == fields;
      }
      p++;
    }
  }

  /** The index after the quote that closes a field opened before {@code p}; -1 if none. */
  private static int closingQuote(String s, int p, int end, char quote) {
    while (p < end) {
      if (s.charAt(p) == quote) {
        if (p + 1 < end && s.charAt(p + 1) == quote) {
          p += 2;
          continue;
        }
        return p + 1;
      }
      p++;
    }
    return -1;
  }

  /**
   * The file offset after the record at {@code from}, read from {@code in} (the bytes from
   * there), as Commons CSV ends it: a quote opens a field only at its start, and a line break
   * (LF, CRLF or a lone CR) outside quotes ends the record.
   */
  static long recordEnd(InputStream in, long from, char delimiter, Character quote)
      throws IOException {
    Reader r = new InputStreamReader(new BufferedInputStream(in, 1 << 16),
        StandardCharsets.UTF_8);
    int q = quote == null ? -1 : quote;
    boolean fieldStart = true;
    boolean quoted = false;
    boolean closed = false; // a quote just closed a field: another one escapes a quote
    long at = from;
    for (int c = r.read(); c >= 0; c = r.read()) {
      at += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate((char) c) ? 2 : 3;
      if (quoted) {
        quoted = c != q;
        closed = !quoted;
      } else if ((fieldStart || closed) && c == q) {
        quoted = true;
        fieldStart = false;
      } else if (c == '\n') {
        return at;
      } else if (c == '\r') {
        return r.read() == '\n' ? at + 1 : at;
      } else {
        closed = false;
        fieldStart = c == delimiter;
      }
    }
    return at;
  }
}
