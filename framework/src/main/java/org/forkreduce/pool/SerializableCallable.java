package org.forkreduce.pool;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** A task with a result that can be shipped to a worker process. */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable {}
