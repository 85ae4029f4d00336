package org.forkreduce;

/**
 * An exception thrown by user code in a worker process. Its stack trace is the remote one (the
 * frames of the worker), its cause chain mirrors the remote causes, and {@link #remoteClassName()}
 * names the original exception class, which need not exist in this JVM.
 */
public final class RemoteTaskException extends ForkReduceException {
  private static final long serialVersionUID = 1L;

  private final String remoteClassName;
  private final String remoteMessage;
  private final String context;
  private final String where;

  /**
   * @param where the worker, e.g. {@code "worker 1 (pid 4242)"}
   * @param context what it was doing (split and record, chunk item), or null
   */
  public RemoteTaskException(String remoteClassName, String remoteMessage, String where,
      String context, RemoteTaskException cause) {
    super(remoteClassName + (remoteMessage == null ? "" : ": " + remoteMessage)
        + " [in " + where + (context == null ? "" : "; " + context) + "]", cause);
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
    this.context = context;
    this.where = where;
  }

  /** The worker, and the request it was running. */
  public String where() {
    return where;
  }

  /** Where in the task it happened (the split and record, the chunk item), or null. */
  public String context() {
    return context;
  }

  /** The class name of the exception thrown in the worker. */
  public String remoteClassName() {
    return remoteClassName;
  }

  /** The message of the exception thrown in the worker. */
  public String remoteMessage() {
    return remoteMessage;
  }
}
