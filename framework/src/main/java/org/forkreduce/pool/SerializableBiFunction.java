package org.forkreduce.pool;

import java.io.Serializable;
import java.util.function.BiFunction;

/** A two-argument function that can be shipped to a worker process, for {@code starmap}. */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable {}
