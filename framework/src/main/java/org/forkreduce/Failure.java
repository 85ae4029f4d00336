package org.forkreduce;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command line prints and exits with when something goes wrong: one line that says what
 * happened and the fix, and an exit code that means one thing — {@value #EXIT_USAGE} for a usage
 * or input error (a bad option, a missing, unreadable or malformed input, wherever in the job it
 * was found and on every engine), {@value #EXIT_FAILED} for a job that failed (user code threw, a
 * JVM ran out of memory or disk, a worker died). The one place that mapping lives; the command
 * lines of the examples all report through {@link #report}.
 *
 * @param message one line, without the program's name
 * @param exitCode {@value #EXIT_USAGE} or {@value #EXIT_FAILED}
 */
public record Failure(String message, int exitCode) {
  /** The exit code of a job that failed. */
  public static final int EXIT_FAILED = 1;
  /** The exit code of a usage or input error. */
  public static final int EXIT_USAGE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(Failure.class);
  private static final String NO_SPACE = "No space left on device";
  private static final long MB = 1 << 20;
  private static final int MAX_CAUSES = 32;

  /**
   * Prints {@code program: message} on one line to {@code err}, the full stack trace to
   * {@code err} if {@code verbose} (else to the log at debug level), and returns the exit code.
   */
  public static int report(String program, Throwable t, boolean verbose, PrintStream err) {
    Failure f = of(t);
    err.println(program + ": " + f.message());
    if (verbose) {
      t.printStackTrace(err);
    } else {
      LOG.debug("{}: {}", program, f.message(), t);
    }
    err.flush();
    return f.exitCode();
  }

  /** The one line and exit code for {@code t}, judged by {@code t} and its causes. */
  public static Failure of(Throwable t) {
    Throwable noSpace = null;
    int depth = 0;
    for (Throwable c = t; c != null && depth < MAX_CAUSES; c = c.getCause(), depth++) {
      if (c instanceof OutOfMemoryError) {
        return failed(driverOutOfMemory(Runtime.getRuntime().maxMemory()));
      }
      if (c instanceof WorkerDiedException died && died.outOfMemory() != null) {
        return failed(died.outOfMemory());
      }
      if (c instanceof InputException
          || c instanceof RemoteTaskException r && isInputError(r.remoteClassName())) {
        return new Failure(remoteMessage(c), EXIT_USAGE);
      }
      if (c.getMessage() != null && c.getMessage().contains(NO_SPACE) && !namesAPath(noSpace)) {
        noSpace = c; // the first that names the path, else the deepest: outer ones only wrap it
      }
    }
    if (noSpace != null) {
      return failed("disk full: " + remoteMessage(noSpace) + ". Free space there, or write"
          + " elsewhere (the output, or the job's partials: java.io.tmpdir,"
          + " WorkerOptions.tempDirectory)");
    }
    boolean usage = t instanceof OutputExistsException || t instanceof IllegalArgumentException
        || t instanceof IllegalStateException;
    return new Failure(oneLine(t.getMessage() != null ? t.getMessage() : t.toString()),
        usage ? EXIT_USAGE : EXIT_FAILED);
  }

  /** The one line for a driver that ran out of memory with {@code maxHeap} bytes of heap. */
  static String driverOutOfMemory(long maxHeap) {
    return String.format(Locale.ROOT, "out of memory in the driver JVM (heap %,d MB): give it"
        + " more with java -Xmx (e.g. -Xmx%dm), or run the mappers in worker processes"
        + " (--engine processes) with fewer distinct keys per job", maxHeap / MB,
        Math.max(256, 2 * maxHeap / MB));
  }

  /**
   * Names {@code path} in an exception for a full disk, with the space left on its file system;
   * any other exception is returned as it is. For the places that write files, so that a full
   * disk is reported by where it happened.
   */
  public static IOException naming(Path path, IOException e) {
    if (e.getMessage() == null || !e.getMessage().contains(NO_SPACE)
        || e.getMessage().contains(path.toString())) {
      return e;
    }
    FileSystemException named = new FileSystemException(path.toString(), null,
        NO_SPACE + space(path));
    named.initCause(e);
    return named;
  }

  private static String space(Path path) {
    try {
      Path existing = path;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      FileStore store = Files.getFileStore(existing == null ? path : existing);
      return String.format(Locale.ROOT, " (%,d bytes free of %,d; it needs more than that)",
          store.getUsableSpace(), store.getTotalSpace());
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static boolean namesAPath(Throwable t) {
    return t instanceof FileSystemException f && f.getFile() != null
        || t instanceof RemoteTaskException;
  }

  private static boolean isInputError(String className) {
    return InputException.class.getName().equals(className);
  }

  private static String remoteMessage(Throwable t) {
    String m = t instanceof RemoteTaskException r ? r.remoteMessage() : t.getMessage();
    return oneLine(m == null ? t.toString() : m);
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static Failure failed(String message) {
    return new Failure(message, EXIT_FAILED);
  }
}
