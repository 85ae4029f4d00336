/**
 * The multiprocessing-style API on the framework's worker runtime. Start at
 * {@link org.forkreduce.pool.ProcessPool}; functions are {@link
 * org.forkreduce.pool.SerializableFunction} and friends.
 */
package org.forkreduce.pool;
