package org.forkreduce.internal.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.forkreduce.WorkerDiedException;
import org.forkreduce.WorkerOptions;
import org.forkreduce.WorkerStartException;
import org.forkreduce.internal.protocol.Codec;
import org.forkreduce.internal.protocol.FrameInput;
import org.forkreduce.internal.protocol.FrameOutput;
import org.forkreduce.internal.protocol.Message;
import org.forkreduce.internal.protocol.Message.Failed;
import org.forkreduce.internal.protocol.Message.Hello;
import org.forkreduce.internal.protocol.Message.Reply;
import org.forkreduce.internal.protocol.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of one worker process: sends requests, matches replies to them by id on a
 * reader thread, forwards the worker's stderr to the log, and when the process dies fails every
 * request it held with a {@link WorkerDiedException} that says how it died. The one way the
 * framework starts a JVM, shared by the processes engine and the pool.
 *
 * <p>A watchdog checks that a worker holding requests is heard from (a reply or a heartbeat)
 * within {@link WorkerOptions#workerTimeout()}; one silent longer is stalled, and is killed with
 * SIGKILL, with its child processes, so that its requests fail as a death and are retried.
 */
public final class WorkerHandle {
  private static final Logger LOG = LoggerFactory.getLogger("org.forkreduce.worker");
  private static final Logger STALLS = LoggerFactory.getLogger("org.forkreduce.worker.stall");
  private static final AtomicLong REQUEST_IDS = new AtomicLong();
  private static final int STDERR_TAIL = 20;
  /** What a worker's stderr says as {@code -XX:+ExitOnOutOfMemoryError} ends it. */
  private static final String OUT_OF_MEMORY = "OutOfMemoryError";
  private static final Set<WorkerHandle> LIVE = ConcurrentHashMap.newKeySet();
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "forkreduce-worker-watchdog");
        t.setDaemon(true);
        return t;
      });

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> LIVE.forEach(w -> w.process.destroyForcibly()), "forkreduce-worker-reaper"));
  }

  private record Pending(CompletableFuture<Object> future, String task) {}

  private final int index;
  private final Process process;
  private final List<String> command;
  private final FrameOutput out;
  private final Codec writer = new Codec();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Set<Integer> defined = ConcurrentHashMap.newKeySet();
  private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
  private final CompletableFuture<WorkerDiedException> death = new CompletableFuture<>();
  private final Thread stderrPump;
  private final Duration timeout;
  private volatile boolean closing;
  /** When the worker was last heard from, or given work while it held none (nanoTime). */
  private volatile long lastHeard = System.nanoTime();
  /** Why the watchdog killed the worker, or null. */
  private volatile String stalled;

  private WorkerHandle(int index, Process process, List<String> command, Duration timeout) {
    this.index = index;
    this.process = process;
    this.command = command;
    this.timeout = timeout;
    this.out = new FrameOutput(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    this.stderrPump = new Thread(this::pumpStderr, "forkreduce-worker-" + index + "-stderr");
    stderrPump.setDaemon(true);
    stderrPump.start();
  }

  /**
   * Starts worker {@code index}, waits for its handshake and starts its reader thread.
   *
   * @throws WorkerStartException with the command line, exit code and stderr if it fails
   */
  public static WorkerHandle start(WorkerOptions options, WorkerClassPath classPath, int index) {
    List<String> command = WorkerCommand.of(options, classPath, index);
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new WorkerStartException("Cannot start worker JVM " + index + ": " + e.getMessage()
          + ". Command line: " + String.join(" ", command), e);
    }
    WorkerHandle worker = new WorkerHandle(index, process, command, options.workerTimeout());
    LIVE.add(worker);
    worker.handshake(options);
    return worker;
  }

  private void handshake(WorkerOptions options) {
    CompletableFuture<Void> answered = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> {
          if (!answered.isDone()) {
            process.destroyForcibly();
          }
        });
    FrameInput in = new FrameInput(new BufferedInputStream(process.getInputStream(), 1 << 16));
    Codec reader = new Codec();
    Message reply;
    try {
      synchronized (writer) {
        writer.write(out, new Hello(Protocol.VERSION, ProcessHandle.current().pid()));
      }
      reply = reader.read(in);
    } catch (IOException | RuntimeException e) {
      reply = null;
    }
    answered.complete(null);
    if (!(reply instanceof Hello hello) || hello.version() != Protocol.VERSION) {
      if (reply != null) {
        process.destroyForcibly();
      }
      // a worker that failed by itself is waited for, not destroyed: destroying a process
      // closes its stderr pipe, and the last lines it wrote are the ones that say why
      String how = describeExit(waitForExit());
      LIVE.remove(this);
      throw new WorkerStartException("Worker JVM " + index + " did not start: it " + how
          + (reply == null ? "" : " after answering " + reply) + " (start timeout "
          + options.startTimeout().toSeconds() + " s). Command line: " + String.join(" ", command)
          + stderrSummary(), null);
    }
    Thread readerThread = new Thread(() -> readReplies(in, reader),
        "forkreduce-worker-" + index + "-reader");
    readerThread.setDaemon(true);
    readerThread.start();
    long period = Math.max(50, options.heartbeatInterval().toMillis());
    ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(this::checkSilence, period, period,
        TimeUnit.MILLISECONDS);
    death.whenComplete((d, e) -> watch.cancel(false));
  }

  /** Kills the worker if it holds requests and has been silent past the timeout. */
  private void checkSilence() {
    long silentNanos = System.nanoTime() - lastHeard;
    String tasks = pending.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getValue().task()).collect(java.util.stream.Collectors.joining(", "));
    if (tasks.isEmpty() || closing || stalled != null || silentNanos <= timeout.toNanos()) {
      return;
    }
    String silent = String.format(Locale.ROOT, "%.1f s", silentNanos / 1e9);
    stalled = "was killed: it was silent for " + silent + " (worker timeout "
        + timeout.toMillis() / 1000.0 + " s; stopped, paused or hung)";
    STALLS.warn("{} is stalled: silent for {} while running {} (worker timeout {} s); killing it"
        + " with SIGKILL", this, silent, tasks, timeout.toMillis() / 1000.0);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * Sends a request built from its id and returns its reply's value; the future fails with a
   * {@link org.forkreduce.RemoteTaskException} if the request threw in the worker, or a
   * {@link WorkerDiedException} naming {@code task} if the worker died first.
   */
  public CompletableFuture<Object> request(LongFunction<Message> build, String task) {
    long id = REQUEST_IDS.incrementAndGet();
    CompletableFuture<Object> future = new CompletableFuture<>();
    if (pending.isEmpty()) {
      lastHeard = System.nanoTime(); // an idle worker's silence does not count
    }
    pending.put(id, new Pending(future, task));
    if (death.isDone()) {
      failPending(death.join());
      return future;
    }
    try {
      synchronized (writer) {
        writer.write(out, build.apply(id));
      }
    } catch (IOException e) {
      // the pipe broke: the worker is dying, and its death fails this request with the reason
    } catch (RuntimeException e) {
      pending.remove(id);
      future.completeExceptionally(e);
    }
    return future;
  }

  /** Sends a message that has no reply. */
  public void send(Message message) {
    try {
      synchronized (writer) {
        writer.write(out, message);
      }
    } catch (IOException e) {
      // the worker is dying; whatever depends on this message fails with its death
    }
  }

  /** Sends function {@code id} unless this worker already has it. */
  public void define(int id, byte[] function) {
    if (defined.add(id)) {
      send(new Message.Define(id, function));
    }
  }

  private void readReplies(FrameInput in, Codec reader) {
    String error = null;
    try {
      for (Message m = reader.read(in); m != null; m = reader.read(in)) {
        lastHeard = System.nanoTime();
        if (m instanceof Message.Heartbeat) {
          continue;
        }
        if (m instanceof Reply r) {
          Pending p = pending.remove(r.id());
          if (p != null) {
            p.future().complete(r.value());
          }
        } else if (m instanceof Failed f) {
          Pending p = pending.remove(f.id());
          if (p != null) {
            p.future().completeExceptionally(f.failure().toException(
                this + " running " + p.task(), f.context()));
          }
        } else {
          error = "unexpected message " + m;
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      error = e.toString();
    }
    if (error != null && !closing) {
      LOG.warn("{}: protocol error, stopping it: {}", this, error);
      process.destroyForcibly();
    }
    int code = waitForExit(); // not destroyed first, so its last stderr lines are read
    LIVE.remove(this);
    String message = this + (closing ? " was stopped"
        : stalled != null ? " " + stalled : " " + describeExit(code))
        + (error == null || closing ? "" : " after a protocol error: " + error) + stderrSummary();
    WorkerDiedException died = new WorkerDiedException(message, code,
        closing ? null : outOfMemory(code));
    death.complete(died);
    failPending(died);
  }

  private void failPending(WorkerDiedException died) {
    for (Long id : pending.keySet().stream().sorted().toList()) { // oldest request first
      Pending p = pending.remove(id);
      if (p != null) {
        p.future().completeExceptionally(new WorkerDiedException(
            died.getMessage() + "; it was running " + p.task(), died.exitCode(),
            died.outOfMemory()));
      }
    }
  }

  private int waitForExit() {
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      int code = process.waitFor();
      stderrPump.join(1000);
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String describeExit(int code) {
    if (code > 128 && code < 160) {
      int signal = code - 128;
      String name = switch (signal) {
        case 9 -> " (SIGKILL)";
        case 15 -> " (SIGTERM)";
        case 6 -> " (SIGABRT)";
        case 11 -> " (SIGSEGV)";
        default -> "";
      };
      return "was killed by signal " + signal + name;
    }
    return ranOutOfMemory() ? "ran out of memory (exit code " + code + ", heap " + heap()
        + "; raise the worker heap with WorkerOptions.heap)" : "exited with code " + code;
  }

  private boolean ranOutOfMemory() {
    synchronized (stderrTail) {
      return stderrTail.stream().anyMatch(l -> l.contains(OUT_OF_MEMORY));
    }
  }

  /** If the worker ran out of memory, one line naming it, its heap and the fix; else null. */
  private String outOfMemory(int code) {
    return ranOutOfMemory() ? "out of memory in " + this + ", heap " + heap() + " (exit code "
        + code + "): raise the worker heap (--memory, WorkerOptions.heap) or run fewer"
        + " workers (--workers)" : null;
  }

  /** The worker's maximum heap as its command line sets it (the last -Xmx wins). */
  private String heap() {
    String heap = "the JVM's default (a quarter of the machine's memory)";
    for (String option : command) {
      if (option.startsWith("-Xmx")) {
        heap = option;
      }
    }
    return heap;
  }

  private String stderrSummary() {
    synchronized (stderrTail) {
      return stderrTail.isEmpty() ? "" : ". Its last stderr lines: " + String.join(" | ",
          stderrTail);
    }
  }

  private void pumpStderr() {
    try (BufferedReader err = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        if (line.contains(OUT_OF_MEMORY)) {
          // the worker's death says so in one line (WorkerDiedException.outOfMemory)
          LOG.debug("[worker {} pid {}] {}", index, process.pid(), line);
        } else {
          LOG.info("[worker {} pid {}] {}", index, process.pid(), line);
        }
        synchronized (stderrTail) {
          if (stderrTail.size() == STDERR_TAIL) {
            stderrTail.removeFirst();
          }
          stderrTail.addLast(line);
        }
      }
    } catch (IOException e) {
      // the stream closes when the process dies
    }
  }

  /** A future completed when the process has died, with the reason. */
  public CompletableFuture<WorkerDiedException> death() {
    return death;
  }

  public boolean isAlive() {
    return !death.isDone();
  }

  public int index() {
    return index;
  }

  public long pid() {
    return process.pid();
  }

  /** Requests sent and not yet answered. */
  public int inFlight() {
    return pending.size();
  }

  /** Closes the worker's stdin so it exits; kills it if it has not within a second. */
  public void close() {
    closeAll(List.of(this));
  }

  /**
   * Closes the workers as {@link #close} does, all at once: every stdin is closed before any
   * exit is waited for, so the workers wind down (free their heaps) side by side.
   */
  public static void closeAll(Collection<WorkerHandle> workers) {
    for (WorkerHandle w : workers) {
      w.closing = true;
      try {
        w.out.close();
      } catch (IOException e) {
        // already gone
      }
    }
    for (WorkerHandle w : workers) {
      try {
        if (!w.process.waitFor(1, TimeUnit.SECONDS)) {
          w.process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        w.process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      LIVE.remove(w);
    }
  }

  @Override
  public String toString() {
    return "worker " + index + " (pid " + process.pid() + ")";
  }
}
