package org.forkreduce.internal.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Private temporary files and directories that name their owner, so that what a killed process
 * left behind can be found and removed by the next run.
 *
 * <p>Such a name is {@code <prefix><pid>-<start>-<random>[suffix]}: the creating process's id and
 * its start time in epoch milliseconds. Pids are reused, so an entry counts as abandoned only when
 * no process has that pid or the one that has it started at another time. {@link #sweep} removes
 * abandoned entries only if they match the pattern, belong to this user and are not symbolic links;
 * it never follows links and never touches an entry whose owner is alive.
 */
public final class Leftovers {
  /** The start of a job directory's name; workers remove only directories named so. */
  public static final String JOB_PREFIX = "forkreduce-job-";
  private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
  /** Start times are read from /proc in clock ticks; allow for rounding. */
  private static final long START_TOLERANCE_MILLIS = 1_000;
  private static final String OWNER = ProcessHandle.current().pid() + "-"
      + ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);

  private Leftovers() {}

  /** Creates a private (0700) directory in {@code parent} named for this process. */
  public static Path createDirectory(Path parent, String prefix) throws IOException {
    return Files.createTempDirectory(parent, prefix + OWNER + "-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /** Creates a private (0600) file in {@code parent} named for this process. */
  public static Path createFile(Path parent, String prefix, String suffix) throws IOException {
    return Files.createTempFile(parent, prefix + OWNER + "-", suffix,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  /**
   * Removes the entries of {@code parent} named {@code prefix<pid>-<start>-...} whose owner
   * process is gone. Failures are logged, never thrown: a sweep is housekeeping.
   */
  public static void sweep(Path parent, String prefix) {
    Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d+)-(\\d+)-[^/]+");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent,
        p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path entry : entries) {
        Matcher m = name.matcher(entry.getFileName().toString());
        if (m.matches() && ownerGone(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
          removeIfOurs(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not sweep {} for {}*: {}", parent, prefix, e.toString());
    }
  }

  /**
   * Removes {@code entry} (a directory tree or a file) if it is not a symbolic link and belongs to
   * this user; returns whether it is gone.
   */
  public static boolean removeIfOurs(Path entry) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (attrs.isSymbolicLink() || !Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS).getName()
          .equals(System.getProperty("user.name"))) {
        return false;
      }
      if (attrs.isDirectory()) {
        OutputCommitter.deleteRecursively(entry);
      } else {
        Files.delete(entry);
      }
      LOG.info("removed {}, left behind by a job whose driver is gone", entry);
      return true;
    } catch (IOException e) {
      LOG.debug("could not remove {}: {}", entry, e.toString());
      return Files.notExists(entry, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * Removes the job directories in {@code dirs}, for a worker whose driver is gone. A directory
   * not named as a job's is left alone; each removal is tried a few times, since the worker's
   * task may still be writing into it.
   */
  public static void removeJobDirectories(Iterable<Path> dirs) {
    for (Path dir : dirs) {
      if (!dir.getFileName().toString().startsWith(JOB_PREFIX)) {
        continue;
      }
      for (int attempt = 0; attempt < 3 && !removeIfOurs(dir); attempt++) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Whether no live process is the one with {@code pid} that started at {@code startMillis}. */
  static boolean ownerGone(long pid, long startMillis) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return true;
    }
    return handle.get().info().startInstant()
        .map(start -> Math.abs(start.toEpochMilli() - startMillis) > START_TOLERANCE_MILLIS)
        .orElse(false);
  }
}
