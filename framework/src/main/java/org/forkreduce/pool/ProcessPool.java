package org.forkreduce.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.forkreduce.ForkReduceException;
import org.forkreduce.NotShippableException;
import org.forkreduce.WorkerOptions;
import org.forkreduce.internal.serde.Serde;

/**
 * A pool of worker JVMs, the Java counterpart of Python's {@code multiprocessing.Pool} and
 * {@code concurrent.futures.ProcessPoolExecutor}.
 *
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.create(4)) {
 *   List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *   CompletableFuture<String> f = pool.submit(() -> ProcessHandle.current().pid() + "");
 * }
 * }</pre>
 *
 * <p>Functions are serializable lambdas ({@link SerializableFunction} and friends) or classes; a
 * function or argument Kryo cannot ship is refused when submitted, naming its class. A task's
 * exception completes its future with a {@link org.forkreduce.RemoteTaskException} carrying the
 * remote stack trace. A worker that dies is replaced at once; the tasks it held fail with a
 * {@link org.forkreduce.WorkerDiedException} naming the worker, how it died and the task — or, with
 * {@link Builder#retry(int)}, run again on another worker. The pool keeps working either way.
 *
 * <p>Futures complete on the pool's reader threads: keep callbacks short, or use the
 * {@code ...Async} variants of {@link CompletableFuture}.
 */
public final class ProcessPool implements AutoCloseable {
  private final Scheduler scheduler;
  private final FunctionRegistry functions;
  private final int workers;

  private ProcessPool(Builder b) {
    this.functions = new FunctionRegistry();
    this.workers = b.options.workers();
    FunctionRegistry.Registered init =
        b.initializer == null ? null : functions.register(b.initializer);
    this.scheduler = new Scheduler(b.options, b.attempts, b.maxTasksPerWorker, init);
    scheduler.start();
  }

  /** A pool of {@code workers} worker JVMs with default options. */
  public static ProcessPool create(int workers) {
    return builder().workers(workers).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures a pool; {@link #build()} starts its workers. */
  public static final class Builder {
    private WorkerOptions options = WorkerOptions.defaults();
    private SerializableRunnable initializer;
    private int maxTasksPerWorker;
    private int attempts = 1;

    private Builder() {}

    /** The number of workers (default: the number of processors). */
    public Builder workers(int workers) {
      options = options.workers(workers);
      return this;
    }

    /** How the worker JVMs are started (heap, JVM options, class path). */
    public Builder options(WorkerOptions options) {
      this.options = options;
      return this;
    }

    /** Runs {@code initializer} once in each worker, before its first task. */
    public Builder initializer(SerializableRunnable initializer) {
      this.initializer = initializer;
      return this;
    }

    /** Replaces a worker after it has run {@code tasks} chunks (0, the default: never). */
    public Builder maxTasksPerWorker(int tasks) {
      if (tasks < 0) {
        throw new IllegalArgumentException("tasks per worker must be 0 (no limit) or more, got "
            + tasks);
      }
      this.maxTasksPerWorker = tasks;
      return this;
    }

    /**
     * Runs a task whose worker died up to {@code attempts} times in all (default 1: no retry).
     * Exceptions thrown by the task itself are never retried.
     */
    public Builder retry(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
      this.attempts = attempts;
      return this;
    }

    /** Starts the workers and returns the pool. */
    public ProcessPool build() {
      return new ProcessPool(this);
    }
  }

  /** Runs {@code fn(arg)} on a worker (Python's {@code apply_async}). */
  public <T, R> CompletableFuture<R> submit(SerializableFunction<T, R> fn, T arg) {
    return first(chunk(fns(fn), Arrays.asList(arg), "submit(" + className(fn) + ")"));
  }

  /** Runs {@code task} on a worker. */
  public <R> CompletableFuture<R> submit(SerializableCallable<R> task) {
    return first(chunk(fns(task), Arrays.asList((Object) null),
        "submit(" + className(task) + ")"));
  }

  /** Runs {@code fn(arg)} on a worker and waits for the result (Python's {@code apply}). */
  public <T, R> R apply(SerializableFunction<T, R> fn, T arg) {
    return join(submit(fn, arg));
  }

  /** Applies {@code fn} to every item; results in input order. Chunked as Python does. */
  public <T, R> List<R> map(SerializableFunction<T, R> fn, Collection<? extends T> items) {
    return join(mapAsync(fn, items));
  }

  /** Applies {@code fn} to every item, {@code chunkSize} items per request. */
  public <T, R> List<R> map(SerializableFunction<T, R> fn, Iterable<? extends T> items,
      int chunkSize) {
    return join(mapAsync(fn, items, chunkSize));
  }

  /** {@link #map} without blocking; fails as soon as one chunk fails. */
  public <T, R> CompletableFuture<List<R>> mapAsync(SerializableFunction<T, R> fn,
      Collection<? extends T> items) {
    return mapChunks(fns(fn), items, ChunkSizer.forCount(items.size(), workers).next(), "map");
  }

  /** {@link #map(SerializableFunction, Iterable, int)} without blocking. */
  public <T, R> CompletableFuture<List<R>> mapAsync(SerializableFunction<T, R> fn,
      Iterable<? extends T> items, int chunkSize) {
    return mapChunks(fns(fn), items, ChunkSizer.fixed(chunkSize).next(), "map");
  }

  /** Applies a two-argument function to each pair (Python's {@code starmap}). */
  public <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> fn,
      Collection<? extends Map.Entry<? extends A, ? extends B>> pairs) {
    List<Object[]> args = new ArrayList<>(pairs.size());
    pairs.forEach(p -> args.add(new Object[] {p.getKey(), p.getValue()}));
    return join(mapChunks(fns(fn), args, ChunkSizer.forCount(args.size(), workers).next(),
        "starmap"));
  }

  /** Lazily applies {@code fn}; results in input order, adaptive chunks, bounded in flight. */
  public <T, R> Iterator<R> imap(SerializableFunction<T, R> fn, Iterable<? extends T> items) {
    return iterate(fn, items, ChunkSizer.adaptive(), true);
  }

  /** {@link #imap(SerializableFunction, Iterable)} with a fixed chunk size. */
  public <T, R> Iterator<R> imap(SerializableFunction<T, R> fn, Iterable<? extends T> items,
      int chunkSize) {
    return iterate(fn, items, ChunkSizer.fixed(chunkSize), true);
  }

  /** Like {@code imap}, but results come in completion order. */
  public <T, R> Iterator<R> imapUnordered(SerializableFunction<T, R> fn,
      Iterable<? extends T> items) {
    return iterate(fn, items, ChunkSizer.adaptive(), false);
  }

  /** {@link #imapUnordered(SerializableFunction, Iterable)} with a fixed chunk size. */
  public <T, R> Iterator<R> imapUnordered(SerializableFunction<T, R> fn,
      Iterable<? extends T> items, int chunkSize) {
    return iterate(fn, items, ChunkSizer.fixed(chunkSize), false);
  }

  /**
   * The futures in the order they complete (Python's {@code as_completed}); iterating blocks
   * until the next one is done.
   */
  public static <F extends Future<?>> Iterable<F> asCompleted(Collection<F> futures) {
    LinkedBlockingQueue<F> done = new LinkedBlockingQueue<>();
    for (F f : futures) {
      CompletableFuture<?> cf = f instanceof CompletableFuture<?> c ? c
          : CompletableFuture.runAsync(() -> join((Future<?>) f));
      cf.whenComplete((v, e) -> done.add(f));
    }
    int total = futures.size();
    return () -> new Iterator<>() {
      private int taken;

      @Override
      public boolean hasNext() {
        return taken < total;
      }

      @Override
      public F next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        try {
          taken++;
          return done.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a future", e);
        }
      }
    };
  }

  /**
   * This pool as an {@link ExecutorService} for serializable tasks ({@link SerializableCallable},
   * {@link SerializableRunnable}); other tasks are rejected. Shutting it down closes the pool.
   */
  public ExecutorService asExecutorService() {
    return new PoolExecutor(this);
  }

  /** The number of workers the pool keeps. */
  public int workers() {
    return workers;
  }

  /** Process ids of the live workers. */
  public List<Long> workerPids() {
    return scheduler.pids();
  }

  /** Stops the workers; queued and running tasks fail. Idempotent. */
  @Override
  public void close() {
    scheduler.close();
  }

  // ---- plumbing

  private FunctionRegistry.Registered fns(Object fn) {
    return functions.register(java.util.Objects.requireNonNull(fn, "function"));
  }

  private Chunk chunk(FunctionRegistry.Registered fn, List<?> args, String description) {
    byte[] bytes;
    try {
      bytes = Serde.toBytes(args.toArray());
    } catch (RuntimeException e) {
      throw new NotShippableException("An argument of " + description + " cannot be sent to a"
          + " worker: " + e.getMessage() + ". Pass serializable values (or file names rather"
          + " than open files and connections).", e);
    }
    Chunk chunk = new Chunk(fn.id(), fn.bytes(), bytes, args.size(), description);
    scheduler.submit(chunk);
    return chunk;
  }

  @SuppressWarnings("unchecked")
  private static <R> CompletableFuture<R> first(Chunk chunk) {
    return chunk.result.thenApply(results -> (R) results[0]);
  }

  private <R> CompletableFuture<List<R>> mapChunks(FunctionRegistry.Registered fn,
      Iterable<?> items, int chunkSize, String what) {
    List<CompletableFuture<Object[]>> parts = new ArrayList<>();
    List<Object> batch = new ArrayList<>(chunkSize);
    long start = 1;
    for (Object item : items) {
      batch.add(item);
      if (batch.size() == chunkSize) {
        parts.add(chunk(fn, batch, describe(what, start, batch.size())).result);
        start += batch.size();
        batch = new ArrayList<>(chunkSize);
      }
    }
    if (!batch.isEmpty()) {
      parts.add(chunk(fn, batch, describe(what, start, batch.size())).result);
    }
    CompletableFuture<List<R>> all = new CompletableFuture<>();
    parts.forEach(p -> p.whenComplete((v, e) -> {
      if (e != null) {
        all.completeExceptionally(e);
      }
    }));
    CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenRun(() -> {
      List<R> results = new ArrayList<>();
      for (CompletableFuture<Object[]> p : parts) {
        for (Object r : p.join()) {
          @SuppressWarnings("unchecked")
          R value = (R) r;
          results.add(value);
        }
      }
      all.complete(results);
    });
    return all;
  }

  private static String describe(String what, long start, int size) {
    return what + " items " + start + "-" + (start + size - 1);
  }

  private <T, R> Iterator<R> iterate(SerializableFunction<T, R> fn, Iterable<? extends T> items,
      ChunkSizer sizer, boolean ordered) {
    FunctionRegistry.Registered registered = fns(fn);
    long[] start = {1};
    String what = ordered ? "imap" : "imapUnordered";
    return new ImapIterator<>(items.iterator(), batch -> {
      Chunk chunk = chunk(registered, batch, describe(what, start[0], batch.size()));
      start[0] += batch.size();
      chunk.result.thenRun(() -> sizer.observe(chunk.size, System.nanoTime() - chunk.created));
      return chunk.result;
    }, sizer, ordered, workers * 4);
  }

  private static String className(Object fn) {
    return fn.getClass().getSimpleName();
  }

  /** Waits for a future; rethrows the task's own unchecked exception rather than a wrapper. */
  static <T> T join(Future<T> future) {
    try {
      return future instanceof CompletableFuture<T> cf ? cf.join() : future.get();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new ForkReduceException("task failed: " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new ForkReduceException("task failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForkReduceException("interrupted while waiting for a task", e);
    }
  }
}
