package org.forkreduce.pool;

/** A driver JVM for the orphan test: starts a pool, prints its workers' pids, waits forever. */
public final class OrphanDriver {
  private OrphanDriver() {}

  public static void main(String[] args) throws Exception {
    ProcessPool pool = ProcessPool.create(2);
    pool.map(x -> x, java.util.List.of(1, 2, 3, 4), 1);
    System.out.println("workers " + pool.workerPids());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
