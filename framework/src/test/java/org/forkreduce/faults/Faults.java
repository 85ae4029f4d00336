package org.forkreduce.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.forkreduce.Emitter;
import org.forkreduce.Jobs;
import org.forkreduce.Mapper;
import org.forkreduce.Reducer;
import org.forkreduce.TaskContext;
import org.forkreduce.pool.SelfKill;

/**
 * Faults planted in jobs for the fault-injection suite, the processes that the suite starts, and
 * the tally of its outcomes. A fault fires once per trial: the process that first creates the
 * trial's marker file fires it, so a retried task runs clean.
 */
final class Faults {
  private Faults() {}

  /** Where in a job a fault fires. */
  enum Phase { MAP, FLUSH, MERGE, CORRUPT }

  /** How a trial ended. WRONG is an answer that differs from the reference: never allowed. */
  enum Outcome { EXACT, CLEAR_FAILURE, WRONG }

  /** Outcomes per fault, printed as the table in docs/reliability.md. */
  static final class Tally {
    private final Map<String, Map<Outcome, Integer>> rows = new java.util.LinkedHashMap<>();

    void add(String fault, Outcome outcome) {
      rows.computeIfAbsent(fault, f -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
    }

    int count(Outcome outcome) {
      return rows.values().stream().mapToInt(r -> r.getOrDefault(outcome, 0)).sum();
    }

    /** One markdown table row per fault: trials, exact answers, clear failures, wrong answers. */
    String table() {
      StringBuilder sb = new StringBuilder("| fault | trials | exact | clear failure | wrong |\n");
      rows.forEach((fault, r) -> sb.append(String.format("| %s | %d | %d | %d | %d |%n", fault,
          r.values().stream().mapToInt(Integer::intValue).sum(), r.getOrDefault(Outcome.EXACT, 0),
          r.getOrDefault(Outcome.CLEAR_FAILURE, 0), r.getOrDefault(Outcome.WRONG, 0))));
      return sb.toString();
    }
  }

  /**
   * The caller's arrival number at {@code marker}, 1 for the first caller in any process: it
   * creates {@code marker-1}, {@code marker-2}, ... until one is new.
   */
  static int arrive(String marker) {
    for (int n = 1; ; n++) {
      if (first(marker + "-" + n)) {
        return n;
      }
    }
  }

  /** Creates {@code marker}; true only for the first caller in any process. */
  static boolean first(String marker) {
    try {
      Files.createFile(Path.of(marker));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops a process and all its descendants with SIGKILL and waits for them. */
  static void stopAll(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    all.forEach(ProcessHandle::destroyForcibly);
    all.forEach(p -> p.onExit().join());
  }

  /** The job directories under a temporary root. */
  static List<Path> jobDirs(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith("forkreduce-job-")).toList();
    }
  }

  /**
   * Counts tokens as {@link Jobs.TokenCount} does, and fires its fault: SIGKILL at record
   * {@code record} of the split that starts at {@code victimStart} (MAP), SIGKILL in the mapper's
   * flush just before the worker writes its partial (FLUSH), or, in that flush, waiting for the
   * other worker's partial files under {@code root} and damaging them (CORRUPT).
   */
  static final class FaultyMapper implements Mapper<String, String, Long> {
    private final Phase phase;
    private final long victimStart;
    private final int record;
    private final String marker;
    private final String root;
    private final long corruptSeed;
    private final boolean awaitReplacement;
    private transient boolean armed;
    private transient int seen;

    /**
     * {@code awaitReplacement}: the fault waits for the other worker's flush, and after it fired
     * a split waits until a third worker JVM (the killed one's replacement) has begun a split,
     * so that both workers redo some of the killed one's splits and both flush again.
     */
    FaultyMapper(Phase phase, long victimStart, int record, Path marker, Path root,
        long corruptSeed, boolean awaitReplacement) {
      this.phase = phase;
      this.victimStart = victimStart;
      this.record = record;
      this.marker = marker.toString();
      this.root = root.toString();
      this.corruptSeed = corruptSeed;
      this.awaitReplacement = awaitReplacement;
    }

    @Override
    public void setup(TaskContext context) throws IOException, InterruptedException {
      armed = phase == Phase.MAP && context.split().start() == victimStart;
      seen = 0;
      if (awaitReplacement) {
        Path jvms = Files.createDirectories(Path.of(marker + "-jvms"));
        first(jvms.resolve(Long.toString(ProcessHandle.current().pid())).toString());
        for (int wait = 0; wait < 1_000 && Files.exists(Path.of(marker)) && count(jvms) < 3;
            wait++) {
          Thread.sleep(20);
        }
      }
    }

    private static long count(Path dir) throws IOException {
      try (Stream<Path> s = Files.list(dir)) {
        return s.count();
      }
    }

    @Override
    public void map(String line, Emitter<String, Long> out) throws Exception {
      if (armed && ++seen == record && first(marker)) {
        if (awaitReplacement) {
          try {
            Corruption.awaitPartials(Path.of(root)); // the other worker has flushed
          } catch (IllegalStateException notYet) {
            // the driver had not collected the other worker's partial: die all the same (the
            // trial then tests a death in map, and may see no merge; the test counts merges)
          }
        }
        SelfKill.sigkill();
      }
      new Jobs.TokenCount().map(line, out);
    }

    @Override
    public void flush(Emitter<String, Long> out) throws Exception {
      if (phase == Phase.FLUSH && arrive(marker) == record) {
        SelfKill.sigkill();
      }
      if (phase == Phase.CORRUPT && first(marker)) {
        Corruption.damageOtherPartials(Path.of(root), new java.util.Random(corruptSeed));
      }
    }
  }

  /**
   * Sums longs; in a worker's merge of partial files (never on the driver, never while mapping)
   * it SIGKILLs its worker at its {@code call}-th reduction, once per marker.
   */
  static final class MergeKillingReducer implements Reducer<Long> {
    private final int call;
    private final String marker;
    private transient int merged;

    MergeKillingReducer(int call, Path marker) {
      this.call = call;
      this.marker = marker.toString();
    }

    @Override
    public Long reduce(Long left, Long right) {
      if (inWorkerMerge() && ++merged == call && first(marker)) {
        SelfKill.sigkill();
      }
      return left + right;
    }

    private static boolean inWorkerMerge() {
      return StackWalker.getInstance().walk(frames -> frames.anyMatch(f ->
          f.getClassName().endsWith("worker.WorkerJob") && f.getMethodName().equals("merge")));
    }
  }
}
