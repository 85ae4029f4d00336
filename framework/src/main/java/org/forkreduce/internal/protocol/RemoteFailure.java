package org.forkreduce.internal.protocol;

import org.forkreduce.RemoteTaskException;

/**
 * An exception that happened in a worker, flattened to strings so that any exception, of any
 * class, crosses the pipe: class name, message, stack frames and the cause chain.
 */
public record RemoteFailure(String className, String message, String[] frames,
    RemoteFailure cause) {
  private static final int MAX_CAUSES = 16;

  /** Flattens {@code t} and its causes. */
  public static RemoteFailure of(Throwable t) {
    return of(t, 0);
  }

  private static RemoteFailure of(Throwable t, int depth) {
    StackTraceElement[] trace = t.getStackTrace();
    String[] frames = new String[trace.length];
    for (int i = 0; i < trace.length; i++) {
      StackTraceElement e = trace[i];
      frames[i] = e.getClassName() + "|" + e.getMethodName() + "|"
          + (e.getFileName() == null ? "" : e.getFileName()) + "|" + e.getLineNumber();
    }
    Throwable cause = t.getCause();
    return new RemoteFailure(t.getClass().getName(), t.getMessage(), frames,
        cause == null || cause == t || depth >= MAX_CAUSES ? null : of(cause, depth + 1));
  }

  /**
   * The exception the caller sees: its message names the remote class, {@code where} and the
   * {@code context} (may be null), its
   * stack trace is the remote one, and its causes are the remote causes.
   */
  public RemoteTaskException toException(String where, String context) {
    RemoteTaskException e = new RemoteTaskException(className, message, where, context,
        cause == null ? null : cause.toException(where, null));
    StackTraceElement[] trace = new StackTraceElement[frames.length];
    for (int i = 0; i < frames.length; i++) {
      String[] p = frames[i].split("\\|", -1);
      trace[i] = new StackTraceElement(p[0], p[1], p[2].isEmpty() ? null : p[2],
          Integer.parseInt(p[3]));
    }
    e.setStackTrace(trace);
    return e;
  }
}
