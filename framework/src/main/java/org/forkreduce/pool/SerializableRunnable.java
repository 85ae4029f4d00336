package org.forkreduce.pool;

import java.io.Serializable;

/** A task without a result that can be shipped to a worker process (initializers, execute). */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {}
