package org.forkreduce.internal.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.forkreduce.Input;
import org.forkreduce.InputException;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;

/** Listing input files and opening them at an offset; shared by every input format. */
final class InputFiles {
  private InputFiles() {}

  /**
   * Resolves paths to absolute path strings ({@code -}, standard input, stays {@code -}), failing
   * fast on one that does not exist, cannot be read, or is neither a file, a directory nor a
   * stream (see {@link SpecialFiles}), before any work starts.
   */
  public static List<String> checkedRoots(Path... paths) {
    if (paths.length == 0) {
      throw new InputException("No input paths given: pass at least one file or directory.");
    }
    List<String> roots = new ArrayList<>();
    for (Path p : paths) {
      if (p.toString().equals(SpecialFiles.STDIN)) {
        roots.add(SpecialFiles.STDIN);
        continue;
      }
      Path abs = p.toAbsolutePath().normalize();
      if (!Files.exists(abs)) {
        throw new InputException("Input path does not exist: " + p + " (resolved to " + abs
            + "). Check the spelling; relative paths resolve against the working directory.");
      }
      if (!Files.isReadable(abs)) {
        throw new InputException("Input path is not readable: " + abs
            + ". Grant read permission to this user or choose another path.");
      }
      SpecialFiles.streamLabel(abs.toString()); // refuses sockets and devices
      roots.add(abs.toString());
    }
    return roots;
  }

  /** See {@link Formats#knownBytes}. */
  static long knownBytes(Input<?> input) {
    List<String> roots = input instanceof TextInput t ? t.roots()
        : input instanceof CsvInput c ? c.roots() : null;
    if (roots == null) {
      return -1;
    }
    try {
      long total = 0;
      for (Path f : list(roots)) {
        total += Files.size(f);
      }
      return total;
    } catch (IOException | UncheckedIOException | InputException e) {
      return -1;
    }
  }

  /**
   * Lists the files under the roots, each directory walked recursively in name order. As Hadoop
   * does, files and directories whose names start with '.' or '_' inside a directory are skipped
   * (they hold markers such as {@code _SUCCESS} and hidden temporaries); a root named explicitly is
   * always read. Streams and files whose size lies are listed as their {@link Spool} copies; a
   * socket, device or FIFO inside a directory is refused.
   */
  public static List<Path> list(List<String> roots) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : roots) {
      if (root.equals(SpecialFiles.STDIN)) {
        files.add(Spool.stdin());
        continue;
      }
      Path r = Path.of(root);
      if (!Files.exists(r)) {
        throw new InputException("Input path disappeared before the job started: " + r);
      }
      if (SpecialFiles.streamLabel(root) != null) {
        files.add(Spool.of(r));
      } else if (Files.isDirectory(r)) {
        List<Path> inside;
        try (Stream<Path> walk = Files.walk(r)) {
          inside = walk.filter(p -> !p.equals(r) && !Files.isDirectory(p) && Files.exists(p)
              && !isHidden(r, p)).sorted().toList();
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        for (Path p : inside) {
          files.add(readable(p, " inside input directory " + r));
        }
      } else {
        files.add(readable(r, ""));
      }
    }
    return files;
  }

  /**
   * A regular file as it is, or its copy if its size lies; any other kind, or a file this user
   * cannot read, is refused before any work.
   */
  private static Path readable(Path file, String where) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw SpecialFiles.refused(file.toString(), SpecialFiles.kind(file) + where);
    }
    if (!Files.isReadable(file)) {
      throw unreadable(file, null);
    }
    return SpecialFiles.sizeLies(file, a.size()) ? Spool.of(file) : file;
  }

  private static InputException unreadable(Path file, Throwable cause) {
    return new InputException("Input file is not readable: " + file + ". Grant read permission"
        + " to this user, or move it out of the input directory.", cause);
  }

  private static boolean isHidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  /** True for files read whole through gzip. */
  public static boolean isGzip(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  /**
   * Plans the splits of the files: gzip files whole, others cut into ranges sized by the policy.
   * Empty files hold no records and give no split.
   */
  public static List<Split> plan(List<Path> files, SplitPolicy policy) throws IOException {
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    long splitSize = policy.sizeFor(total);
    List<Split> splits = new ArrayList<>();
    for (Path f : files) {
      long size = Files.size(f);
      String path = f.toString();
      if (size == 0) {
        continue;
      }
      long modified = modified(f);
      if (isGzip(f)) {
        splits.add(new Split(path, 0, size, size, modified, true, null));
        continue;
      }
      for (long start = 0; start < size; start += splitSize) {
        splits.add(new Split(path, start, Math.min(splitSize, size - start), size, modified,
            false, null));
      }
    }
    return splits;
  }

  /** The file's modification time in nanoseconds since the epoch, as a split records it. */
  static long modified(Path file) throws IOException {
    return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
  }

  /**
   * Opens the split's file positioned at {@code offset} (decompressed, from 0, for gzip). A file
   * that vanished or shrank since planning is reported by name, when opened and if it ends
   * early while read; and when the stream is closed, a file whose size or modification time
   * differs from the plan's (see {@link UnchangedInput}).
   */
  public static InputStream open(Split split, long offset) throws IOException {
    Path path = Path.of(split.path());
    FileChannel channel = openChannel(path);
    long size = channel.size();
    if (size < split.fileLength()) {
      channel.close();
      throw new InputException("Input file shrank during the job: " + path + " was "
          + split.fileLength() + " bytes when planned, now " + size
          + ". Do not modify inputs while a job runs.");
    }
    long from = split.compressed() ? 0 : offset;
    channel.position(from);
    InputStream in = new UnchangedInput(Channels.newInputStream(channel), split, from);
    return split.compressed() ? new GZIPInputStream(in, 1 << 16) : in;
  }

  // Open first, then judge: a check before opening would race with a delete in between.
  private static FileChannel openChannel(Path path) throws IOException {
    try {
      return FileChannel.open(path);
    } catch (NoSuchFileException e) {
      throw new InputException("Input file disappeared during the job: " + path
          + ". Do not move or delete inputs while a job runs.", e);
    } catch (AccessDeniedException e) {
      throw unreadable(path, e);
    }
  }

  /** The split's own bytes only: a plain file's range, or a gzip file's whole stream. */
  public static InputStream openRange(Split split) throws IOException {
    return openRange(split, split.start());
  }

  /**
   * The split's bytes from file offset {@code from} (uncompressed; in a gzip file, its stream
   * from there to its end).
   */
  public static InputStream openRange(Split split, long from) throws IOException {
    InputStream in = open(split, split.compressed() ? 0 : from);
    if (split.compressed()) {
      in.skipNBytes(from);
      return in;
    }
    return new java.io.FilterInputStream(in) {
      private long left = split.end() - from;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = super.read();
        left -= b < 0 ? 0 : 1;
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        left -= Math.max(n, 0);
        return n;
      }
    };
  }

  /** "line N (byte offset X)" for error messages; the byte offset alone if the file is gone. */
  public static String describePosition(Split split, long offset) {
    try {
      return "line " + lineNumberAt(split, offset) + " (byte offset " + offset + ")";
    } catch (IOException | RuntimeException e) {
      return "byte offset " + offset + " (line number unavailable: " + e.getMessage() + ")";
    }
  }

  /** Counts the LFs before {@code offset}: the 1-based line number of a record starting there. */
  public static long lineNumberAt(Split split, long offset) throws IOException {
    long line = 1;
    byte[] buf = new byte[1 << 16];
    long remaining = offset;
    try (InputStream in = open(split, 0)) {
      while (remaining > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            line++;
          }
        }
        remaining -= n;
      }
    }
    return line;
  }
}
