package org.forkreduce.examples.dataframe.table;

import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/**
 * What writing a group-by's result as CSV did: the job's counters (with {@link
 * Counters#DISTINCT_KEYS} the number of groups) and stats, {@code size} rows written after the
 * header, and whether the result was held in memory as a table ({@code inMemory}) or, larger than
 * the driver's memory budget, written from the job's partitions through an external sort.
 */
public record Written(Counters counters, RunStats stats, long size, boolean inMemory) {}
