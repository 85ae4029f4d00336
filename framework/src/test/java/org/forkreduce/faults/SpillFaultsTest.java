package org.forkreduce.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forkreduce.Emitter;
import org.forkreduce.Engine;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.Jobs;
import org.forkreduce.Mapper;
import org.forkreduce.Reducer;
import org.forkreduce.WorkerOptions;
import org.forkreduce.pool.SelfKill;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs larger than their memory budget on processes(2), with a worker SIGKILLed while it spills
 * and while it merges a partition: the dead worker's runs are never read, its splits and its
 * partition run again, and the answer is exact.
 */
@Tag("faults")
class SpillFaultsTest {
  private static final long BUDGET = 2L << 20;

  @TempDir Path dir;

  private Path input() throws IOException {
    Path input = dir.resolve("keys.txt");
    Random random = new Random(181);
    StringBuilder sb = new StringBuilder();
    for (int line = 0; line < 40_000; line++) {
      for (int t = 0; t < 8; t++) {
        sb.append('k').append(random.nextInt(300_000)).append(t < 7 ? " " : "\n");
      }
    }
    return Files.writeString(input, sb, UTF_8);
  }

  private Map<String, Long> run(Path input, Mapper<String, String, Long> mapper,
      Reducer<Long> reducer) {
    try (Engine engine = Engine.processes(WorkerOptions.defaults().workers(2).heap("128m")
        .tempDirectory(dir));
        JobResult<String, Long> result = Job.of(Inputs.textLines(input)).mapper(mapper)
            .reducer(reducer).splitSize(128 << 10).memoryBudget(BUDGET).run(engine)) {
      assertThat(result.counters().get(Counters.SPILL_FILES)).isPositive();
      Map<String, Long> all = new HashMap<>();
      result.forEach(e -> all.put(e.getKey(), e.getValue()));
      return all;
    }
  }

  @Test
  void workerSigkill_whileSpilling_exactAnswer() throws IOException {
    Path input = input();
    Path marker = dir.resolve("spill-kill");
    assertThat(run(input, new KillingTableMapper(marker), Long::sum))
        .isEqualTo(Jobs.naiveTokenCount(List.of(input)));
    assertThat(dir.resolve("spill-kill-3")).as("the third mid-task flush was reached").exists();
    assertThat(dir.resolve("spill-kill-killed")).exists();
  }

  @Test
  void workerSigkill_whileMergingAPartition_exactAnswer() throws IOException {
    Path input = input();
    Path marker = dir.resolve("merge-kill");
    assertThat(run(input, new Jobs.TokenCount(), new PartitionMergeKillingReducer(marker)))
        .isEqualTo(Jobs.naiveTokenCount(List.of(input)));
    assertThat(marker).as("a worker was killed in a partition merge").exists();
  }

  /**
   * Counts in a table of its own; its third flush for a spill, in any worker, SIGKILLs the worker
   * halfway through handing the table on, after an earlier spill left runs on disk.
   */
  static final class KillingTableMapper extends Jobs.TableCount {
    private final String marker;
    private transient boolean kill;

    KillingTableMapper(Path marker) {
      this.marker = marker.toString();
    }

    @Override
    public void flush(Emitter<String, Long> out) {
      kill = heldBytes() > 0 && Faults.arrive(marker) == 3 && Faults.first(marker + "-killed");
      super.flush(out);
    }

    @Override
    protected void handingOn(int n, int size) {
      if (kill && n == size / 2) {
        SelfKill.sigkill();
      }
    }
  }

  /**
   * Sums; in a worker's partition merge, SIGKILLs the worker once, at a merge some way in. The
   * stack is looked at every 512th merge only: a walk per merge would slow the job down.
   */
  static final class PartitionMergeKillingReducer implements Reducer<Long> {
    private final String marker;
    private transient int merged;

    PartitionMergeKillingReducer(Path marker) {
      this.marker = marker.toString();
    }

    @Override
    public Long reduce(Long left, Long right) {
      if (++merged % 512 == 0 && inPartitionMerge() && Faults.first(marker)) {
        SelfKill.sigkill();
      }
      return left + right;
    }

    private static boolean inPartitionMerge() {
      return StackWalker.getInstance().walk(frames -> frames.anyMatch(f ->
          f.getClassName().endsWith("worker.WorkerJob")
              && f.getMethodName().equals("mergePartition")));
    }
  }
}
