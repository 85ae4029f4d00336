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
 * The worker JVM's entry point: {@code WorkerMain <driver pid> <worker index>}.
 *
 * <p>Frames arrive on stdin and leave on stdout; {@code System.out} is pointed at stderr first, so
 * that anything user code prints goes to the driver's log instead of corrupting the protocol. The
 * worker exits when stdin closes, and a watchdog thread exits it when the driver process is gone
 * (even killed with SIGKILL), so no worker outlives its driver; before it exits, it removes the
 * directories of the jobs it was running, which the dead driver can no longer remove.
 */
public final class WorkerMain {
  private static final long WATCH_MILLIS = 200;

  private WorkerMain() {}

  public static void main(String[] args) {
    FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
    System.setOut(System.err);
    long driverPid = Long.parseLong(args[0]);
    int index = Integer.parseInt(args[1]);
    Map<Integer, Path> jobDirs = new ConcurrentHashMap<>();
    watch(driverPid, jobDirs);
    try {
      new WorkerLoop(index, jobDirs, new FrameInput(new BufferedInputStream(System.in, 1 << 16)),
          new FrameOutput(new BufferedOutputStream(stdout, 1 << 16))).run();
    } catch (Throwable t) {
      System.err.println("worker " + index + " stopping: " + t);
      t.printStackTrace();
      Runtime.getRuntime().halt(70);
    }
    Runtime.getRuntime().halt(0);
  }

  private static void watch(long driverPid, Map<Integer, Path> jobDirs) {
    Optional<ProcessHandle> driver = ProcessHandle.of(driverPid);
    Thread watchdog = new Thread(() -> {
      while (driver.isPresent() && driver.get().isAlive()) {
        try {
          Thread.sleep(WATCH_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
      System.err.println("driver process " + driverPid + " is gone; worker exiting");
      Leftovers.removeJobDirectories(jobDirs.values());
      Runtime.getRuntime().halt(0);
    }, "forkreduce-driver-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
