package org.forkreduce.internal.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads the frames {@link FrameOutput} writes. Not thread-safe: one reader thread. */
public final class FrameInput {
  /** The largest payload accepted: 1 GiB. */
  public static final int MAX_FRAME = 1 << 30;

  private final InputStream in;
  private final byte[] header = new byte[4];
  private byte[] buffer = new byte[1 << 12];

  public FrameInput(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next frame's payload into a buffer owned by this reader, valid until the next call,
   * and returns its length; -1 at a clean end of input (between frames).
   *
   * @throws EOFException if the input ends inside a frame
   * @throws ProtocolException if the length is impossible (the stream is not ours)
   */
  public int read() throws IOException {
    int first = in.read();
    if (first < 0) {
      return -1;
    }
    header[0] = (byte) first;
    readFully(header, 1, 3);
    int length = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16)
        | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    if (length < 0 || length > MAX_FRAME) {
      throw new ProtocolException("frame length " + Integer.toUnsignedString(length)
          + " (header bytes " + String.format("%02x %02x %02x %02x", header[0], header[1],
          header[2], header[3]) + ") is out of range: the stream is corrupt or something other"
          + " than ForkReduce wrote to it (output printed to a worker's stdout goes to stderr)");
    }
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
    }
    readFully(buffer, 0, length);
    return length;
  }

  /** The payload of the last frame read. */
  public byte[] buffer() {
    return buffer;
  }

  private void readFully(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = in.read(b, off, len);
      if (n < 0) {
        throw new EOFException("the stream ended inside a frame (" + len + " bytes missing)");
      }
      off += n;
      len -= n;
    }
  }
}
