package org.forkreduce.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import org.forkreduce.Emitter;
import org.forkreduce.Engine;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.Jobs;
import org.forkreduce.Mapper;
import org.forkreduce.TaskContext;
import org.forkreduce.WorkerOptions;

/**
 * A driver JVM for the driver-kill trials: {@code FaultDriver <temp root> <input> <split size>}
 * runs a slow token count on processes(2) with its job directory under the temp root. Each split
 * takes a second, and the first one to start creates {@code <temp root>/mapping}.
 */
public final class FaultDriver {
  private FaultDriver() {}

  /** Counts tokens, a second per split, and marks that mapping began. */
  static final class SlowMapper implements Mapper<String, String, Long> {
    private final String mapping;

    SlowMapper(Path mapping) {
      this.mapping = mapping.toString();
    }

    @Override
    public void setup(TaskContext context) throws Exception {
      Faults.first(mapping);
      Thread.sleep(1_000);
    }

    @Override
    public void map(String line, Emitter<String, Long> out) {
      new Jobs.TokenCount().map(line, out);
    }
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    try (Engine engine = Engine.processes(WorkerOptions.defaults().workers(2)
        .tempDirectory(root))) {
      Job.of(Inputs.textLines(Path.of(args[1]))).mapper(new SlowMapper(root.resolve("mapping")))
          .reducer(Long::sum).splitSize(Long.parseLong(args[2])).run(engine);
    }
    Files.createFile(root.resolve("finished"));
  }
}
