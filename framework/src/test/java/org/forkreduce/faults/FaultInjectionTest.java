package org.forkreduce.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.forkreduce.Engine;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.Jobs;
import org.forkreduce.Reducer;
import org.forkreduce.WorkerOptions;
import org.forkreduce.faults.Faults.FaultyMapper;
import org.forkreduce.faults.Faults.MergeKillingReducer;
import org.forkreduce.faults.Faults.Outcome;
import org.forkreduce.faults.Faults.Phase;
import org.forkreduce.faults.Faults.Tally;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real jobs on processes(2) through faults: workers SIGKILLed in map, flush and merge, partial
 * files damaged before they are read, the driver SIGKILLed. Every trial must end with the exact
 * answer (a naive sequential count) or a clear failure; the outcomes are counted and printed.
 * Run alone with {@code -Dgroups=faults}; docs/reliability.md describes the trials.
 */
@Tag("faults")
class FaultInjectionTest {
  private static final long SEED = 19;
  private static final int SPLIT = 8 * 1024;
  private static final int TRIALS = 21;
  private static final Tally TALLY = new Tally();

  @TempDir Path dir;
  private String lastFailure;

  @AfterAll
  static void printTally() {
    System.out.print("fault-injection outcomes (seed " + SEED + "):\n" + TALLY.table());
  }

  /** Seeded text of {@code lines} lines of 1-8 words from a vocabulary of 3,000. */
  static Path text(Path file, long seed, int lines) throws IOException {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      for (int w = 1 + random.nextInt(8); w > 0; w--) {
        sb.append('w').append(random.nextInt(3_000)).append(w > 1 ? " " : "");
      }
      sb.append('\n');
    }
    Files.writeString(file, sb, UTF_8);
    return file;
  }

  /** Runs a trial, classifies and counts its outcome; a wrong answer fails the test at once. */
  private Outcome trial(String fault, Supplier<JobResult<String, Long>> job,
      Map<String, Long> expected) {
    Outcome outcome;
    try {
      Map<String, Long> got = job.get().toMap();
      outcome = got.equals(expected) ? Outcome.EXACT : Outcome.WRONG;
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      System.out.println(fault + ": failed: " + message);
      lastFailure = message;
      // clear: one line that says what failed
      outcome = message.isBlank() || message.contains("\n") ? Outcome.WRONG
          : Outcome.CLEAR_FAILURE;
    }
    TALLY.add(fault, outcome);
    assertThat(outcome).as(fault).isNotEqualTo(Outcome.WRONG);
    return outcome;
  }

  @Test
  void workerSigkill_randomPointsOfMapFlushAndMerge_exactAnswerEveryTrial() throws IOException {
    Random random = new Random(SEED);
    int fired = 0;
    int mergeDeaths = 0;
    try (Engine engine = Engine.processes(WorkerOptions.defaults().workers(2).tempDirectory(dir))) {
      for (int t = 0; t < TRIALS; t++) {
        Phase phase = List.of(Phase.MAP, Phase.FLUSH, Phase.MERGE).get(t % 3);
        Path input = text(dir.resolve("in-" + t + ".txt"), SEED * 100 + t, 3_000);
        Map<String, Long> expected = Jobs.naiveTokenCount(List.of(input));
        int splits = (int) ((Files.size(input) + SPLIT - 1) / SPLIT);
        Path marker = dir.resolve("fault-" + t);
        Path mergeMarker = dir.resolve("merge-fault-" + t);
        // a merge trial first kills a worker on the last split, after the survivor flushed;
        // the survivor and the replacement both redo some of its splits and flush: with three
        // partials, fan-in 2 makes the workers merge two of them
        long victim = (phase == Phase.MERGE ? splits - 1 : random.nextInt(splits)) * (long) SPLIT;
        // the record of the split (the last split, short, holds one at least), or the flush
        int record = phase == Phase.MERGE ? 1 : 1 + random.nextInt(phase == Phase.FLUSH ? 2 : 100);
        FaultyMapper mapper = new FaultyMapper(phase == Phase.MERGE ? Phase.MAP : phase, victim,
            record, marker, dir, 0, phase == Phase.MERGE);
        Reducer<Long> reducer = phase == Phase.MERGE
            ? new MergeKillingReducer(1 + random.nextInt(20), mergeMarker) : Long::sum;
        Outcome outcome = trial("worker SIGKILL in " + phase.name().toLowerCase(), () ->
            Job.of(Inputs.textLines(input)).mapper(mapper).reducer(reducer).splitSize(SPLIT)
                .fanIn(2).run(engine), expected);
        assertThat(outcome).as("trial %d (%s): one death is retried", t, phase)
            .isEqualTo(Outcome.EXACT);
        boolean merged = phase == Phase.MERGE && Files.exists(mergeMarker);
        boolean hit = merged || Files.exists(marker)
            || Files.exists(dir.resolve("fault-" + t + "-" + record));
        fired += hit ? 1 : 0;
        mergeDeaths += merged ? 1 : 0;
        System.out.println("trial " + t + " " + phase + " fault fired: " + hit
            + (phase == Phase.MERGE ? ", worker killed while merging: " + merged : ""));
      }
    }
    assertThat(fired).as("faults that fired").isEqualTo(TRIALS);
    // a merge trial's death while merging needs the driver to have collected the survivor's
    // partial in time; most do, and at least one must
    assertThat(mergeDeaths).as("workers killed while merging").isPositive();
  }

  @Test
  void corruptPartial_damagedBeforeTheDriverReadsIt_clearFailureNeverAWrongAnswer()
      throws IOException {
    Random random = new Random(SEED);
    try (Engine engine = Engine.processes(WorkerOptions.defaults().workers(2).tempDirectory(dir))) {
      for (int t = 0; t < 6; t++) {
        Path input = text(dir.resolve("corrupt-" + t + ".txt"), SEED * 1000 + t, 3_000);
        Map<String, Long> expected = Jobs.naiveTokenCount(List.of(input));
        FaultyMapper mapper = new FaultyMapper(Phase.CORRUPT, -1, 0,
            dir.resolve("corrupt-fault-" + t), dir, random.nextLong(), false);
        Outcome outcome = trial("partial file damaged", () -> Job.of(Inputs.textLines(input))
            .mapper(mapper).reducer(Long::sum).splitSize(SPLIT).run(engine), expected);
        assertThat(outcome).as("trial %d", t).isEqualTo(Outcome.CLEAR_FAILURE);
        assertThat(lastFailure).contains("is corrupt").contains(dir.toString());
      }
    }
  }

  /** Starts {@link FaultDriver} and waits until its job maps; returns it with its workers. */
  private Process startDriverMidJob(Path root) throws Exception {
    Files.createDirectories(root);
    Path input = text(root.resolve("in.txt"), SEED, 3_000);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process driver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        FaultDriver.class.getName(), root.toString(), input.toString(), Integer.toString(SPLIT))
        .redirectErrorStream(true).redirectOutput(root.resolve("driver.log").toFile()).start();
    for (int wait = 0; wait < 600 && !Files.exists(root.resolve("mapping")); wait++) {
      Thread.sleep(50);
    }
    assertThat(root.resolve("mapping")).as(Files.readString(root.resolve("driver.log"))).exists();
    assertThat(Faults.jobDirs(root)).hasSize(1);
    return driver;
  }

  private static void assertAllGoneWithin(List<ProcessHandle> processes, long millis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (processes.stream().anyMatch(ProcessHandle::isAlive)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid))
        .as("orphans %d ms after the driver was SIGKILLed", millis).isEmpty();
  }

  @Test
  void driverSigkill_workersExitAndRemoveTheJobDirectory() throws Exception {
    Path root = dir.resolve("driver-kill");
    Process driver = startDriverMidJob(root);
    try {
      List<ProcessHandle> workers = driver.descendants().toList();
      assertThat(workers).hasSizeGreaterThanOrEqualTo(2);
      driver.destroyForcibly().waitFor();
      assertAllGoneWithin(workers, 5_000);
      assertThat(Faults.jobDirs(root)).as("job directory left by a SIGKILLed driver").isEmpty();
      TALLY.add("driver SIGKILL: workers clean up", Outcome.CLEAR_FAILURE);
    } finally {
      Faults.stopAll(driver.toHandle());
    }
  }

  @Test
  void driverAndWorkersSigkilled_nextRunOnTheTempRootSweepsTheLeftovers() throws Exception {
    Path root = dir.resolve("all-kill");
    Process driver = startDriverMidJob(root);
    try {
      List<ProcessHandle> workers = driver.descendants().toList();
      // stopped first, the workers cannot see their driver die and clean up
      signal("-STOP", workers);
      driver.destroyForcibly().waitFor();
      signal("-KILL", workers);
      assertAllGoneWithin(workers, 5_000);
      List<Path> left = Faults.jobDirs(root);
      assertThat(left).as("the leftover this trial makes").hasSize(1);
      Path input = text(dir.resolve("next.txt"), SEED + 1, 200);
      try (Engine engine = Engine.processes(WorkerOptions.defaults().workers(2)
          .tempDirectory(root))) {
        trial("driver and workers SIGKILL: next run sweeps",
            () -> Jobs.tokenCount(input).run(engine), Jobs.naiveTokenCount(List.of(input)));
      }
      assertThat(left.get(0)).as("swept by the next run").doesNotExist();
      assertThat(Faults.jobDirs(root)).isEmpty();
    } finally {
      Faults.stopAll(driver.toHandle());
    }
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("kill", signal));
    processes.forEach(p -> command.add(Long.toString(p.pid())));
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
  }
}
