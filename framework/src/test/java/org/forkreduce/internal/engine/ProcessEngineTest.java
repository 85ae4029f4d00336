package org.forkreduce.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.forkreduce.Emitter;
import org.forkreduce.Engine;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobFailedException;
import org.forkreduce.JobResult;
import org.forkreduce.Jobs;
import org.forkreduce.Mapper;
import org.forkreduce.TaskContext;
import org.forkreduce.WorkerDiedException;
import org.forkreduce.WorkerOptions;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processes engine's own duties: retries after deaths, temp files, stats, auto choice. */
class ProcessEngineTest {
  @TempDir Path dir;

  private Path text(int lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append("w").append(i % 97).append(" x").append(i % 13).append('\n');
    }
    Path file = dir.resolve("in.txt");
    Files.writeString(file, sb, UTF_8);
    return file;
  }

  /** Kills its worker with SIGKILL on the first split that starts at {@code victim}. */
  static final class KillingMapper implements Mapper<String, String, Long> {
    private final long victim;
    private final String marker;
    private transient boolean kill;

    KillingMapper(long victim, String marker) {
      this.victim = victim;
      this.marker = marker;
    }

    @Override
    public void setup(TaskContext context) throws IOException {
      kill = context.split().start() == victim && markOnce();
    }

    private boolean markOnce() throws IOException {
      if (marker == null) {
        return true;
      }
      try {
        Files.createFile(Path.of(marker));
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }

    @Override
    public void map(String line, Emitter<String, Long> out) throws Exception {
      if (kill) {
        new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start()
            .waitFor();
        Thread.sleep(10_000);
      }
      new Jobs.TokenCount().map(line, out);
    }
  }

  @Test
  void run_moreWorkersThanFanIn_workersMergeEarlyRoundsDriverTheLast() throws IOException {
    Path file = text(5_000);
    Map<String, Long> expected = Jobs.naiveTokenCount(List.of(file));
    try (Engine engine = Engine.processes(3)) {
      // fan-in 2: the first round merges two partials on a worker; 3: one round, the driver's
      for (int fanIn : new int[] {2, 3}) {
        JobResult<String, Long> result = Jobs.tokenCount(file).fanIn(fanIn).splitSize(1_000)
            .run(engine);
        assertThat(result.toMap()).as("fan-in %d", fanIn).isEqualTo(expected);
        assertThat(result.counters().get(Counters.RECORDS_READ)).isEqualTo(5_000);
      }
    }
  }

  @Test
  void run_workerSigkilledMidJob_retriedCompleteAndCorrect() throws IOException {
    Path file = text(3_000);
    Map<String, Long> expected = Jobs.naiveTokenCount(List.of(file));
    String marker = dir.resolve("killed").toString();
    try (Engine engine = Engine.processes(2)) {
      JobResult<String, Long> result = Job.of(Inputs.textLines(file))
          .mapper(new KillingMapper(2_000, marker)).reducer(Long::sum).splitSize(1_000)
          .run(engine);
      assertThat(result.toMap()).isEqualTo(expected);
      assertThat(result.counters().get(Counters.RECORDS_READ)).isEqualTo(3_000);
      assertThat(result.counters().get(Counters.BYTES_READ)).isEqualTo(Files.size(file));
      assertThat(Path.of(marker)).exists();
      // the engine replaced the worker and stays usable
      assertThat(Jobs.tokenCount(file).run(engine).toMap()).isEqualTo(expected);
    }
  }

  @Test
  void run_workerKilledOnTheLastSplit_theSurvivorMapsItAfterItsEarlyFlushAndFlushesAgain()
      throws IOException {
    Path file = text(3_000);
    Map<String, Long> expected = Jobs.naiveTokenCount(List.of(file));
    String marker = dir.resolve("killed-last").toString();
    long last = (Files.size(file) - 1) / 1_000 * 1_000;
    try (Engine engine = Engine.processes(2)) {
      // when the last split is handed out nothing is pending: the other worker, once idle,
      // flushes at once, and then gets the dead worker's splits back
      JobResult<String, Long> result = Job.of(Inputs.textLines(file))
          .mapper(new KillingMapper(last, marker)).reducer(Long::sum).splitSize(1_000)
          .run(engine);
      assertThat(Path.of(marker)).exists();
      assertThat(result.toMap()).isEqualTo(expected);
      assertThat(result.counters().get(Counters.RECORDS_READ)).isEqualTo(3_000);
      assertThat(result.counters().get(Counters.BYTES_READ)).isEqualTo(Files.size(file));
    }
  }

  @Test
  void run_workerDiesEveryAttempt_failsNamingSplitWorkerAndSignal() throws IOException {
    Path file = text(3_000);
    WorkerOptions options = WorkerOptions.defaults().workers(2).maxAttempts(2);
    try (Engine engine = Engine.processes(options)) {
      Job<String, String, Long> job = Job.of(Inputs.textLines(file))
          .mapper(new KillingMapper(1_000, null)).reducer(Long::sum).splitSize(1_000);
      assertThatThrownBy(() -> job.run(engine))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("split " + file + " bytes [1000, 2000)")
          .hasMessageContaining("tried 2 times")
          .hasMessageContaining("killed by signal 9 (SIGKILL)")
          .hasMessageMatching("(?s).*worker \\d+ \\(pid \\d+\\).*")
          .hasCauseInstanceOf(WorkerDiedException.class);
      assertThat(Jobs.tokenCount(file).run(engine).toMap())
          .isEqualTo(Jobs.naiveTokenCount(List.of(file)));
    }
  }

  @Test
  void run_tempDirectory_privateAndRemoved() throws IOException {
    Path file = text(500);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    try (Engine engine = Engine.processes(WorkerOptions.defaults().workers(2).tempDirectory(tmp))) {
      JobResult<String, Long> result = Jobs.tokenCount(file).splitSize(500).progress(
          (done, total, splits, all) -> {
            try (Stream<Path> jobs = Files.list(tmp)) {
              jobs.forEach(d -> seen.add(d + " " + permissions(d)));
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          }).run(engine);
      assertThat(result.toMap()).isNotEmpty();
    }
    assertThat(seen).isNotEmpty().allMatch(s -> s.endsWith(" rwx------"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  private static String permissions(Path p) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      return java.nio.file.attribute.PosixFilePermissions.toString(perms);
    } catch (IOException e) {
      return "?";
    }
  }

  @Test
  void run_inputDeletedMidJob_failsNamingTheFile() throws IOException {
    Path file = text(2_000);
    try (Engine engine = Engine.processes(2)) {
      Job<String, String, Long> job = Job.of(Inputs.textLines(file))
          .mapper((String line, Emitter<String, Long> out) -> out.emit(line, 1L))
          .reducer(Long::sum).splitSize(2_000).progress((done, total, s, all) -> {
            try {
              Files.deleteIfExists(file);
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          });
      assertThatThrownBy(() -> job.run(engine))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("disappeared");
    }
  }

  @Test
  void auto_smallInputInline_largeOnProcesses() throws IOException {
    Path file = text(100);
    try (Engine engine = Engine.auto(WorkerOptions.defaults().workers(2))) {
      assertThat(Jobs.tokenCount(file).run(engine).stats().engine()).isEqualTo("auto→inline");
      System.setProperty(AutoEngine.THRESHOLD_PROPERTY, "10");
      try (Engine low = Engine.auto(WorkerOptions.defaults().workers(2))) {
        JobResult<String, Long> r = Jobs.tokenCount(file).run(low);
        assertThat(r.stats().engine()).isEqualTo("auto→processes");
        assertThat(r.toMap()).isEqualTo(Jobs.naiveTokenCount(List.of(file)));
      } finally {
        System.clearProperty(AutoEngine.THRESHOLD_PROPERTY);
      }
    }
  }
}
