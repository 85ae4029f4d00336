package org.forkreduce.internal.protocol;

import org.forkreduce.ForkReduceException;

/** The driver and a worker disagree on the wire: corrupt frame, wrong version, bad message. */
public final class ProtocolException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }
}
