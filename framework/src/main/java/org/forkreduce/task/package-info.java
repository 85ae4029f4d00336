/**
 * Running one map task: {@link org.forkreduce.task.MapTask} reads a split and feeds the mapper;
 * the emitters combine (reduce jobs) or collect (map-only jobs) its output. Used alike by the
 * in-JVM engines and the worker process, so there is one way to run a task.
 */
package org.forkreduce.task;
