/**
 * The service-provider interface: what an engine outside the framework (such as the Spark engine
 * of runner-spark) needs, and the steps the framework's own engines share, so that there is one
 * copy of each. An input format needs only the API: {@link org.forkreduce.Input}, {@link
 * org.forkreduce.Split}, {@link org.forkreduce.SplitPolicy} and {@link
 * org.forkreduce.RecordReader}.
 *
 * <p>An engine's run, start to end:
 *
 * <ol>
 *   <li>{@link org.forkreduce.spi.RunTimer#start()}, then {@link
 *       org.forkreduce.spi.Planner#plan} for the splits;
 *   <li>per worker, a {@link org.forkreduce.spi.MapStep} maps its splits and flushes the mapper,
 *       counting into its {@link org.forkreduce.spi.CounterSet}; keys, values and the job travel
 *       as {@link org.forkreduce.spi.Payloads};
 *   <li>the engine merges the workers' partials with {@link
 *       org.forkreduce.spi.MapStep#checked} (its reducer, refusing null);
 *   <li>{@link org.forkreduce.spi.JobResults} assembles the result; a failure becomes the one
 *       exception the caller sees through {@link org.forkreduce.spi.Failures}.
 * </ol>
 *
 * <p>{@link org.forkreduce.spi.EngineProvider} makes such an engine available by name to {@link
 * org.forkreduce.Engine#named}.
 */
package org.forkreduce.spi;
