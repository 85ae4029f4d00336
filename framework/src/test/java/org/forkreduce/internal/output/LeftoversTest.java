package org.forkreduce.internal.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sweep removes (entries of processes that are gone) and what it never touches. */
class LeftoversTest {
  @TempDir Path dir;

  /** A pid that no process has now: one of a process that has exited. */
  private static long deadPid() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  private Path entry(String name) throws IOException {
    Path d = Files.createDirectory(dir.resolve(name));
    Files.writeString(d.resolve("partial-0-0"), "x");
    return d;
  }

  @Test
  void sweep_ownerGone_removesDirectoryAndFile() throws Exception {
    Path gone = entry(Leftovers.JOB_PREFIX + deadPid() + "-1700000000000-123");
    Path file = Files.createFile(dir.resolve(".out.tmp-" + deadPid() + "-1700000000000-9.tmp"));
    Leftovers.sweep(dir, Leftovers.JOB_PREFIX);
    Leftovers.sweep(dir, ".out.tmp-");
    assertThat(gone).doesNotExist();
    assertThat(file).doesNotExist();
  }

  @Test
  void sweep_pidReusedByAnotherProcess_removes() throws IOException {
    // this process's pid, but a start time of another process: the owner is gone
    Path reused = entry(Leftovers.JOB_PREFIX + ProcessHandle.current().pid() + "-1000-5");
    Leftovers.sweep(dir, Leftovers.JOB_PREFIX);
    assertThat(reused).doesNotExist();
  }

  @Test
  void sweep_ownerAlive_keeps() throws IOException {
    Path live = Leftovers.createDirectory(dir, Leftovers.JOB_PREFIX);
    long start = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
        .orElseThrow();
    assertThat(live.getFileName().toString())
        .startsWith(Leftovers.JOB_PREFIX + ProcessHandle.current().pid() + "-" + start + "-");
    assertThat(Files.getPosixFilePermissions(live))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    Leftovers.sweep(dir, Leftovers.JOB_PREFIX);
    assertThat(live).exists();
  }

  @Test
  void sweep_symlinkOrOtherName_neverFollowedNorRemoved() throws Exception {
    Path target = entry("precious");
    Path link = Files.createSymbolicLink(
        dir.resolve(Leftovers.JOB_PREFIX + deadPid() + "-1700000000000-7"), target);
    Path other = entry(Leftovers.JOB_PREFIX + "not-ours");
    Leftovers.sweep(dir, Leftovers.JOB_PREFIX);
    assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(target.resolve("partial-0-0")).exists();
    assertThat(other).exists();
  }

  @Test
  void removeJobDirectories_onlyJobNamedOnes() throws IOException {
    Path job = entry(Leftovers.JOB_PREFIX + "1-2-3");
    Path notJob = entry("output");
    Leftovers.removeJobDirectories(java.util.List.of(job, notJob));
    assertThat(job).doesNotExist();
    assertThat(notJob).exists();
  }
}
