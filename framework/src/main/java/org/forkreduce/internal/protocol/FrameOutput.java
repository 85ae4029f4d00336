package org.forkreduce.internal.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes length-prefixed frames: a 4-byte big-endian payload length, then the payload. Callers
 * serialize access; one frame is written and flushed whole.
 */
public final class FrameOutput {
  private final OutputStream out;
  private final byte[] header = new byte[4];

  public FrameOutput(OutputStream out) {
    this.out = out;
  }

  /** Writes one frame and flushes it. */
  public void write(byte[] payload, int length) throws IOException {
    if (length > FrameInput.MAX_FRAME) {
      throw new ProtocolException("a message of " + length + " bytes exceeds the frame limit of "
          + FrameInput.MAX_FRAME + " bytes; pass file names rather than data for big payloads");
    }
    header[0] = (byte) (length >>> 24);
    header[1] = (byte) (length >>> 16);
    header[2] = (byte) (length >>> 8);
    header[3] = (byte) length;
    out.write(header);
    out.write(payload, 0, length);
    out.flush();
  }

  /** Closes the stream; the peer sees end of input. */
  public void close() throws IOException {
    out.close();
  }
}
