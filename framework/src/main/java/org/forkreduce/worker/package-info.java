/**
 * The worker JVM: {@link org.forkreduce.worker.WorkerMain} is its entry point, {@code WorkerLoop}
 * runs the requests, {@code WorkerJob} holds a job's partial. Never imports the driver package.
 */
package org.forkreduce.worker;
