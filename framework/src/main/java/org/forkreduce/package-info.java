/**
 * ForkReduce's public API. Start at {@link org.forkreduce.Job}: give it an {@link
 * org.forkreduce.Input} from {@link org.forkreduce.Inputs}, a {@link org.forkreduce.Mapper} and a
 * {@link org.forkreduce.Reducer}, and run it on an {@link org.forkreduce.Engine}.
 *
 * <p>An input format implements {@link org.forkreduce.Input} with {@link org.forkreduce.Split},
 * {@link org.forkreduce.SplitPolicy} and {@link org.forkreduce.RecordReader}. The other public
 * packages are {@code stats} (counters and run statistics), {@code pool} (the process pool),
 * {@code testing} and {@code spi} (for engines in other modules); everything under {@code
 * internal} is not API.
 */
package org.forkreduce;
