/**
 * Internal: not API (code outside the framework uses {@link org.forkreduce.spi.Payloads}). Kryo 5
 * setup ({@code com.esotericsoftware.kryo:kryo5}, which lives beside Spark's Kryo 4), pooled
 * instances, partial-result files, and the check that refuses a value that cannot be shipped.
 * Start at {@link org.forkreduce.internal.serde.Serde}. Never imports an engine or the worker
 * runtime.
 */
package org.forkreduce.internal.serde;
