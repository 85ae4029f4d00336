package org.forkreduce.spi;

import org.forkreduce.Engine;

/**
 * A named engine that lives in another module, found with {@link java.util.ServiceLoader} when
 * {@link Engine#named(String, int, String)} is asked for a name the framework does not know.
 * Implementations are listed in {@code META-INF/services/org.forkreduce.spi.EngineProvider}.
 */
public interface EngineProvider {

  /** The name users pass to {@link Engine#named}, such as {@code spark}. */
  String name();

  /**
   * Creates the engine.
   *
   * @param workers how many tasks run at once where the engine lets the caller choose
   * @param master where it runs (for Spark, the master URL), or null for the engine's default
   * @throws IllegalStateException if what the engine needs is missing, saying what to add
   */
  Engine create(int workers, String master);
}
