package org.forkreduce.examples.dataframe.table;

import org.forkreduce.stats.Counters;
import org.forkreduce.stats.RunStats;

/**
 * What writing a group-by's result as CSV did: the job's counters (with {@link
 * Counters#DISTINCT_KEYS} the number of groups) and stats, and {@code size} rows written after
 * the header.
 */
public record Written(Counters counters, RunStats stats, long size) {}
