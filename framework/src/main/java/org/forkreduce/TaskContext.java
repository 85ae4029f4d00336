package org.forkreduce;


/** What a task knows about itself, passed to {@link Mapper#setup(TaskContext)}. */
public interface TaskContext {

  /** The split this task reads. */
  Split split();

  /** The index of the worker running the task, from 0; 0 on the inline engine. */
  int workerIndex();
}
