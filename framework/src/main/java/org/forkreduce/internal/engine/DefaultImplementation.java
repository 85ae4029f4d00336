package org.forkreduce.internal.engine;

import java.nio.file.Path;
import java.util.ServiceLoader;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.Engine;
import org.forkreduce.Implementation;
import org.forkreduce.Input;
import org.forkreduce.WorkerOptions;
import org.forkreduce.internal.input.Formats;
import org.forkreduce.spi.EngineProvider;

/**
 * The engines and input formats behind the factories of {@link Engine} and {@link
 * org.forkreduce.Inputs}; registered in {@code META-INF/services/org.forkreduce.Implementation}.
 */
public final class DefaultImplementation implements Implementation {

  /** For {@link ServiceLoader}. */
  public DefaultImplementation() {}

  @Override
  public Engine inline() {
    return new LocalEngine("inline", 1, false);
  }

  @Override
  public Engine threads(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    return new LocalEngine("threads", workers, true);
  }

  @Override
  public Engine processes(WorkerOptions options) {
    return new ProcessEngine(options);
  }

  @Override
  public Engine auto(WorkerOptions options) {
    return new AutoEngine(options);
  }

  /** An engine from an {@link EngineProvider} on the class path, or a message saying what to add. */
  @Override
  public Engine provided(String name, int workers, String master) {
    for (EngineProvider provider : ServiceLoader.load(EngineProvider.class)) {
      if (provider.name().equals(name)) {
        return provider.create(workers, master);
      }
    }
    if (name.equals("spark")) {
      throw new IllegalStateException("engine 'spark' needs the runner-spark module on the class "
          + "path: add org.forkreduce:forkreduce-runner-spark, or run the jar that bundles it ("
          + "runner-spark/target/forkreduce-spark-jobs.jar) with spark-submit");
    }
    throw new IllegalArgumentException("unknown engine '" + name + "'; use one of "
        + Engine.NAMES);
  }

  @Override
  public Input<String> textLines(Path... paths) {
    return Formats.text(paths);
  }

  @Override
  public Input<CsvRow> csv(CsvOptions options, Path... paths) {
    return Formats.csv(options, paths);
  }

  @Override
  public String streamLabel(Path path) {
    return Formats.streamLabel(path);
  }
}
