package org.forkreduce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Ways for a task to stall the worker running it with SIGSTOP, for the stall tests: each stopped
 * worker's pid is appended to a file, so the test can check it was killed and, whatever
 * happened, kill it itself ({@link #killAll}).
 */
public final class SelfStop {
  private SelfStop() {}

  /** Records this process's pid in {@code pids} and stops it with SIGSTOP. */
  public static void sigstop(Path pids) {
    long pid = ProcessHandle.current().pid();
    try {
      Files.writeString(pids, pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops this process as {@link #sigstop} the first time any worker gets here. */
  public static void sigstopOnce(Path marker, Path pids) {
    try {
      Files.createFile(marker);
    } catch (IOException alreadyStoppedOnce) {
      return;
    }
    sigstop(pids);
  }

  /** The pids recorded in {@code pids}, none if no worker was stopped. */
  public static List<Long> pids(Path pids) throws IOException {
    return Files.exists(pids)
        ? Files.readAllLines(pids).stream().map(Long::parseLong).toList() : List.of();
  }

  /** Kills with SIGKILL every recorded worker still alive: the tests' cleanup. */
  public static void killAll(Path pids) throws IOException {
    for (long pid : pids(pids)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
