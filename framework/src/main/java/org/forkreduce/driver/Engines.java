package org.forkreduce.driver;

import org.forkreduce.Engine;
import org.forkreduce.WorkerOptions;

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
}
