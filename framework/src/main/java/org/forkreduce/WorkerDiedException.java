package org.forkreduce;

/**
 * A worker process died while it held a task (it exited, ran out of memory, or was killed). The
 * message names the worker, its process id, how it died, its last lines of stderr and the task.
 */
public final class WorkerDiedException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public WorkerDiedException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The worker's exit code; 128 + n for a worker killed by signal n (137 for SIGKILL). */
  public int exitCode() {
    return exitCode;
  }
}
