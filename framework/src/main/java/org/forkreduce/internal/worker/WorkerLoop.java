package org.forkreduce.internal.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.forkreduce.Job;
import org.forkreduce.internal.protocol.Codec;
import org.forkreduce.internal.protocol.FrameInput;
import org.forkreduce.internal.protocol.FrameOutput;
import org.forkreduce.internal.protocol.Message;
import org.forkreduce.internal.protocol.Message.Call;
import org.forkreduce.internal.protocol.Message.Define;
import org.forkreduce.internal.protocol.Message.EndJob;
import org.forkreduce.internal.protocol.Message.Failed;
import org.forkreduce.internal.protocol.Message.Flush;
import org.forkreduce.internal.protocol.Message.Heartbeat;
import org.forkreduce.internal.protocol.Message.Hello;
import org.forkreduce.internal.protocol.Message.MapSplit;
import org.forkreduce.internal.protocol.Message.Merge;
import org.forkreduce.internal.protocol.Message.MergePartition;
import org.forkreduce.internal.protocol.Message.Reply;
import org.forkreduce.internal.protocol.Message.StartJob;
import org.forkreduce.internal.protocol.Protocol;
import org.forkreduce.internal.protocol.ProtocolException;
import org.forkreduce.internal.protocol.RemoteFailure;
import org.forkreduce.internal.serde.Serde;
import org.forkreduce.spi.TaskException;

/**
 * The worker's request loop: reads one message at a time, runs it, replies. Requests run one
 * after another in arrival order, so a driver may pipeline several. While a request runs, a
 * heartbeat thread sends a {@link Heartbeat} every {@code heartbeatMillis}, so the driver can
 * tell a stalled worker from a slow task; every write holds the writer's lock, so heartbeats
 * and replies never interleave.
 */
final class WorkerLoop {
  private static final int PREVIEW_CHARS = 120;

  private final int index;
  private final FrameInput in;
  private final FrameOutput out;
  private final Codec reader = new Codec();
  private final Codec writer = new Codec();
  private final Map<Integer, byte[]> definitions = new HashMap<>();
  private final Map<Integer, Object> functions = new HashMap<>();
  private final Map<Integer, WorkerJob> jobs = new HashMap<>();
  private final Map<Integer, Path> jobDirs;
  private final long heartbeatMillis;
  private volatile boolean busy;

  /** {@code jobDirs} is kept up to date with the directories of the jobs this worker runs. */
  WorkerLoop(int index, Map<Integer, Path> jobDirs, FrameInput in, FrameOutput out,
      long heartbeatMillis) {
    this.index = index;
    this.jobDirs = jobDirs;
    this.in = in;
    this.out = out;
    this.heartbeatMillis = heartbeatMillis;
  }

  /** Runs until the driver closes the pipe. */
  void run() throws IOException {
    Message first = reader.read(in);
    if (!(first instanceof Hello hello) || hello.version() != Protocol.VERSION) {
      throw new ProtocolException("expected Hello version " + Protocol.VERSION + " from the"
          + " driver, got " + first + "; driver and worker must run the same ForkReduce build");
    }
    write(new Hello(Protocol.VERSION, ProcessHandle.current().pid()));
    startHeartbeat();
    for (Message m = reader.read(in); m != null; m = reader.read(in)) {
      busy = true;
      handle(m);
      busy = false;
    }
  }

  /** Writes one message; the only way anything is written, shared with the heartbeat thread. */
  private void write(Message m) throws IOException {
    synchronized (writer) {
      writer.write(out, m);
    }
  }

  private void startHeartbeat() {
    Thread beat = new Thread(() -> {
      try {
        while (true) {
          Thread.sleep(heartbeatMillis);
          if (busy) {
            write(new Heartbeat());
          }
        }
      } catch (InterruptedException | IOException e) {
        // the pipe closed: the worker is exiting
      }
    }, "forkreduce-heartbeat");
    beat.setDaemon(true);
    beat.start();
  }

  private void handle(Message m) throws IOException {
    if (m instanceof Define d) {
      definitions.put(d.functionId(), d.function());
      functions.remove(d.functionId());
    } else if (m instanceof EndJob e) {
      jobs.remove(e.jobId());
      jobDirs.remove(e.jobId());
    } else if (m instanceof Call c) {
      call(c);
    } else if (m instanceof StartJob s) {
      respond(s.id(), () -> {
        Job<Object, Object, Object> job = Serde.fromBytes(s.job());
        jobs.put(s.jobId(), new WorkerJob(job, index, Path.of(s.dir()), s.partitions()));
        jobDirs.put(s.jobId(), Path.of(s.dir()));
        return null;
      });
    } else if (m instanceof MapSplit s) {
      respond(s.id(), () -> job(s.jobId()).map(s.split()));
    } else if (m instanceof Flush f) {
      respond(f.id(), () -> job(f.jobId()).flush(f.segments(), f.prefix()));
    } else if (m instanceof Merge g) {
      respond(g.id(), () -> job(g.jobId()).merge(g.inputs(), g.output()));
    } else if (m instanceof MergePartition g) {
      respond(g.id(), () -> job(g.jobId()).mergePartition(g.inputs(), g.outputPrefix()));
    } else {
      throw new ProtocolException("unexpected message for a worker: " + m);
    }
  }

  private WorkerJob job(int jobId) {
    WorkerJob job = jobs.get(jobId);
    if (job == null) {
      throw new IllegalStateException("job " + jobId + " was not started on worker " + index);
    }
    return job;
  }

  /** Runs {@code work} and replies with its value, or with its failure and context. */
  private void respond(long id, Callable<Object> work) throws IOException {
    Message reply;
    try {
      reply = new Reply(id, work.call());
    } catch (TaskException e) {
      reply = new Failed(id, RemoteFailure.of(e.getCause()), e.getMessage());
    } catch (Exception | StackOverflowError e) {
      reply = new Failed(id, RemoteFailure.of(e), null);
    }
    write(reply);
  }

  private void call(Call c) throws IOException {
    Object[] args;
    Object fn;
    try {
      fn = function(c.functionId());
      args = Serde.fromBytes(c.args());
    } catch (RuntimeException e) {
      write(new Failed(c.id(), RemoteFailure.of(e), "decoding the task"));
      return;
    }
    Object[] results = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      try {
        results[i] = invoke(fn, args[i]);
      } catch (Exception | StackOverflowError e) {
        write(new Failed(c.id(), RemoteFailure.of(e), "item " + (i + 1) + " of "
            + args.length + " in the chunk, argument: " + preview(args[i])));
        return;
      }
    }
    write(new Reply(c.id(), results));
  }

  private Object function(int id) {
    Object fn = functions.get(id);
    if (fn == null) {
      byte[] bytes = definitions.get(id);
      if (bytes == null) {
        throw new IllegalStateException("function " + id + " was never defined on worker "
            + index);
      }
      fn = Serde.fromBytes(bytes);
      functions.put(id, fn);
    }
    return fn;
  }

  @SuppressWarnings("unchecked")
  private static Object invoke(Object fn, Object arg) throws Exception {
    if (fn instanceof Function<?, ?> f) {
      return ((Function<Object, Object>) f).apply(arg);
    }
    if (fn instanceof BiFunction<?, ?, ?> f) {
      Object[] pair = (Object[]) arg;
      return ((BiFunction<Object, Object, Object>) f).apply(pair[0], pair[1]);
    }
    if (fn instanceof Callable<?> f) {
      return f.call();
    }
    if (fn instanceof Runnable r) {
      r.run();
      return null;
    }
    throw new IllegalArgumentException("not a function: " + fn.getClass().getName());
  }

  private static String preview(Object arg) {
    String s = arg instanceof Object[] a ? List.of(a).toString() : String.valueOf(arg);
    return s.length() > PREVIEW_CHARS ? s.substring(0, PREVIEW_CHARS) + "..." : s;
  }
}
