package org.forkreduce.pool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Ways for a task to kill the worker running it, for the failure tests. */
public final class SelfKill {
  private SelfKill() {}

  /** Sends SIGKILL to this process and waits to die. */
  public static void sigkill() {
    try {
      new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start()
          .waitFor();
      Thread.sleep(10_000);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("still alive after SIGKILL");
  }

  /** SIGKILLs this process the first time any worker gets here; later calls return. */
  static void sigkillOnce(String marker) {
    try {
      Files.createFile(Path.of(marker));
    } catch (IOException alreadyKilledOnce) {
      return;
    }
    sigkill();
  }
}
