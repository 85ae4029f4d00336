/**
 * Internal: not API. The one worker runtime: starting worker JVMs ({@code WorkerCommand}, with
 * class-data sharing from {@code WorkerClassData}), talking to each and noticing its death
 * ({@link org.forkreduce.internal.runtime.WorkerHandle}), and keeping a fixed set of them alive,
 * replacing the dead ({@link org.forkreduce.internal.runtime.WorkerSlots}). Both the processes
 * engine and the process pool run their workers through it. Never imports an engine or the pool.
 */
package org.forkreduce.internal.runtime;
