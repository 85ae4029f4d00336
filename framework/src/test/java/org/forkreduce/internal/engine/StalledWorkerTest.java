package org.forkreduce.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.forkreduce.Emitter;
import org.forkreduce.Engine;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobFailedException;
import org.forkreduce.JobResult;
import org.forkreduce.Jobs;
import org.forkreduce.Mapper;
import org.forkreduce.SelfStop;
import org.forkreduce.TaskContext;
import org.forkreduce.WorkerDiedException;
import org.forkreduce.WorkerOptions;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers stopped with SIGSTOP mid-task: detected by their silence, killed, their task retried. */
class StalledWorkerTest {
  private static final WorkerOptions FAST = WorkerOptions.defaults().workers(2)
      .workerTimeout(Duration.ofSeconds(2));

  @TempDir Path dir;

  private Path pids() {
    return dir.resolve("stopped-pids");
  }

  @AfterEach
  void killStoppedWorkers() throws IOException {
    SelfStop.killAll(pids());
  }

  /** Stops its worker with SIGSTOP on the split starting at {@code victim}: once, or always. */
  static final class StoppingMapper implements Mapper<String, String, Long> {
    private final long victim;
    private final String marker;
    private final String pids;
    private transient boolean stop;

    StoppingMapper(long victim, Path marker, Path pids) {
      this.victim = victim;
      this.marker = marker == null ? null : marker.toString();
      this.pids = pids.toString();
    }

    @Override
    public void setup(TaskContext context) {
      stop = context.split().start() == victim;
    }

    @Override
    public void map(String line, Emitter<String, Long> out) throws Exception {
      if (stop) {
        stop = false;
        if (marker == null) {
          SelfStop.sigstop(Path.of(pids));
        } else {
          SelfStop.sigstopOnce(Path.of(marker), Path.of(pids));
        }
      }
      new Jobs.TokenCount().map(line, out);
    }
  }

  private Path text(int lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append("w").append(i % 97).append(" x").append(i % 13).append('\n');
    }
    return Files.writeString(dir.resolve("in.txt"), sb, UTF_8);
  }

  @Test
  void run_workerStoppedMidTask_killedRetriedExactAnswerAndOneWarning() throws IOException {
    Path file = text(3_000);
    Map<String, Long> expected = Jobs.naiveTokenCount(List.of(file));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    JobResult<String, Long> result;
    System.setErr(new PrintStream(log, true, UTF_8));
    try (Engine engine = Engine.processes(FAST)) {
      result = Job.of(Inputs.textLines(file))
          .mapper(new StoppingMapper(1_000, dir.resolve("stopped"), pids()))
          .reducer(Long::sum).splitSize(1_000).run(engine);
    } finally {
      System.setErr(stderr);
    }
    assertThat(result.toMap()).isEqualTo(expected);
    assertThat(result.counters().get(Counters.RECORDS_READ)).isEqualTo(3_000);
    List<Long> stopped = SelfStop.pids(pids());
    assertThat(stopped).hasSize(1);
    List<String> warnings = log.toString(UTF_8).lines().filter(l -> l.contains("stalled"))
        .toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("WARN")
        .containsPattern("worker \\d+ \\(pid " + stopped.get(0) + "\\) is stalled: silent for"
            + " \\d+\\.\\d s while running (starting the job, )?split " + file
            + " bytes \\[1000, 2000\\)");
    assertThat(ProcessHandle.of(stopped.get(0)).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void run_everyAttemptStalls_failsNamingTheStallWithinBoundedTime() throws IOException {
    Path file = text(3_000);
    long started = System.nanoTime();
    try (Engine engine = Engine.processes(FAST.maxAttempts(2))) {
      Job<String, String, Long> job = Job.of(Inputs.textLines(file))
          .mapper(new StoppingMapper(1_000, null, pids())).reducer(Long::sum).splitSize(1_000);
      assertThatThrownBy(() -> job.run(engine))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("split " + file + " bytes [1000, 2000) was tried 2 times")
          .hasMessageMatching("(?s).*worker \\d+ \\(pid \\d+\\) was killed: it was silent for "
              + "\\d+\\.\\d s \\(worker timeout 2\\.0 s; stopped, paused or hung\\).*")
          .hasCauseInstanceOf(WorkerDiedException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    assertThat(SelfStop.pids(pids())).hasSize(2);
  }
}
