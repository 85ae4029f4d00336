package org.forkreduce;

import java.nio.file.Path;

/**
 * Not for users: call the factories of {@link Engine} and {@link Inputs}, which delegate here.
 *
 * <p>This is how the API reaches the framework's implementation without depending on it: the
 * implementation (under {@code org.forkreduce.internal}) uses the API's types, so a direct call
 * from the API would tie the packages into a cycle. The framework's jar names its one
 * implementation in {@code META-INF/services/org.forkreduce.Implementation}; the API finds it with
 * {@link java.util.ServiceLoader} when a factory is first called, and keeps it. A fat jar must
 * merge service files (maven-shade-plugin's {@code ServicesResourceTransformer}).
 *
 * <p>Each method has the contract of the factory named in its documentation.
 */
public interface Implementation {

  /** See {@link Engine#inline()}. */
  Engine inline();

  /** See {@link Engine#threads(int)}. */
  Engine threads(int workers);

  /** See {@link Engine#processes(WorkerOptions)}. */
  Engine processes(WorkerOptions options);

  /** See {@link Engine#auto(WorkerOptions)}. */
  Engine auto(WorkerOptions options);

  /**
   * The engine of the {@code EngineProvider} called {@code name}, for {@link Engine#named(String,
   * int, String)}'s names that the framework does not know.
   */
  Engine provided(String name, int workers, String master);

  /** See {@link Inputs#textLines(Path...)}. */
  Input<String> textLines(Path... paths);

  /** See {@link Inputs#csv(CsvOptions, Path...)}. */
  Input<CsvRow> csv(CsvOptions options, Path... paths);

  /** See {@link Inputs#streamLabel(Path)}. */
  String streamLabel(Path path);
}
