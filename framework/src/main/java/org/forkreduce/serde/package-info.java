/**
 * Kryo 5 setup ({@code com.esotericsoftware.kryo:kryo5}, which lives beside Spark's Kryo 4), pooled
 * instances, and the check that refuses a value that cannot be shipped. Start at
 * {@link org.forkreduce.serde.Serde}.
 */
package org.forkreduce.serde;
