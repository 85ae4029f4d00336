package org.forkreduce.internal.input;

import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.forkreduce.internal.output.Leftovers;

/**
 * Streams and files whose size lies, copied once to a private directory so that they are planned,
 * split and read like regular files on every engine. A stream can be read only once, so each is
 * spooled the first time any input of this JVM plans it, and every later plan (a sample, a
 * re-plan, a second job) gets the same copy. The directory ({@code forkreduce-stream-*} in
 * {@code java.io.tmpdir}, mode 0700) is removed when the JVM exits; a copy that starts with gzip's
 * magic bytes is named {@code .gz} and read as a gzip file.
 */
final class Spool {
  private static final String PREFIX = "forkreduce-stream-";
  /** What each spooled root became: its copy, or the failure that every later plan repeats. */
  private static final Map<String, Object> SPOOLED = new HashMap<>();
  private static Path directory;

  private Spool() {}

  /** Opens the stream to copy. */
  interface Source {
    InputStream open() throws IOException;
  }

  /** The copy of standard input. */
  static Path stdin() throws IOException {
    return of(SpecialFiles.STDIN, "stdin", () -> new FilterInputStream(System.in) {
      @Override
      public void close() {} // System.in belongs to the application
    });
  }

  /**
   * The copy of the file or stream at {@code path}, made at the first call for that path. Read
   * through a {@link FileInputStream}: a channel's stream seeks, which pipes refuse.
   */
  static Path of(Path path) throws IOException {
    return of(path.toString(), String.valueOf(path.getFileName()),
        () -> new FileInputStream(path.toFile()));
  }

  private static synchronized Path of(String key, String name, Source source) throws IOException {
    Object done = SPOOLED.get(key);
    if (done instanceof Path copy) {
      return copy;
    }
    if (done instanceof IOException failure) {
      throw new IOException(failure.getMessage(), failure);
    }
    Path dir = directory();
    Path copy = dir.resolve(SPOOLED.size() + "-" + name);
    // no BufferedInputStream: it asks available(), which pipes and /proc files may refuse
    try (PushbackInputStream in = new PushbackInputStream(source.open(), 2)) {
      if (isGzip(in)) {
        copy = dir.resolve(copy.getFileName() + ".gz");
      }
      Files.copy(in, copy);
    } catch (IOException e) {
      Files.deleteIfExists(copy);
      IOException failure = new IOException("Cannot copy input " + key + " to " + copy
          + " to plan it: " + e + " (the copy needs room for the whole stream in java.io.tmpdir)",
          e);
      SPOOLED.put(key, failure);
      throw failure;
    }
    SPOOLED.put(key, copy);
    return copy;
  }

  private static boolean isGzip(PushbackInputStream in) throws IOException {
    byte[] magic = in.readNBytes(2);
    in.unread(magic);
    return magic.length == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b;
  }

  private static Path directory() throws IOException {
    if (directory == null) {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      // the copies of a driver killed before its exit hook ran: named for their owner, so the
      // next driver that spools removes them once that process is gone
      Leftovers.sweep(tmp, PREFIX);
      directory = Leftovers.createDirectory(tmp, PREFIX);
      Path dir = directory;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "forkreduce-spool"));
    }
    return directory;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      System.err.println("forkreduce: could not remove the spooled inputs in " + dir + ": " + e);
    }
  }
}
