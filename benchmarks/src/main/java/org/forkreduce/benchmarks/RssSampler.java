package org.forkreduce.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The peak resident memory of a process tree: every {@link #PERIOD_MILLIS} ms a daemon thread
 * sums {@code VmRSS} from {@code /proc/<pid>/status} over the process and all its descendants
 * (a ForkReduce driver and its worker JVMs), and keeps the largest sum. Shared pages count once
 * per process, as each process's RSS shows them. Linux only: elsewhere {@link #SUPPORTED} is
 * false and the peak is {@link #NOT_MEASURED}.
 */
final class RssSampler implements AutoCloseable {
  static final long PERIOD_MILLIS = 50;
  /** The peak when nothing was measured: not Linux, or no sample taken. */
  static final long NOT_MEASURED = -1;
  static final boolean SUPPORTED = Files.isReadable(Path.of("/proc/self/status"));

  private final ProcessHandle root;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long peak = NOT_MEASURED;

  private RssSampler(ProcessHandle root) {
    this.root = root;
    this.thread = new Thread(this::loop, "rss-sampler-" + root.pid());
    thread.setDaemon(true);
  }

  /** Starts sampling {@code root} and its descendants until {@link #close()}. */
  static RssSampler start(ProcessHandle root) {
    RssSampler s = new RssSampler(root);
    if (SUPPORTED) {
      s.thread.start();
    }
    return s;
  }

  /** The largest sum seen so far, in bytes, or {@link #NOT_MEASURED}. */
  long peakBytes() {
    return peak;
  }

  /** Stops sampling and waits for the sampling thread to end. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the thread stops at its next check all the same
    }
  }

  private void loop() {
    while (!stopped) {
      long sum = rssBytes(root.pid());
      for (ProcessHandle d : root.descendants().toList()) {
        sum += rssBytes(d.pid());
      }
      if (root.isAlive() && sum > peak) { // a process that has ended has no RSS left to count
        peak = sum;
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The resident memory of process {@code pid} in bytes; 0 when it has ended. */
  static long rssBytes(long pid) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return 0; // ended between listing and reading
    }
    for (String line : lines) {
      if (line.startsWith("VmRSS:")) { // "VmRSS:     123456 kB"
        String[] parts = line.substring("VmRSS:".length()).strip().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
      }
    }
    return 0; // a zombie has no VmRSS line
  }
}
