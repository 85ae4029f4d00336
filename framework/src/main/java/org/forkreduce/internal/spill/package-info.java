/**
 * Internal: not API. Jobs larger than memory: estimating what a partial holds ({@link
 * org.forkreduce.internal.spill.EntrySizer}), where a worker spills ({@link
 * org.forkreduce.internal.spill.SpillTarget}), and merging one partition's spill runs within a
 * budget ({@link org.forkreduce.internal.spill.PartitionMerge}). Start at {@code SpillTarget}.
 * Never imports an engine or the worker runtime.
 */
package org.forkreduce.internal.spill;
