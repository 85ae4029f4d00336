package org.forkreduce;

/**
 * A key or value that knows how many heap bytes it holds. The framework sizes a worker's partial
 * against the job's memory budget ({@link Job#memoryBudget}); strings, boxed numbers and
 * primitive arrays it sizes itself, any other object from the length of its Kryo encoding, which
 * costs a serialization. A large value (a table, a block of many groups) should implement this
 * instead: cheaply, from its arrays' lengths, and including what it alone refers to.
 */
public interface KnownSize {

  /** The heap bytes this object and what it alone refers to take, roughly. */
  long heapBytes();
}
