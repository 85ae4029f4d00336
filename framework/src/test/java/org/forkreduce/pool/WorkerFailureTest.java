package org.forkreduce.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.forkreduce.SelfStop;
import org.forkreduce.WorkerDiedException;
import org.forkreduce.WorkerOptions;
import org.forkreduce.WorkerStartException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers that die mid-task, that cannot start, and a driver that is killed. */
class WorkerFailureTest {
  @TempDir Path dir;

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static List<Integer> doubled(int n) {
    return IntStream.range(0, n).map(x -> 2 * x).boxed().toList();
  }

  private static void awaitWorkers(ProcessPool pool, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (pool.workerPids().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(pool.workerPids()).hasSize(n);
  }

  @Test
  void map_workerSigkilled_failsNamingWorkerSignalAndTask_thenPoolStillWorks()
      throws InterruptedException {
    try (ProcessPool pool = ProcessPool.create(2)) {
      assertThatThrownBy(() -> pool.map((Integer x) -> {
        if (x == 13) {
          SelfKill.sigkill();
        }
        return 2 * x;
      }, range(40), 5))
          .isInstanceOf(WorkerDiedException.class)
          .hasMessageContaining("killed by signal 9 (SIGKILL)")
          .hasMessageMatching("(?s)worker \\d+ \\(pid \\d+\\).*")
          .hasMessageContaining("map items 11-15");
      awaitWorkers(pool, 2);
      assertThat(pool.map((Integer x) -> 2 * x, range(100))).isEqualTo(doubled(100));
    }
  }

  @Test
  void map_workerSigkilledWithRetry_completeAndCorrect() {
    String marker = dir.resolve("killed-once").toString();
    try (ProcessPool pool = ProcessPool.builder().workers(2).retry(3).build()) {
      List<Integer> out = pool.map((Integer x) -> {
        if (x == 77) {
          SelfKill.sigkillOnce(marker);
        }
        return 2 * x;
      }, range(200), 10);
      assertThat(out).isEqualTo(doubled(200));
    }
    assertThat(dir.resolve("killed-once")).exists();
  }

  @Test
  void map_workerStopped_failsNamingTheStall_thenWithRetryCompleteAndCorrect() throws Exception {
    Path pids = dir.resolve("stopped-pids");
    String pidFile = pids.toString();
    String marker = dir.resolve("stopped-once").toString();
    WorkerOptions fast = WorkerOptions.defaults().workerTimeout(Duration.ofSeconds(2));
    try (ProcessPool pool = ProcessPool.builder().workers(2).options(fast).build()) {
      assertThatThrownBy(() -> pool.apply((Integer x) -> {
        SelfStop.sigstop(Path.of(pidFile));
        return x;
      }, 1))
          .isInstanceOf(WorkerDiedException.class)
          .hasMessageMatching("(?s)worker \\d+ \\(pid \\d+\\) was killed: it was silent for .*");
    } finally {
      SelfStop.killAll(pids);
    }
    try (ProcessPool pool = ProcessPool.builder().workers(2).options(fast).retry(2).build()) {
      List<Integer> out = pool.map((Integer x) -> {
        if (x == 77) {
          SelfStop.sigstopOnce(Path.of(marker), Path.of(pidFile));
        }
        return 2 * x;
      }, range(200), 10);
      assertThat(out).isEqualTo(doubled(200));
    } finally {
      SelfStop.killAll(pids);
    }
    assertThat(SelfStop.pids(pids)).hasSize(2);
  }

  @Test
  void submit_workerExits_reportsExitCode() {
    try (ProcessPool pool = ProcessPool.create(1)) {
      assertThatThrownBy(() -> pool.apply((Integer x) -> {
        System.exit(x);
        return x;
      }, 3))
          .isInstanceOf(WorkerDiedException.class)
          .hasMessageContaining("exited with code 3")
          .satisfies(e -> assertThat(((WorkerDiedException) e).exitCode()).isEqualTo(3));
      assertThat(pool.apply((Integer x) -> x + 1, 1)).isEqualTo(2);
    }
  }

  @Test
  void submit_workerOutOfMemory_reportsIt() {
    WorkerOptions small = WorkerOptions.defaults().workers(1).heap("48m");
    try (ProcessPool pool = ProcessPool.builder().options(small).build()) {
      assertThatThrownBy(() -> pool.apply((Integer mb) -> {
        List<byte[]> hog = new ArrayList<>();
        for (int i = 0; i < mb; i++) {
          hog.add(new byte[1 << 20]);
        }
        return hog.size();
      }, 4096))
          .isInstanceOf(WorkerDiedException.class)
          .hasMessageContaining("ran out of memory")
          .hasMessageContaining("OutOfMemoryError");
      assertThat(pool.apply((Integer x) -> x + 1, 1)).isEqualTo(2);
    }
  }

  @Test
  void create_badJvmOption_failsWithCommandLineAndStderr() {
    WorkerOptions bad = WorkerOptions.defaults().workers(2).jvmOption("-XX:+NoSuchOption");
    assertThatThrownBy(() -> ProcessPool.builder().options(bad).build())
        .isInstanceOf(WorkerStartException.class)
        .hasMessageContaining("did not start")
        .hasMessageContaining("-XX:+NoSuchOption")
        .hasMessageContaining("Unrecognized VM option");
  }

  @Test
  void create_noJava_failsClearly() {
    WorkerOptions bad = WorkerOptions.defaults().workers(1).javaHome(dir);
    assertThatThrownBy(() -> ProcessPool.builder().options(bad).build())
        .isInstanceOf(WorkerStartException.class)
        .hasMessageContaining("no executable java at " + dir.resolve("bin/java"));
  }

  @Test
  void builder_initializerRunsOnceInEachWorker() {
    try (ProcessPool pool = ProcessPool.builder().workers(2)
        .initializer(() -> System.setProperty("forkreduce.test.init", "done")).build()) {
      List<String> seen = pool.map(x -> System.getProperty("forkreduce.test.init"),
          range(20), 1);
      assertThat(seen).containsOnly("done");
    }
  }

  @Test
  void builder_maxTasksPerWorker_recyclesWorkers() {
    try (ProcessPool pool = ProcessPool.builder().workers(1).maxTasksPerWorker(2).build()) {
      List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), range(6), 1);
      assertThat(pids.stream().distinct().count()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void driverSigkilled_workersGoneWithinTwoSeconds() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process driver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        OrphanDriver.class.getName()).redirectErrorStream(true).start();
    List<Long> workers = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("workers [")) {
          Arrays.stream(line.substring(9, line.length() - 1).split(", "))
              .forEach(p -> workers.add(Long.parseLong(p)));
          break;
        }
      }
      assertThat(workers).hasSize(2);
      assertThat(workers).allMatch(pid -> ProcessHandle.of(pid).isPresent());
      driver.destroyForcibly().waitFor();
      Thread.sleep(2_000);
      for (long pid : workers) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertThat(handle.map(ProcessHandle::isAlive).orElse(false))
            .as("worker %d alive 2 s after its driver was SIGKILLed", pid).isFalse();
      }
    } finally {
      driver.destroyForcibly();
    }
  }
}
