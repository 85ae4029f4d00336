package org.forkreduce.internal.engine;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import org.forkreduce.ForkReduceException;
import org.forkreduce.Job;
import org.forkreduce.JobFailedException;
import org.forkreduce.RemoteTaskException;
import org.forkreduce.Split;
import org.forkreduce.WorkerDiedException;
import org.forkreduce.internal.protocol.Message;
import org.forkreduce.internal.protocol.Message.Flushed;
import org.forkreduce.internal.protocol.Message.MapOutput;
import org.forkreduce.internal.protocol.Message.PartitionMerged;
import org.forkreduce.internal.runtime.WorkerGroup;
import org.forkreduce.internal.runtime.WorkerHandle;
import org.forkreduce.internal.spill.PartitionMerge;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.stats.MemoryPeak;

/**
 * One job on worker processes, coordinated from the caller's thread: replies and deaths arrive
 * as events on a queue and are handled one at a time, so the state below needs no locks.
 *
 * <p>The invariant that makes retries correct: a worker's partial holds exactly the splits in its
 * slot's {@code unflushed} list. When the worker dies, those splits go back to the queue along
 * with the one it was mapping; once flushed to a file, they are safe.
 */
final class JobRun<I, K, V> {
  /** The work a slot's worker is doing; told when that worker dies. */
  private interface Work {
    void lost(WorkerDiedException death);
  }

  private static final class Slot {
    final int index;
    WorkerHandle worker;
    boolean jobStarted;
    Work current;
    final List<Integer> unflushed = new ArrayList<>();

    Slot(int index) {
      this.index = index;
    }

    boolean idle() {
      return worker != null && current == null;
    }
  }

  private final Job<I, K, V> job;
  private final int jobId;
  private final byte[] jobBytes;
  private final Path dir;
  private final List<Split> splits;
  private final WorkerGroup workers;
  private final int maxAttempts;
  private final String engineName;
  private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final List<Slot> slots = new ArrayList<>();
  private final Deque<Integer> pending = new ArrayDeque<>();
  private final int[] attempts;
  private final CounterSet counters = new CounterSet();
  private final List<List<Map.Entry<K, V>>> mapOnly;
  private final List<String> flushed = new ArrayList<>();
  private final List<String> runs = new ArrayList<>();
  private final Map<Long, MemoryPeak> memory = new LinkedHashMap<>();
  private final int partitions;
  private long partialBytes;
  private final Progress progress;
  private RuntimeException failure;

  JobRun(Job<I, K, V> job, int jobId, byte[] jobBytes, Path dir, int partitions,
      List<Split> splits, WorkerGroup workers, int maxAttempts, String engineName) {
    this.job = job;
    this.partitions = partitions;
    this.jobId = jobId;
    this.jobBytes = jobBytes;
    this.dir = dir;
    this.splits = splits;
    this.workers = workers;
    this.maxAttempts = maxAttempts;
    this.engineName = engineName;
    this.attempts = new int[splits.size()];
    this.mapOnly = new ArrayList<>(Collections.nCopies(splits.size(), null));
    this.progress = new Progress(splits, job.progress());
    for (int i = 0; i < splits.size(); i++) {
      pending.add(i);
    }
    for (int i = 0; i < workers.size(); i++) {
      Slot slot = new Slot(i);
      slots.add(slot);
      bind(slot, workers.get(i));
    }
  }

  /**
   * Maps every split and, for a reduce job, flushes every worker's partial; returns the flushed
   * partials' file prefixes ({@link #spilledRuns()} holds the rest of what was mapped). A worker flushes as soon as nothing is left to map, while the others
   * finish their splits; a death puts its unflushed splits back, and the loop maps and flushes
   * them again. So when nothing is pending or running, every split is in a flushed partial.
   */
  List<String> map() {
    runUntil(() -> {
      for (Slot s : slots) {
        if (s.idle() && !pending.isEmpty()) {
          mapSplit(s, pending.poll());
        } else if (s.idle() && !job.isMapOnly() && !s.unflushed.isEmpty()) {
          flush(s);
        }
      }
      return pending.isEmpty() && slots.stream().noneMatch(s -> s.current != null);
    });
    return job.isMapOnly() ? List.of() : flushed;
  }

  /** Runs the merges of one round of the tree reduction on whichever workers are idle. */
  void merge(List<List<String>> groups, List<String> outputs) {
    runTasks(groups.size(), task -> "merging " + groups.get(task) + " into " + outputs.get(task),
        task -> id -> new Message.Merge(id, jobId, groups.get(task), outputs.get(task)));
  }

  /**
   * Merges each partition's files into reduced files on whichever workers are idle, within
   * their memory budget; returns what each partition was reduced to, in partition order.
   */
  List<PartitionMerge.Reduced> mergePartitions(List<List<String>> inputs, List<String> outputs) {
    List<PartitionMerge.Reduced> reduced = new ArrayList<>();
    for (Object reply : runTasks(inputs.size(), p -> "merging partition " + p + " ("
        + inputs.get(p).size() + " files)",
        p -> id -> new Message.MergePartition(id, jobId, inputs.get(p), outputs.get(p)))) {
      reduced.add(((PartitionMerged) reply).reduced());
    }
    return reduced;
  }

  /**
   * Runs {@code count} independent tasks on whichever workers are idle; a task whose worker dies
   * runs again elsewhere, up to the attempts allowed. Returns the replies in task order.
   */
  private List<Object> runTasks(int count, IntFunction<String> what,
      IntFunction<LongFunction<Message>> request) {
    Deque<Integer> queue = new ArrayDeque<>();
    int[] tries = new int[count];
    Object[] replies = new Object[count];
    int[] left = {count};
    for (int i = 0; i < count; i++) {
      queue.add(i);
    }
    runUntil(() -> {
      for (Slot s : slots) {
        if (s.idle() && !queue.isEmpty()) {
          int task = queue.poll();
          tries[task]++;
          String description = what.apply(task);
          s.current = death -> {
            if (tries[task] >= maxAttempts) {
              fail(death, description, tries[task]);
            } else {
              queue.addFirst(task);
            }
          };
          WorkerHandle worker = s.worker;
          send(s, request.apply(task), description, value -> {
            replies[task] = value;
            if (value instanceof PartitionMerged merged) {
              memory.put(worker.pid(), merged.memory());
            }
            left[0]--;
          });
        }
      }
      return left[0] == 0;
    });
    return Arrays.asList(replies);
  }

  /** The runs the flushed workers spilled; with the flushed partials, they hold every split. */
  List<String> spilledRuns() {
    return runs;
  }

  /** The estimated heap bytes of the flushed partials, summed. */
  long partialBytes() {
    return partialBytes;
  }

  /** The last memory peak each worker process reported. */
  List<MemoryPeak> memory() {
    return new ArrayList<>(memory.values());
  }

  /** The map-only output per split, and the counters of everything mapped and flushed. */
  List<List<Map.Entry<K, V>>> mapOnlyOutput() {
    return mapOnly;
  }

  CounterSet counters() {
    return counters;
  }

  /** Tells every worker to drop the job's state. */
  void end() {
    for (Slot s : slots) {
      if (s.worker != null && s.jobStarted) {
        s.worker.send(new Message.EndJob(jobId));
      }
    }
  }

  // ---- event loop

  private interface Condition {
    boolean reached();
  }

  /** Handles events until the condition holds; the condition may hand out more work first. */
  private void runUntil(Condition condition) {
    while (true) {
      if (failure != null) {
        throw failure;
      }
      if (condition.reached()) {
        return;
      }
      try {
        events.take().run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ForkReduceException("interrupted while the job ran on " + engineName, e);
      }
    }
  }

  private void bind(Slot slot, WorkerHandle worker) {
    slot.worker = worker;
    slot.jobStarted = false;
    worker.death().thenAccept(death -> events.add(() -> died(slot, worker, death)));
  }

  private void died(Slot slot, WorkerHandle worker, WorkerDiedException death) {
    if (slot.worker != worker) {
      return;
    }
    Work lost = slot.current;
    slot.current = null;
    slot.worker = null;
    pending.addAll(slot.unflushed);
    slot.unflushed.forEach(progress::undo);
    slot.unflushed.clear();
    if (lost != null) {
      lost.lost(death);
    }
    workers.replace(slot.index, fresh -> events.add(() -> bind(slot, fresh)),
        error -> events.add(() -> failure = error));
  }

  private void mapSplit(Slot slot, int split) {
    attempts[split]++;
    String what = "split " + splits.get(split);
    slot.current = death -> {
      if (attempts[split] >= maxAttempts) {
        fail(death, what, attempts[split]);
      } else {
        pending.addFirst(split);
      }
    };
    send(slot, id -> new Message.MapSplit(id, jobId, splits.get(split)), what, value -> {
      if (value instanceof MapOutput out) {
        mapOnly.set(split, pairs(out.keysAndValues()));
        counters.addAll(out.counters());
      } else {
        slot.unflushed.add(split);
      }
      progress.done(split);
    });
  }

  private void flush(Slot slot) {
    String prefix = dir.resolve("partial-" + flushed.size() + "-" + slot.index).toString();
    List<Integer> held = List.copyOf(slot.unflushed);
    slot.current = death -> { }; // died() has put the partial's splits back in the queue
    WorkerHandle worker = slot.worker;
    send(slot, id -> new Message.Flush(id, jobId, partitions, prefix),
        "flushing the partial of " + held.size() + " splits", value -> {
          Flushed reply = (Flushed) value;
          counters.addAll(reply.counters());
          flushed.add(prefix);
          runs.addAll(reply.runs());
          partialBytes += reply.partialBytes();
          memory.put(worker.pid(), reply.memory());
          slot.unflushed.clear();
        });
  }

  /**
   * Sends a request for the job on the slot's worker (preceded by the job itself the first
   * time); its reply runs {@code done} on the event loop. A remote exception fails the job; a
   * worker death is handled by {@link #died}.
   */
  private void send(Slot slot, LongFunction<Message> request, String what,
      java.util.function.Consumer<Object> done) {
    WorkerHandle worker = slot.worker;
    if (!slot.jobStarted) {
      slot.jobStarted = true;
      worker.request(id -> new Message.StartJob(id, jobId, jobBytes, dir.toString(),
          partitions),
          "starting the job").whenComplete((v, e) -> {
            if (e != null && !(e instanceof WorkerDiedException)) {
              events.add(() -> fail(e, "starting the job on " + worker, 1));
            }
          });
    }
    CompletableFuture<Object> reply = worker.request(request, what);
    reply.whenComplete((value, error) -> events.add(() -> {
      if (slot.worker != worker || error instanceof WorkerDiedException) {
        return;
      }
      slot.current = null;
      if (error != null) {
        fail(error, what, 1);
      } else {
        done.accept(value);
      }
    }));
  }

  private void fail(Throwable error, String what, int tries) {
    if (failure != null) {
      return;
    }
    if (error instanceof RemoteTaskException remote) {
      failure = new JobFailedException("Job failed on " + engineName + ": "
          + (remote.context() != null ? remote.context() + " (" + remote.where() + ")"
              : remote.getMessage()), remote);
    } else if (error instanceof WorkerDiedException died) {
      failure = new JobFailedException("Job failed on " + engineName + ": " + what
          + " was tried " + tries + " times (the limit) and its worker died each time; last: "
          + died.getMessage(), died);
    } else {
      failure = new JobFailedException("Job failed on " + engineName + " while " + what + ": "
          + error, error);
    }
  }

  @SuppressWarnings("unchecked")
  private List<Map.Entry<K, V>> pairs(Object[] flat) {
    List<Map.Entry<K, V>> pairs = new ArrayList<>(flat.length / 2);
    for (int i = 0; i < flat.length; i += 2) {
      pairs.add(new java.util.AbstractMap.SimpleImmutableEntry<>((K) flat[i], (V) flat[i + 1]));
    }
    return pairs;
  }

  /** Progress over splits; a split lost with a worker counts again when it is redone. */
  private static final class Progress {
    private final List<Split> splits;
    private final org.forkreduce.stats.ProgressListener listener;
    private final long total;
    private long bytes;
    private int count;

    Progress(List<Split> splits, org.forkreduce.stats.ProgressListener listener) {
      this.splits = splits;
      this.listener = listener;
      this.total = splits.stream().mapToLong(Split::length).sum();
    }

    void done(int split) {
      bytes += splits.get(split).length();
      listener.onProgress(bytes, total, ++count, splits.size());
    }

    void undo(int split) {
      bytes -= splits.get(split).length();
      count--;
    }
  }
}
