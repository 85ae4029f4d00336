package org.forkreduce.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.forkreduce.WorkerOptions;
import org.junit.jupiter.api.Test;

/** The worker command line's heap options. */
class WorkerCommandTest {

  @Test
  void of_noHeapOption_startsTheHeapAtItsShareOfAQuarterOfMemory() {
    List<String> one = command(WorkerOptions.defaults().workers(1));
    List<String> four = command(WorkerOptions.defaults().workers(4));
    long total = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    assertThat(one).contains("-Xms" + Math.max(64, total / 4 >> 20) + "m",
        "-Xmn" + Math.min(WorkerCommand.YOUNG, Math.max(64, total / 4 >> 20) / 4) + "m");
    assertThat(four).contains("-Xms" + Math.max(64, total / 16 >> 20) + "m");
  }

  @Test
  void of_youngGenerationSizedByTheOptions_addsNoYoungSize() {
    for (String young : List.of("-Xmn64m", "-XX:MaxNewSize=100m", "-XX:NewRatio=3")) {
      List<String> command = command(WorkerOptions.defaults().jvmOption(young));
      assertThat(command).contains(young);
      assertThat(command.stream().filter(a -> a.startsWith("-Xmn") && !a.equals(young)))
          .as("%s", command).isEmpty();
    }
  }

  @Test
  void of_heapSizedByTheOptions_addsNoInitialHeap() {
    for (WorkerOptions o : List.of(WorkerOptions.defaults().heap("512m"),
        WorkerOptions.defaults().jvmOption("-Xms100m"),
        WorkerOptions.defaults().jvmOption("-XX:MaxRAMPercentage=50"))) {
      List<String> command = command(o);
      assertThat(command.stream().filter(a -> a.startsWith("-Xms") || a.startsWith("-Xmn"))
          .toList())
          .as("%s", command).isEqualTo(o.jvmOptions().contains("-Xms100m")
              ? List.of("-Xms100m") : List.of());
    }
  }

  private static List<String> command(WorkerOptions options) {
    return WorkerCommand.of(options, WorkerClassPath.of(options), 0);
  }
}
