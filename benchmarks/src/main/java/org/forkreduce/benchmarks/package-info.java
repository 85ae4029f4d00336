/**
 * The whole-job benchmark harness. Start at {@link org.forkreduce.benchmarks.Harness}; each
 * contender runs in its own JVM through {@link org.forkreduce.benchmarks.Contender}.
 */
package org.forkreduce.benchmarks;
