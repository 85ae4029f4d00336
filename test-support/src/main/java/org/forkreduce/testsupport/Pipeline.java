package org.forkreduce.testsupport;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs processes joined by real pipes, as a shell's {@code a | b} does, for CLI tests. */
public final class Pipeline {
  private Pipeline() {}

  /** What the last process of a pipeline gave: its exit code, stdout and stderr. */
  public record Result(int code, String out, String err) {}

  /**
   * The command line that runs {@code mainClass} in a new JVM on this JVM's class path.
   *
   * @param args the arguments after the class name
   */
  public static ProcessBuilder java(Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /**
   * Makes a FIFO at {@code fifo} and starts a process that copies {@code source} into it; the
   * caller reads the FIFO, then waits for the writer and kills it in a {@code finally}.
   */
  public static Process fifoWriter(Path source, Path fifo)
      throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    if (mkfifo.waitFor() != 0) {
      throw new AssertionError("mkfifo " + fifo + " failed with exit " + mkfifo.exitValue());
    }
    return new ProcessBuilder("cp", source.toString(), fifo.toString()).start();
  }

  /**
   * Starts the builders as a pipeline and waits up to two minutes for the last one, whose stdout
   * and stderr are kept in files in {@code dir}. Every process is killed before returning, also
   * on failure.
   *
   * @throws AssertionError if the last process does not finish in time
   */
  public static Result run(Path dir, ProcessBuilder... builders)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    builders[builders.length - 1].redirectOutput(out.toFile()).redirectError(err.toFile());
    List<Process> processes = ProcessBuilder.startPipeline(List.of(builders));
    try {
      Process last = processes.get(processes.size() - 1);
      if (!last.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("did not finish in 120 s: " + builders[builders.length - 1]
            .command() + "; stderr so far: " + Files.readString(err, UTF_8));
      }
      return new Result(last.exitValue(), Files.readString(out, UTF_8),
          Files.readString(err, UTF_8));
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }
}
