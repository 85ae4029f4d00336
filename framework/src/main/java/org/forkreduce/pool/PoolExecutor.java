package org.forkreduce.pool;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ProcessPool} seen as an {@link java.util.concurrent.ExecutorService}. Tasks must be
 * serializable; the futures it returns are backed by the pool's.
 */
final class PoolExecutor extends AbstractExecutorService {
  private final ProcessPool pool;
  private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean shutdown;

  PoolExecutor(ProcessPool pool) {
    this.pool = pool;
  }

  /** A future whose task is shipped to the pool when the executor runs it. */
  private final class RemoteTask<T> extends CompletableFuture<T> implements RunnableFuture<T> {
    private final SerializableCallable<T> task;

    RemoteTask(SerializableCallable<T> task) {
      this.task = task;
    }

    @Override
    public void run() {
      running.add(this);
      pool.submit(task).whenComplete((v, e) -> {
        running.remove(this);
        if (e != null) {
          completeExceptionally(e);
        } else {
          complete(v);
        }
      });
    }
  }

  @Override
  protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
    if (!(callable instanceof Serializable)) {
      throw notSerializable(callable);
    }
    @SuppressWarnings("unchecked")
    SerializableCallable<T> task = callable instanceof SerializableCallable<?> s
        ? (SerializableCallable<T>) s : callable::call;
    return new RemoteTask<>(task);
  }

  @Override
  protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
    if (!(runnable instanceof Serializable)) {
      throw notSerializable(runnable);
    }
    return new RemoteTask<>(() -> {
      runnable.run();
      return value;
    });
  }

  private static RejectedExecutionException notSerializable(Object task) {
    return new RejectedExecutionException("task " + task.getClass().getName() + " is not"
        + " serializable, so it cannot run in a worker process; declare it as a"
        + " SerializableCallable or SerializableRunnable (a cast on the lambda is enough)");
  }

  @Override
  public void execute(Runnable command) {
    if (shutdown) {
      throw new RejectedExecutionException("the executor is shut down");
    }
    RunnableFuture<?> task = command instanceof RemoteTask<?> t ? t : newTaskFor(command, null);
    task.run();
  }

  @Override
  public void shutdown() {
    shutdown = true;
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> pool.close());
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    pool.close();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown && running.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(timeout, unit);
      return isTerminated();
    } catch (ExecutionException e) {
      return isTerminated();
    } catch (TimeoutException e) {
      return false;
    }
  }
}
