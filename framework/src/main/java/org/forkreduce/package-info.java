/**
 * ForkReduce's public API. Start at {@link org.forkreduce.Job}: give it an {@link
 * org.forkreduce.Input} from {@link org.forkreduce.Inputs}, a {@link org.forkreduce.Mapper} and a
 * {@link org.forkreduce.Reducer}, and run it on an {@link org.forkreduce.Engine}.
 */
package org.forkreduce;
