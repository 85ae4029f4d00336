package org.forkreduce.internal.protocol;

/** Constants of the driver-worker protocol. */
public final class Protocol {
  /** Bumped on any change to framing, message classes or their registration ids. */
  public static final int VERSION = 3;

  private Protocol() {}
}
