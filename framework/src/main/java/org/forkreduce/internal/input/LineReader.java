package org.forkreduce.internal.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.forkreduce.RecordReader;

/**
 * Reads the lines a byte range owns from a stream of file bytes.
 *
 * <p>Lines end with LF; a CR right before the LF is dropped, so CRLF files read as LF files (a lone
 * CR is an ordinary character). Bytes are decoded as UTF-8; malformed sequences become U+FFFD. A
 * UTF-8 byte-order mark at offset 0 is skipped. Because LF (0x0A) never occurs inside a multi-byte
 * UTF-8 sequence, cutting files at arbitrary bytes and aligning on LF never splits a character.
 */
final class LineReader extends ByteWindow implements RecordReader<String> {
  private static final int BUFFER_SIZE = 1 << 16;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final long end;
  private long nextBegin;
  private long recordOffset = -1;
  private long consumed;
  private String current;

  /**
   * @param in the file's bytes from offset {@code start - 1} (or from 0 when {@code start} is 0)
   * @param start the first byte of the split
   * @param end lines beginning at or after this offset belong to the next split
   */
  LineReader(InputStream in, long start, long end) throws IOException {
    super(in, BUFFER_SIZE, start == 0 ? 0 : start - 1);
    this.end = end;
    if (start == 0) {
      nextBegin = 0;
      skipBom();
    } else {
      nextBegin = skipPartialLine();
    }
  }

  /**
   * The split-boundary rule (Hadoop's LineRecordReader, stated by ownership): a split owns exactly
   * the lines that begin inside it. A line begins at offset 0 or right after an LF. Reading starts
   * one byte early, at {@code start - 1}, and discards everything up to and including the first LF:
   * if that byte is itself an LF, a line begins exactly at {@code start} and is kept; otherwise the
   * partial line is the previous split's, which reads past its own end to finish it.
   */
  private long skipPartialLine() throws IOException {
    while (true) {
      int nl = indexOfLf(pos);
      if (nl >= 0) {
        pos = nl + 1;
        return bufferOffset + pos;
      }
      pos = limit;
      if (!fill()) {
        return Long.MAX_VALUE;
      }
    }
  }

  private void skipBom() throws IOException {
    while (limit - pos < BOM.length && fill()) {
      // read until three bytes are buffered or the file ends
    }
    if (limit - pos >= BOM.length && Arrays.equals(buf, pos, pos + 3, BOM, 0, 3)) {
      pos += BOM.length; // still part of the first line, which begins at 0
    }
  }

  @Override
  public boolean next() throws IOException {
    if (nextBegin >= end) {
      return false;
    }
    int scanned = 0; // bytes after pos known to hold no LF; fill() keeps them relative to pos
    while (true) {
      int nl = indexOfLf(pos + scanned);
      if (nl >= 0) {
        int stop = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
        return emit(stop, nl + 1);
      }
      scanned = limit - pos;
      if (!fill()) {
        if (pos < limit) {
          return emit(limit, limit);
        }
        consumed += bufferOffset + limit - nextBegin; // a file holding only a BOM
        nextBegin = Long.MAX_VALUE;
        return false;
      }
    }
  }

  private boolean emit(int stop, int after) {
    current = new String(buf, pos, stop - pos, StandardCharsets.UTF_8);
    recordOffset = nextBegin;
    long afterOffset = bufferOffset + after;
    consumed += afterOffset - nextBegin;
    nextBegin = afterOffset;
    pos = after;
    return true;
  }

  private int indexOfLf(int from) {
    for (int i = from; i < limit; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String current() {
    return current;
  }

  @Override
  public long recordOffset() {
    return recordOffset;
  }

  @Override
  public long bytesConsumed() {
    return consumed;
  }
}
