package org.forkreduce.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import org.forkreduce.ForkReduceException;
import org.forkreduce.WorkerDiedException;
import org.forkreduce.WorkerOptions;
import org.forkreduce.internal.protocol.Message.Call;
import org.forkreduce.internal.runtime.WorkerGroup;
import org.forkreduce.internal.runtime.WorkerHandle;
import org.forkreduce.internal.serde.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pool's workers alive and busy: chunks wait in a queue and go to the least busy worker
 * with room (at most {@code prefetch} in flight each, so the next chunk is already in the pipe
 * when one finishes). A dead worker is replaced; its chunks are retried on another worker while
 * attempts remain, otherwise they fail with the worker's death. Workers are recycled after a
 * number of chunks when asked. The workers themselves are started and replaced by the runtime's
 * {@link WorkerGroup}, as the processes engine's are.
 */
final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final int PREFETCH = 2;

  private static final class Slot {
    final int index;
    final WorkerHandle worker;
    int inFlight;
    int chunksRun;
    boolean retiring;

    Slot(int index, WorkerHandle worker) {
      this.index = index;
      this.worker = worker;
    }
  }

  private final WorkerGroup workers;
  private final int maxAttempts;
  private final int maxChunksPerWorker;
  private final FunctionRegistry.Registered initializer;
  private final Deque<Chunk> queue = new ArrayDeque<>();
  private final List<Slot> slots = new ArrayList<>();
  private boolean closed;

  Scheduler(WorkerOptions options, int maxAttempts, int maxChunksPerWorker,
      FunctionRegistry.Registered initializer) {
    this.workers = new WorkerGroup(options, "pool", this::initialize);
    this.maxAttempts = maxAttempts;
    this.maxChunksPerWorker = maxChunksPerWorker;
    this.initializer = initializer;
  }

  /** Starts all workers in parallel; if any fails, stops the others and throws its error. */
  void start() {
    try {
      workers.fill();
    } catch (RuntimeException e) {
      workers.close();
      throw e;
    }
    synchronized (this) {
      for (int i = 0; i < workers.size(); i++) {
        watch(new Slot(i, workers.get(i)));
      }
    }
  }

  /** Runs the pool's initializer in a started worker, before its first task. */
  private void initialize(WorkerHandle worker) {
    if (initializer == null) {
      return;
    }
    worker.define(initializer.id(), initializer.bytes());
    byte[] noArgs = Serde.toBytes(new Object[] {null});
    try {
      worker.request(id -> new Call(id, initializer.id(), noArgs), "the pool initializer").get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new ForkReduceException("the pool initializer failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForkReduceException("interrupted while running the pool initializer", e);
    }
  }

  /** Adds a started worker and arranges its replacement when it dies. Holds the lock. */
  private void watch(Slot slot) {
    slots.add(slot);
    slot.worker.death().thenRun(() -> {
      boolean replace;
      synchronized (this) {
        replace = slots.remove(slot) && !closed;
      }
      if (replace) {
        LOG.warn("{} died; starting a replacement", slot.worker);
        replace(slot.index);
      }
    });
  }

  private void replace(int index) {
    workers.replace(index, worker -> {
      synchronized (this) {
        if (closed) {
          worker.close();
          return;
        }
        watch(new Slot(index, worker));
      }
      dispatch();
    }, e -> {
      LOG.error("cannot start a replacement worker; queued tasks fail", e);
      failQueued(e);
    });
  }

  /** Queues a chunk; it fails at once if the pool is closed. */
  void submit(Chunk chunk) {
    synchronized (this) {
      if (closed) {
        chunk.result.completeExceptionally(new CancellationException("the pool is closed"));
        return;
      }
      queue.addLast(chunk);
    }
    dispatch();
  }

  private void dispatch() {
    List<Runnable> sends = new ArrayList<>();
    synchronized (this) {
      while (!queue.isEmpty()) {
        Slot slot = slots.stream()
            .filter(s -> !s.retiring && s.inFlight < PREFETCH && s.worker.isAlive())
            .min(Comparator.comparingInt(s -> s.inFlight)).orElse(null);
        if (slot == null) {
          break;
        }
        Chunk chunk = queue.pollFirst();
        slot.inFlight++;
        slot.chunksRun++;
        slot.retiring = maxChunksPerWorker > 0 && slot.chunksRun >= maxChunksPerWorker;
        chunk.attempts++;
        sends.add(() -> send(slot, chunk));
      }
    }
    sends.forEach(Runnable::run);
  }

  private void send(Slot slot, Chunk chunk) {
    slot.worker.define(chunk.functionId, chunk.function);
    slot.worker.request(id -> new Call(id, chunk.functionId, chunk.args), chunk.description)
        .whenComplete((value, error) -> completed(slot, chunk, value, error));
  }

  private void completed(Slot slot, Chunk chunk, Object value, Throwable error) {
    boolean retire;
    boolean retry = false;
    synchronized (this) {
      slot.inFlight--;
      retire = slot.retiring && slot.inFlight == 0 && slots.remove(slot);
      if (error instanceof WorkerDiedException && chunk.attempts < maxAttempts && !closed) {
        queue.addFirst(chunk);
        retry = true;
      }
    }
    if (error == null) {
      chunk.result.complete((Object[]) value);
    } else if (!retry) {
      chunk.result.completeExceptionally(error);
    }
    if (retire) {
      slot.worker.close();
      replace(slot.index);
    }
    dispatch();
  }

  private void failQueued(RuntimeException e) {
    List<Chunk> failed;
    synchronized (this) {
      if (!slots.isEmpty()) {
        return;
      }
      failed = new ArrayList<>(queue);
      queue.clear();
    }
    failed.forEach(c -> c.result.completeExceptionally(e));
  }

  synchronized int liveWorkers() {
    return slots.size();
  }

  /** Fails queued chunks, stops the workers (their running chunks fail) and their starts. */
  void close() {
    List<Chunk> queued;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queued = new ArrayList<>(queue);
      queue.clear();
      slots.clear();
    }
    queued.forEach(c -> c.result.completeExceptionally(new CancellationException(
        "the pool was closed before this task ran")));
    workers.close();
  }

  /** Process ids of the live workers, for tests and monitoring. */
  synchronized List<Long> pids() {
    return slots.stream().map(s -> s.worker.pid()).toList();
  }
}
