package org.forkreduce.internal.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A window over a stream of file bytes, for readers that scan bytes in place: the unread bytes
 * are {@code buf[pos, limit)}, and {@code buf[0]} is at file offset {@code bufferOffset}.
 */
abstract class ByteWindow {
  final InputStream in;
  byte[] buf;
  int pos;
  int limit;
  long bufferOffset;
  boolean eof;

  ByteWindow(InputStream in, int size, long bufferOffset) {
    this.in = in;
    this.buf = new byte[size];
    this.bufferOffset = bufferOffset;
  }

  /**
   * Moves the unread bytes to the front, doubles the buffer if they fill it, and reads more.
   * False at the end of the stream.
   */
  final boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      bufferOffset += pos;
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  /** Closes the stream; the readers' {@code close()}. */
  public void close() throws IOException {
    in.close();
  }
}
