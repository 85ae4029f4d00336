package org.forkreduce.internal.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.forkreduce.internal.output.Leftovers;
import org.forkreduce.internal.protocol.FrameInput;
import org.forkreduce.internal.protocol.FrameOutput;

/**
 * The worker JVM's entry point: {@code WorkerMain <driver pid> <worker index> <heartbeat ms>}.
 *
 * <p>Frames arrive on stdin and leave on stdout; {@code System.out} is pointed at stderr first, so
 * that anything user code prints goes to the driver's log instead of corrupting the protocol. The
 * worker exits when stdin closes, and a watchdog thread exits it when the driver process is gone
 * (even killed with SIGKILL), so no worker outlives its driver; before it exits, it removes the
 * directories of the jobs it was running, which the dead driver can no longer remove.
 */
public final class WorkerMain {
  private static final long WATCH_MILLIS = 200;
  /** How long a worker whose stdin closed waits to see whether its driver died. */
  private static final long EOF_GRACE_MILLIS = 2_000;

  private WorkerMain() {}

  public static void main(String[] args) {
    FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
    System.setOut(System.err);
    long driverPid = Long.parseLong(args[0]);
    int index = Integer.parseInt(args[1]);
    long heartbeatMillis = Long.parseLong(args[2]);
    Optional<ProcessHandle> driver = ProcessHandle.of(driverPid);
    Map<Integer, Path> jobDirs = new ConcurrentHashMap<>();
    watch(driver, driverPid, jobDirs);
    int status = 0;
    try {
      new WorkerLoop(index, jobDirs, new FrameInput(new BufferedInputStream(System.in, 1 << 16)),
          new FrameOutput(new BufferedOutputStream(stdout, 1 << 16)), heartbeatMillis).run();
    } catch (Throwable t) {
      System.err.println("worker " + index + " stopping: " + t);
      t.printStackTrace();
      status = 70;
    }
    // stdin ended (maybe mid-frame): closed by a driver that ended its jobs, or by its death;
    // then the jobs' files are left to the workers
    if (!jobDirs.isEmpty() && gone(driver, EOF_GRACE_MILLIS)) {
      Leftovers.removeJobDirectories(jobDirs.values());
    }
    Runtime.getRuntime().halt(status);
  }

  /** Whether the driver is gone, or goes within {@code millis}. */
  private static boolean gone(Optional<ProcessHandle> driver, long millis) {
    for (long waited = 0; driver.isPresent() && driver.get().isAlive(); waited += WATCH_MILLIS) {
      if (waited >= millis) {
        return false;
      }
      try {
        Thread.sleep(WATCH_MILLIS);
      } catch (InterruptedException e) {
        return false;
      }
    }
    return true;
  }

  private static void watch(Optional<ProcessHandle> driver, long driverPid,
      Map<Integer, Path> jobDirs) {
    Thread watchdog = new Thread(() -> {
      if (!gone(driver, Long.MAX_VALUE)) {
        return;
      }
      System.err.println("driver process " + driverPid + " is gone; worker exiting");
      Leftovers.removeJobDirectories(jobDirs.values());
      Runtime.getRuntime().halt(0);
    }, "forkreduce-driver-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
