/**
 * Counters, run statistics and progress events. Start at {@link org.forkreduce.stats.Counters}
 * (the names of the built-in counters) and {@link org.forkreduce.stats.RunStats}.
 */
package org.forkreduce.stats;
