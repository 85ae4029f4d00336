package org.forkreduce.stats;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a job ran: the engine, its parallelism and the time per phase.
 *
 * @param engine the engine's name ({@code inline}, {@code threads}, ...)
 * @param workers how many workers ran mappers
 * @param splits how many splits the input was cut into
 * @param plan time spent listing files and planning splits
 * @param map time from the first task's start to the last task's end
 * @param reduce time spent merging the workers' partial results
 * @param total wall time of the whole run
 */
public record RunStats(
    String engine, int workers, int splits, Duration plan, Duration map, Duration reduce,
    Duration total) implements Serializable {}
