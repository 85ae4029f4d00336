package org.forkreduce.internal.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;
import org.forkreduce.InputException;

/**
 * What a named input is, judged before any work: a regular file or a directory (planned as they
 * are), a stream ({@code -}, a FIFO, or a descriptor path such as {@code /dev/stdin} or a process
 * substitution's {@code /dev/fd/63}, all read once by {@link Spool}), or anything else (a socket,
 * a device), which is refused.
 */
final class SpecialFiles {
  /** The root that names standard input. */
  static final String STDIN = "-";

  /** Paths that name one of this process's descriptors: workers cannot open them themselves. */
  private static final Pattern DESCRIPTOR =
      Pattern.compile("/dev/(stdin|fd/\\d+)|/proc/(self|\\d+)/fd/\\d+");

  private static final int TYPE_MASK = 0170000;

  private SpecialFiles() {}

  /**
   * How the root is named in messages and summaries when it is read as a stream ({@code stdin},
   * {@code fifo:/path}, {@code pipe:/dev/fd/63}, {@code fd:/dev/fd/5}), or null for a regular
   * file or a directory.
   *
   * @param root {@link #STDIN} or an absolute, normalized path string that exists
   * @throws InputException naming the root and its kind when it is neither a file, a directory
   *     nor a stream
   */
  static String streamLabel(String root) {
    if (root.equals(STDIN)) {
      return "stdin";
    }
    String kind = kind(Path.of(root));
    if (DESCRIPTOR.matcher(root).matches()) {
      return root.equals("/dev/stdin") || root.endsWith("/fd/0") ? "stdin"
          : (kind.equals("FIFO") ? "pipe:" : "fd:") + root;
    }
    return switch (kind) {
      case "FIFO" -> "fifo:" + root;
      case "regular file", "directory" -> null;
      default -> throw refused(root, kind);
    };
  }

  /** The refusal of a path that ForkReduce cannot read: one line naming it, its kind, and why. */
  static InputException refused(String path, String kind) {
    return new InputException("Input path " + path + " is a " + kind + ", not a regular file,"
        + " directory or stream: give files or directories, '-' for standard input, or a FIFO.");
  }

  /**
   * The kind of file the path leads to (links followed): "regular file", "directory", "FIFO",
   * "socket", "character device", "block device", or "special file" where the platform does not
   * say which.
   */
  static String kind(Path path) {
    try {
      return kindOfMode((Integer) Files.getAttribute(path, "unix:mode"));
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return basicKind(path);
    } catch (IOException e) {
      throw unreadable(path, e);
    }
  }

  private static String kindOfMode(int mode) {
    return switch (mode & TYPE_MASK) {
      case 0100000 -> "regular file";
      case 0040000 -> "directory";
      case 0010000 -> "FIFO";
      case 0140000 -> "socket";
      case 0020000 -> "character device";
      case 0060000 -> "block device";
      default -> "special file";
    };
  }

  private static String basicKind(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return a.isRegularFile() ? "regular file" : a.isDirectory() ? "directory" : "special file";
    } catch (IOException e) {
      throw unreadable(path, e);
    }
  }

  private static InputException unreadable(Path path, IOException e) {
    return new InputException("Cannot read the attributes of input path " + path + ": " + e
        + ". Check that it exists and that this user may read it.", e);
  }

  /**
   * Whether a regular file's size cannot be trusted: a file of the kernel's pseudo file systems
   * ({@code /proc}, {@code /sys}), whose size is 0 or a page whatever it holds, or any file of
   * size 0 that yields a byte.
   */
  static boolean sizeLies(Path file, long size) throws IOException {
    String name = file.toString();
    if (name.startsWith("/proc/") || name.startsWith("/sys/")) {
      return true;
    }
    if (size != 0) {
      return false;
    }
    try (var in = Files.newInputStream(file)) {
      return in.read() >= 0;
    }
  }
}
