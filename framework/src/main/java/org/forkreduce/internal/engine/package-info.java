/**
 * Internal: not API. The engines behind {@link org.forkreduce.Engine}'s factories: start at
 * {@link org.forkreduce.internal.engine.DefaultImplementation}, which the API finds with {@link
 * java.util.ServiceLoader}. The in-JVM engines are {@code LocalEngine} (with {@code LocalWorker}
 * per thread), the worker-process engine is {@code ProcessEngine} (with {@code JobRun}, one job's
 * event loop), and {@code AutoEngine} chooses between them per job.
 *
 * <p>The internal packages, from the bottom: {@code input}, {@code serde}, {@code protocol},
 * {@code reduce} and {@code output} never import an engine or the worker runtime; the SPI
 * ({@link org.forkreduce.spi}) holds the steps every engine shares (planning, mapping a split,
 * assembling the result); {@code runtime} starts, watches and replaces worker JVMs for the
 * engines and the pool; {@code worker} is the worker JVM and never imports an engine; this
 * package is the top. The architecture test holds these rules.
 */
package org.forkreduce.internal.engine;
