package org.forkreduce.internal.runtime;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.forkreduce.WorkerOptions;
import org.forkreduce.WorkerStartException;
import org.forkreduce.internal.worker.WorkerMain;

/**
 * The command line of a worker JVM: this JVM's {@code java}, the options, and the group's {@link
 * WorkerClassPath}.
 */
final class WorkerCommand {
  private WorkerCommand() {}

  static List<String> of(WorkerOptions options, WorkerClassPath classPath, int index) {
    Path java = options.javaHome().resolve("bin").resolve("java");
    if (!Files.isExecutable(java)) {
      throw new WorkerStartException("Cannot start worker JVMs: no executable java at " + java
          + ". Set WorkerOptions.javaHome to a JDK or JRE 17+.", null);
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options.jvmOptions());
    command.addAll(initialHeap(options));
    command.add("-XX:+ExitOnOutOfMemoryError");
    // the JVM prints some messages (the out-of-memory exit among them) on stdout, the protocol
    command.add("-XX:+DisplayVMOutputToStderr");
    String cp = classPath.joined();
    command.addAll(WorkerClassData.options(java, cp, options.jvmOptions(),
        options.tempDirectory(), index));
    command.add("-cp");
    command.add(cp);
    command.add(WorkerMain.class.getName());
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.add(Integer.toString(index));
    command.add(Long.toString(options.heartbeatInterval().toMillis()));
    return command;
  }

  /**
   * {@code -Xms} at the worker's share of a quarter of the machine's memory, unless the options
   * size the heap themselves. A worker that builds a large table (ten million groups) otherwise
   * spends half its time in the full collections by which the parallel collector grows a heap
   * that starts small; committing the heap up front costs nothing until it is used.
   *
   * <p>The young generation is kept to {@link #YOUNG} at most (the collector's default is a third
   * of the heap): what a map task allocates and drops is parsing garbage, while the tables it
   * keeps are promoted anyway, and every page of a large young generation is touched before the
   * first collection — memory the machine must supply (a page fault each) and that the driver
   * then lacks.
   */
  private static List<String> initialHeap(WorkerOptions options) {
    for (String o : options.jvmOptions()) {
      if (o.startsWith("-Xms") || o.startsWith("-Xmx") || o.contains("HeapSize")
          || o.contains("RAMPercentage") || o.contains("RAMFraction")) {
        return List.of();
      }
    }
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)) {
      return List.of();
    }
    long share = Math.max(64, (os.getTotalMemorySize() / 4 / options.workers()) >> 20);
    boolean youngSized = options.jvmOptions().stream()
        .anyMatch(o -> o.startsWith("-Xmn") || o.contains("NewSize") || o.contains("NewRatio"));
    return youngSized ? List.of("-Xms" + share + "m")
        : List.of("-Xms" + share + "m", "-Xmn" + Math.min(YOUNG, share / 4) + "m");
  }

  /** The most young generation a worker gets when the options leave its heap to us, in MB. */
  static final long YOUNG = 256;
}
