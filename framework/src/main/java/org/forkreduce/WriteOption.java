package org.forkreduce;

/** Options for {@link JobResult#writeTo}. */
public enum WriteOption {
  /** Replace an existing output directory (only once the new output is complete). */
  OVERWRITE
}
