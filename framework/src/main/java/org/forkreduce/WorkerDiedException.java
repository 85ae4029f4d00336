package org.forkreduce;

/**
 * A worker process died while it held a task (it exited, ran out of memory, or was killed). The
 * message names the worker, its process id, how it died, its last lines of stderr and the task.
 */
public final class WorkerDiedException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String outOfMemory;

  public WorkerDiedException(String message, int exitCode) {
    this(message, exitCode, null);
  }

  /**
   * @param outOfMemory for a worker that ran out of memory, one line naming the worker, its heap
   *     and what to change; else null
   */
  public WorkerDiedException(String message, int exitCode, String outOfMemory) {
    super(message);
    this.exitCode = exitCode;
    this.outOfMemory = outOfMemory;
  }

  /**
   * If the worker ran out of memory: one line naming the worker, its pid, its heap and what to
   * change; else null.
   */
  public String outOfMemory() {
    return outOfMemory;
  }

  /** The worker's exit code; 128 + n for a worker killed by signal n (137 for SIGKILL). */
  public int exitCode() {
    return exitCode;
  }
}
