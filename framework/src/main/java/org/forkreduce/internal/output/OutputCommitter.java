package org.forkreduce.internal.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import org.forkreduce.Failure;
import org.forkreduce.JobResult;
import org.forkreduce.WriteOption;

/**
 * The commit protocol for an output directory: part files are written into a private (0700)
 * temporary directory beside the target, an empty {@code _SUCCESS} marker is added last, and only
 * then is the directory renamed into place. A reader that sees the directory sees all of it.
 * The temporary directory names its owner process ({@link Leftovers}); a commit first removes the
 * temporary directories beside the same target that a killed process left behind.
 */
public final class OutputCommitter {
  /** Name of the marker written into a complete output directory. */
  public static final String SUCCESS = "_SUCCESS";

  private OutputCommitter() {}

  /** Writes the parts of one output. */
  @FunctionalInterface
  public interface PartsWriter {
    void writeParts(Path tempDir) throws IOException;
  }

  /**
   * Writes the output through a temporary directory and renames it into place.
   *
   * @throws org.forkreduce.OutputExistsException as {@link JobResult#checkTarget} says
   */
  public static void commit(Path dir, WriteOption[] options, PartsWriter parts)
      throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    JobResult.checkTarget(target, options);
    Path parent = target.getParent();
    Files.createDirectories(parent);
    String tempPrefix = "." + target.getFileName() + ".tmp-";
    Leftovers.sweep(parent, tempPrefix);
    Path temp = Leftovers.createDirectory(parent, tempPrefix);
    try {
      write(target, temp, parts);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      if (Files.exists(target)) {
        deleteRecursively(target);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target);
      }
    } finally {
      if (Files.exists(temp)) {
        deleteRecursively(temp);
      }
    }
  }

  /** Writes the parts and the marker; a failure (a full disk) names the target. */
  private static void write(Path target, Path temp, PartsWriter parts) throws IOException {
    try {
      parts.writeParts(temp);
      Files.createFile(temp.resolve(SUCCESS));
    } catch (IOException e) {
      IOException full = Failure.naming(target, e); // a full disk, named by the output asked for
      throw full != e ? full : new IOException("cannot write the output " + target + " (in "
          + temp.getFileName() + "): " + e.getMessage() + "; nothing was written there. Free"
          + " space on its disk or choose another place.", e);
    }
  }

  /** The name of part {@code index}: {@code part-00000}, {@code part-00001}, ... */
  public static String partName(int index) {
    return String.format("part-%05d", index);
  }

  /** Writes lines to numbered part files of at most {@code perPart} lines each. */
  public static void writeLines(Path dir, Iterator<String> lines, long perPart)
      throws IOException {
    int part = 0;
    do {
      writePart(dir, part++, lines, perPart);
    } while (lines.hasNext());
  }

  /** Writes at most {@code maxLines} lines, each ended by LF, to part {@code index} in dir. */
  public static void writePart(Path dir, int index, Iterator<String> lines, long maxLines)
      throws IOException {
    Path part = dir.resolve(partName(index));
    // the file is closed by itself: a writer whose last flush fails (a full disk) leaves it open
    try (OutputStream file = Files.newOutputStream(part);
        BufferedWriter w = new BufferedWriter(
            new OutputStreamWriter(file, StandardCharsets.UTF_8))) {
      for (long n = 0; n < maxLines && lines.hasNext(); n++) {
        w.write(lines.next());
        w.write('\n');
      }
    } catch (IOException e) {
      throw Failure.naming(part, e);
    }
  }

  /** Deletes a directory tree. */
  public static void deleteRecursively(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
