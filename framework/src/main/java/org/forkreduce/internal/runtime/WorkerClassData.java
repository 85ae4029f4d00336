package org.forkreduce.internal.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Application class-data sharing for worker JVMs, so that a worker starts with its classes
 * already parsed and verified. The first worker started for a given JDK, class path and JVM
 * options writes a dynamic archive when it exits ({@code -XX:ArchiveClassesAtExit}); later
 * workers map it ({@code -XX:SharedArchiveFile}). A JVM that cannot use an archive ignores it,
 * so this only ever makes starts faster.
 *
 * <p>Archives live in a private (0700) directory under the temp directory, named by a checksum of
 * everything the archive depends on. A worker writes to a name carrying its index and the
 * driver's pid; a later driver adopts such a file only once that driver has exited and a test
 * JVM has mapped it, so no worker ever maps a half-written archive. The newest 8 archives are
 * kept. Off where the class path has directories (the JDK archives
 * only jar files), before JDK 13, or with {@code -Dforkreduce.worker.cds=false}.
 */
final class WorkerClassData {
  private static final String DISABLE = "forkreduce.worker.cds";
  private static final int KEEP = 8;

  private WorkerClassData() {}

  /**
   * The JVM options that use or write the archive for this class path and these options, with
   * the JVM's own log errors sent to stderr (stdout is the protocol); empty when not possible.
   */
  static List<String> options(Path java, String classPath, List<String> jvmOptions,
      Path tempDir, int index) {
    if ("false".equals(System.getProperty(DISABLE)) || Runtime.version().feature() < 13
        || !allJars(classPath)) {
      return List.of();
    }
    try {
      Path dir = privateDir(tempDir.resolve("forkreduce-cds-" + userName()));
      String key = digest(classPath, jvmOptions);
      Path archive = dir.resolve(key + ".jsa");
      adoptFinished(dir, key, archive, java, classPath);
      if (Files.isRegularFile(archive)) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:disable",
            "-Xlog:all=error:stderr");
      }
      if (index != 0) {
        return List.of();
      }
      Path pending = dir.resolve(key + ".jsa." + ProcessHandle.current().pid() + ".pending");
      // the dump warns about every class it skips (lambda forms, old bytecode): errors only
      return Files.exists(pending) ? List.of() : List.of("-XX:ArchiveClassesAtExit=" + pending,
          "-Xlog:disable", "-Xlog:all=error:stderr");
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static boolean allJars(String classPath) {
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Renames a pending archive to its final name once the driver that wrote it has exited and a
   * JVM has mapped it: a worker killed while dumping leaves a truncated archive, and a JVM
   * crashes on one, so such a file is deleted instead.
   */
  private static void adoptFinished(Path dir, String key, Path archive, Path java,
      String classPath) throws IOException {
    if (Files.exists(archive)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(key + ".jsa.") && name.endsWith(".pending")
            && !writerAlive(name.substring(key.length() + 5, name.length() - 8))) {
          if (maps(java, p, classPath, dir)) {
            moveQuietly(p, archive);
            prune(dir);
          } else {
            Files.deleteIfExists(p);
          }
          return;
        }
      }
    }
  }

  private static boolean maps(Path java, Path archive, String classPath, Path dir)
      throws IOException {
    Path errorFile = dir.resolve("check-" + ProcessHandle.current().pid() + ".log");
    Process p = new ProcessBuilder(java.toString(), "-XX:SharedArchiveFile=" + archive,
        "-Xshare:on", "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + errorFile, "-cp",
        classPath, "-version").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      return p.waitFor() == 0;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    } finally {
      Files.deleteIfExists(errorFile);
    }
  }

  /** Keeps the newest archives only: each jar rebuild makes a new one. */
  private static void prune(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa"))
          .sorted(java.util.Comparator.comparing((Path f) -> f.toFile().lastModified())
              .reversed())
          .toList();
      for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
        Files.deleteIfExists(old);
      }
    }
  }

  private static boolean writerAlive(String pid) {
    try {
      Optional<ProcessHandle> writer = ProcessHandle.of(Long.parseLong(pid));
      return writer.isPresent() && writer.get().isAlive();
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static void moveQuietly(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(from);
    }
  }

  /**
   * A 64-bit name for the archive's inputs. A cheap checksum, not a cryptographic digest: the
   * security providers a digest loads cost the driver tens of milliseconds on every start, and a
   * collision only makes a JVM reject the archive (it checks the class path itself).
   */
  private static String digest(String classPath, List<String> jvmOptions) throws IOException {
    StringBuilder inputs = new StringBuilder()
        .append(System.getProperty("java.home")).append('\n').append(Runtime.version())
        .append('\n').append(jvmOptions).append('\n');
    for (String entry : classPath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      inputs.append(entry).append(' ').append(Files.size(jar)).append(' ')
          .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
    }
    String text = inputs.toString();
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().toHexDigits((crc.getValue() << 32) | (text.hashCode() & 0xffffffffL));
  }

  private static Path privateDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another driver made it first
      }
    }
    if (!Files.getPosixFilePermissions(dir).equals(PosixFilePermissions.fromString("rwx------"))
        || !Files.getOwner(dir).getName().equals(userName())) {
      throw new IOException("not a private directory: " + dir);
    }
    return dir;
  }

  private static String userName() {
    return System.getProperty("user.name", "user");
  }
}
