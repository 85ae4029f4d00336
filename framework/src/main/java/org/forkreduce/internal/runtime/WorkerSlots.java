package org.forkreduce.internal.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.forkreduce.ForkReduceException;
import org.forkreduce.WorkerOptions;

/**
 * The processes engine's workers: a fixed number of slots, each holding a live worker or being
 * refilled. Workers are started in parallel and reused across jobs; a dead one is replaced in the
 * background and announced through a callback.
 */
public final class WorkerSlots {
  private final WorkerOptions options;
  private final WorkerHandle[] slots;
  private final AtomicInteger nextIndex = new AtomicInteger();
  private final ExecutorService starter = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "forkreduce-engine-starter");
    t.setDaemon(true);
    return t;
  });

  private final Object filling = new Object();
  private boolean closed;
  private CompletableFuture<Void> prestart = CompletableFuture.completedFuture(null);

  public WorkerSlots(WorkerOptions options) {
    this.options = options;
    this.slots = new WorkerHandle[options.workers()];
  }

  /**
   * Starts filling the slots in the background, so that the JVMs boot while the driver plans
   * its first job; {@link #fill()} then waits for them (and reports a failure itself).
   */
  public void prestart() {
    prestart = CompletableFuture.runAsync(() -> {
      synchronized (filling) {
        fillSlots();
      }
    }, starter);
  }

  public int size() {
    return slots.length;
  }

  /** Fills every empty or dead slot, in parallel, and waits; throws the first start failure. */
  public void fill() {
    prestart.exceptionally(e -> null).join();
    synchronized (filling) {
      fillSlots();
    }
  }

  private void fillSlots() {
    List<CompletableFuture<Void>> starting = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      WorkerHandle current = get(i);
      if (current == null || !current.isAlive()) {
        int slot = i;
        starting.add(CompletableFuture.runAsync(() -> set(slot, start()), starter));
      }
    }
    try {
      CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new ForkReduceException("cannot start workers: " + e.getCause(), e.getCause());
    }
  }

  private WorkerHandle start() {
    return WorkerHandle.start(options, nextIndex.getAndIncrement());
  }

  private synchronized void set(int slot, WorkerHandle worker) {
    if (closed) {
      worker.close(); // started while the engine closed
      return;
    }
    slots[slot] = worker;
  }

  public synchronized WorkerHandle get(int slot) {
    return slots[slot];
  }

  /** Starts a replacement for the worker in {@code slot}; {@code ready} gets it, or the error. */
  public void replace(int slot, Consumer<WorkerHandle> ready, Consumer<RuntimeException> failed) {
    starter.execute(() -> {
      try {
        WorkerHandle worker = start();
        set(slot, worker);
        ready.accept(worker);
      } catch (RuntimeException e) {
        failed.accept(e);
      }
    });
  }

  public synchronized void close() {
    closed = true;
    WorkerHandle.closeAll(Arrays.stream(slots).filter(Objects::nonNull).toList());
    starter.shutdownNow();
  }
}
