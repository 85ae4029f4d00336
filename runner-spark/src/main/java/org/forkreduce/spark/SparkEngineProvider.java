package org.forkreduce.spark;

import org.forkreduce.Engine;
import org.forkreduce.spi.EngineProvider;

/**
 * {@code Engine.named("spark", workers, master)}: found by {@link java.util.ServiceLoader}. Loads
 * no Spark class until Spark is known to be on the class path.
 */
public final class SparkEngineProvider implements EngineProvider {
  static final String SPARK_ARTIFACT = "org.apache.spark:spark-core_2.13:4.0.x";

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Engine create(int workers, String master) {
    try {
      Class.forName("org.apache.spark.SparkContext", false, getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("engine 'spark' needs Apache Spark on the class path, and "
          + "it is not there: run the job with spark-submit (which provides Spark), or add "
          + SPARK_ARTIFACT + " to the class path");
    }
    return SparkEngine.start(master, workers);
  }
}
