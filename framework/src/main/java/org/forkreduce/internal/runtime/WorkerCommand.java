package org.forkreduce.internal.runtime;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.forkreduce.WorkerOptions;
import org.forkreduce.WorkerStartException;
import org.forkreduce.internal.worker.WorkerMain;

/**
 * The command line of a worker JVM: this JVM's {@code java}, the options, and a class path made of
 * this JVM's class path plus the jars that hold the framework and its dependencies (which an
 * embedding application may load from elsewhere) plus any entries the options add.
 */
final class WorkerCommand {
  private WorkerCommand() {}

  static List<String> of(WorkerOptions options, int index) {
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
    String classPath = classPath(options);
    command.addAll(WorkerClassData.options(java, classPath, options.jvmOptions(),
        options.tempDirectory(), index));
    command.add("-cp");
    command.add(classPath);
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

  private static String classPath(WorkerOptions options) {
    Set<String> entries = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    for (Class<?> c : new Class<?>[] {WorkerMain.class,
        com.esotericsoftware.kryo.kryo5.Kryo.class, org.slf4j.LoggerFactory.class,
        org.apache.commons.csv.CSVFormat.class, org.apache.commons.io.IOUtils.class,
        ch.randelshofer.fastdoubleparser.JavaDoubleParser.class}) {
      codeSource(c).ifPresent(entries::add);
    }
    entries.addAll(options.extraClassPath());
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static java.util.Optional<String> codeSource(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null
        || !"file".equals(source.getLocation().getProtocol())) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Path.of(source.getLocation().toURI()).toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
