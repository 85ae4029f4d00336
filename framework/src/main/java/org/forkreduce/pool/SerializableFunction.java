package org.forkreduce.pool;

import java.io.Serializable;
import java.util.function.Function;

/** A function that can be shipped to a worker process: a lambda assigned to it is serializable. */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}
