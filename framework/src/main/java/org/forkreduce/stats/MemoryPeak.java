package org.forkreduce.stats;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The most memory one JVM of a job used: the driver, or a worker process.
 *
 * @param jvm which JVM: {@code driver}, or {@code worker 0}, {@code worker 1}, ...
 * @param heapBytes the peak of its heap's use since the job started, summed over the heap's
 *     pools (each pool's own peak, so a little above the true peak)
 * @param rssBytes its peak resident set size since the process started ({@code VmHWM}), or -1
 *     where the operating system does not tell it
 */
public record MemoryPeak(String jvm, long heapBytes, long rssBytes) implements Serializable {

  /** This JVM's peaks, named {@code jvm}. */
  public static MemoryPeak of(String jvm) {
    long heap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heap += pool.getPeakUsage().getUsed();
      }
    }
    return new MemoryPeak(jvm, heap, peakRss());
  }

  /** Starts this JVM's heap peaks afresh, as a job starts. */
  public static void reset() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc hidden: unknown
    }
    return -1;
  }
}
