package org.forkreduce.internal.engine;

import java.util.ServiceLoader;
import org.forkreduce.Engine;
import org.forkreduce.WorkerOptions;
import org.forkreduce.spi.EngineProvider;

/** The engine implementations behind {@link Engine}'s factories. */
public final class Engines {
  private Engines() {}

  public static Engine inline() {
    return new LocalEngine("inline", 1, false);
  }

  public static Engine threads(int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    return new LocalEngine("threads", workers, true);
  }

  public static Engine processes(WorkerOptions options) {
    return new ProcessEngine(options);
  }

  public static Engine auto(WorkerOptions options) {
    return new AutoEngine(options);
  }

  /** An engine from an {@link EngineProvider} on the class path, or a message saying what to add. */
  public static Engine provided(String name, int workers, String master) {
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
}
