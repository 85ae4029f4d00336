package org.forkreduce.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClassDataTest {
  static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  @TempDir Path dir;

  private String jars() throws IOException {
    Path a = Files.write(dir.resolve("a.jar"), new byte[] {1});
    Path b = Files.write(dir.resolve("b.jar"), new byte[] {2});
    return a + File.pathSeparator + b;
  }

  @Test
  void options_directoryOnClassPath_none() throws IOException {
    String classPath = jars() + File.pathSeparator + dir;
    assertThat(WorkerClassData.options(JAVA, classPath, List.of(), dir, 0)).isEmpty();
  }

  @Test
  void options_firstWorker_writesPendingArchiveInPrivateDirectory() throws IOException {
    List<String> options = WorkerClassData.options(JAVA, jars(), List.of("-Xmx1g"), dir, 0);
    assertThat(options).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="))
        .contains("-Xlog:disable", "-Xlog:all=error:stderr");
    Path pending = Path.of(options.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
    assertThat(pending.getFileName().toString())
        .endsWith("." + ProcessHandle.current().pid() + ".pending");
    assertThat(Files.getPosixFilePermissions(pending.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(WorkerClassData.options(JAVA, jars(), List.of("-Xmx1g"), dir, 1))
        .as("only the first worker writes").isEmpty();
  }

  @Test
  void options_truncatedPendingOfExitedDriver_deletedNotShared() throws IOException {
    String classPath = jars();
    List<String> first = WorkerClassData.options(JAVA, classPath, List.of(), dir, 0);
    Path pending = Path.of(first.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
    String name = pending.getFileName().toString();
    String key = name.substring(0, name.indexOf(".jsa."));
    // the driver pid no longer runs, but the file is no archive (a worker killed mid-dump)
    Path broken = pending.resolveSibling(key + ".jsa.2147483646.pending");
    Files.write(broken, new byte[] {0});
    assertThat(WorkerClassData.options(JAVA, classPath, List.of(), dir, 3)).isEmpty();
    assertThat(broken).doesNotExist();
    assertThat(pending.resolveSibling(key + ".jsa")).doesNotExist();
  }

  @Test
  void options_differentJvmOptions_differentArchive() throws IOException {
    String classPath = jars();
    String a = WorkerClassData.options(JAVA, classPath, List.of("-Xmx1g"), dir, 0).get(0);
    String b = WorkerClassData.options(JAVA, classPath, List.of("-Xmx2g"), dir, 0).get(0);
    assertThat(a).isNotEqualTo(b);
  }
}
