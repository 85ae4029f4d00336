/**
 * What a {@link org.forkreduce.JobResult} tells about its run: {@link
 * org.forkreduce.stats.Counters} (start here: the names of the built-in counters), {@link
 * org.forkreduce.stats.RunStats}, and the {@link org.forkreduce.stats.ProgressListener} a job may
 * be given.
 */
package org.forkreduce.stats;
