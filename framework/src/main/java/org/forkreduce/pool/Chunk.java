package org.forkreduce.pool;

import java.util.concurrent.CompletableFuture;

/**
 * One request to a worker: a function (by id, with its bytes for workers that lack it) applied to
 * a run of arguments. Completes with the results in argument order.
 */
final class Chunk {
  final int functionId;
  final byte[] function;
  final byte[] args;
  final int size;
  final String description;
  final CompletableFuture<Object[]> result = new CompletableFuture<>();
  final long created = System.nanoTime();
  int attempts;

  Chunk(int functionId, byte[] function, byte[] args, int size, String description) {
    this.functionId = functionId;
    this.function = function;
    this.args = args;
    this.size = size;
    this.description = description;
  }
}
