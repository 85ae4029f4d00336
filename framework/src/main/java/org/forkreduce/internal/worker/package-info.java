/**
 * Internal: not API. The worker JVM: {@link org.forkreduce.internal.worker.WorkerMain} is its
 * entry point, {@code WorkerLoop} runs the requests, {@code WorkerJob} holds a job's partial.
 * Never imports an engine or the runtime that supervises it.
 */
package org.forkreduce.internal.worker;
