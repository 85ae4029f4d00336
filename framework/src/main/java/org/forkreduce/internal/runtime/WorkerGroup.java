package org.forkreduce.internal.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.forkreduce.ForkReduceException;
import org.forkreduce.WorkerOptions;

/**
 * A fixed number of worker slots, each holding a live worker or being refilled: the workers of
 * the processes engine and of the process pool. Workers are started in parallel, each made ready
 * by the owner's {@code setup} before it is handed out, and reused until {@link #close()}; the
 * owner watches each worker's {@link WorkerHandle#death()} and asks for its {@link #replace}.
 */
public final class WorkerGroup {
  private final WorkerOptions options;
  private final WorkerClassPath classPath;
  private final Consumer<WorkerHandle> setup;
  private final WorkerHandle[] slots;
  private final AtomicInteger nextIndex = new AtomicInteger();
  private final ExecutorService starter;

  private final Object filling = new Object();
  private boolean closed;
  private CompletableFuture<Void> prestart = CompletableFuture.completedFuture(null);

  /**
   * @param owner names the starter threads, as in {@code forkreduce-pool-starter}
   * @param setup prepares each started worker before it is used; if it throws, the worker is
   *     closed and its start fails with that exception
   */
  public WorkerGroup(WorkerOptions options, String owner, Consumer<WorkerHandle> setup) {
    this.options = options;
    this.classPath = WorkerClassPath.of(options);
    this.setup = setup;
    this.slots = new WorkerHandle[options.workers()];
    this.starter = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "forkreduce-" + owner + "-starter");
      t.setDaemon(true);
      return t;
    });
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

  /** The workers' class path, fixed when this group was made (see {@link WorkerClassPath}). */
  public WorkerClassPath classPath() {
    return classPath;
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
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new ForkReduceException("cannot start workers: " + e.getCause(), e.getCause());
    }
  }

  private WorkerHandle start() {
    WorkerHandle worker = WorkerHandle.start(options, classPath, nextIndex.getAndIncrement());
    try {
      setup.accept(worker);
    } catch (RuntimeException e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  private synchronized void set(int slot, WorkerHandle worker) {
    if (closed) {
      worker.close(); // started while the group closed
      return;
    }
    slots[slot] = worker;
  }

  /** The worker in {@code slot}: null before it was filled, perhaps dead. */
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

  /** Closes every worker (see {@link WorkerHandle#closeAll}) and stops starting new ones. */
  public synchronized void close() {
    closed = true;
    WorkerHandle.closeAll(Arrays.stream(slots).filter(Objects::nonNull).toList());
    starter.shutdownNow();
  }
}
