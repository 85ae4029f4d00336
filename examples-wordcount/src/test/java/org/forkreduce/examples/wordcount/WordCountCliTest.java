package org.forkreduce.examples.wordcount;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.forkreduce.Job;
import org.forkreduce.WorkerOptions;
import org.forkreduce.stats.Counters;
import org.forkreduce.stats.MemoryPeak;
import org.forkreduce.stats.RunStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordCountCliTest {
  @TempDir Path dir;
  Path input;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = WordCountCli.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
        args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  @BeforeEach
  void writeInput() throws IOException {
    input = dir.resolve("in.txt");
    Files.writeString(input, "b a c\r\nA b\nc c, b\nzeta", UTF_8);
  }

  @Test
  void main_top_printsByCountThenWord() {
    Run run = run("--top", "3", "--split-size", "4", input.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("b\t3\nc\t3\na\t2\n");
    assertThat(run.err()).startsWith("wordcount: 22 bytes, 9 words, 4 distinct,")
        .containsPattern("engine auto(→|->)inline, 1 worker$");
  }

  @Test
  void main_inlineEngine_sameAnswer() {
    Run run = run("--engine", "inline", "--top", "10", input.toString());
    assertThat(run.out()).isEqualTo("b\t3\nc\t3\na\t2\nzeta\t1\n");
    assertThat(run.err()).contains("engine inline, 1 worker\n");
  }

  @Test
  void main_asciiLocale_summaryInPlainAscii() throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WordCountCli.class.getName(),
        "--engine", "auto", "--top", "1", input.toString())
        .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(stderr.toFile());
    builder.environment().put("LANG", "C");
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI finishes").isTrue();
    } finally {
      process.destroyForcibly();
    }
    String err = Files.readString(stderr, UTF_8);
    assertThat(process.exitValue()).as(err).isZero();
    assertThat(err).contains("engine auto->inline, 1 worker\n");
    assertThat(err.chars().allMatch(c -> c < 128)).as(err).isTrue();
    assertThat(err).as("a logging binding is on the class path").doesNotContain("SLF4J");
  }

  @Test
  void main_everyEngine_sameOutput() {
    for (String engine : new String[] {"inline", "threads", "processes", "auto"}) {
      Run run = run("--engine", engine, "--workers", "2", "--split-size", "3", input.toString());
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).as(engine).isEqualTo("b\t3\nc\t3\na\t2\nzeta\t1\n");
    }
  }

  @Test
  void main_output_writesAllWordsInOrderWithSuccessMarker() throws IOException {
    Path out = dir.resolve("out");
    Run run = run("--top", "0", "--output", out.toString(), input.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(out.resolve("part-00000"))).isEqualTo("b\t3\nc\t3\na\t2\nzeta\t1\n");
    assertThat(out.resolve("_SUCCESS")).exists();
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("in.txt", "out");
    }
  }

  @Test
  void main_existingOutput_refusedUnlessOverwrite() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    Run refused = run("--output", out.toString(), input.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("already exists").contains("--overwrite");
    assertThat(refused.out()).isEmpty();
    Run replaced = run("--output", out.toString(), "--overwrite", input.toString());
    assertThat(replaced.code()).isZero();
    assertThat(out.resolve("_SUCCESS")).exists();
  }

  @Test
  void main_badArguments_exitTwoWithOneLine() {
    List<Run> runs = new ArrayList<>();
    runs.add(run("--workers", "0", input.toString()));
    runs.add(run("--split-size", "-1", input.toString()));
    runs.add(run("--split-size", "lots", input.toString()));
    runs.add(run("--engine", "gpu", input.toString()));
    runs.add(run(dir.resolve("missing.txt").toString()));
    runs.add(run());
    runs.add(run("--engine", "spark", input.toString()));
    runs.add(run("--engine", "threads", "--master", "local[2]", input.toString()));
    for (Run r : runs) {
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.out()).isEmpty();
    }
    assertThat(runs.get(0).err()).contains("--workers must be at least 1, got 0");
    assertThat(runs.get(3).err()).contains("auto, inline, threads, processes");
    assertThat(runs.get(4).err()).contains("missing.txt").contains("does not exist");
    assertThat(runs.get(6).err()).contains("needs the runner-spark module")
        .contains("org.forkreduce:forkreduce-runner-spark");
    assertThat(runs.get(7).err()).contains("engine 'threads' runs on this machine");
  }

  @Test
  void main_emptyInput_printsNothingAndSucceeds() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.txt"));
    Run run = run(empty.toString());
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("0 words, 0 distinct");
  }

  private Path distinctWords(int n) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("word").append(i).append('\n');
    }
    return Files.writeString(dir.resolve("distinct.txt"), sb, UTF_8);
  }

  @Test
  void main_workerOutOfMemory_oneLineNamingWorkerAndHeapNothingOnStdout() throws IOException {
    // one line larger than the heap: no spilling helps
    Path big = Files.writeString(dir.resolve("line.txt"), "a".repeat(48 << 20), UTF_8);
    Run run = run("--engine", "processes", "--workers", "1", "--memory", "32m",
        "--split-size", "64m", big.toString());
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).matches("wordcount: out of memory in worker \\d+ \\(pid \\d+\\), heap"
        + " -Xmx32m .*--workers\\)\\R");
  }

  @Test
  void main_memoryNotASize_usageErrorNamingTheValue() {
    Run run = run("--memory", "2gb", input.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).matches("wordcount: .*--memory.*'2gb' is not a size;.* 512m or 2g"
        + ".*\\R").hasLineCount(1);
  }

  @Test
  void main_memoryTooSmall_usageError() {
    Run run = run("--memory", "1m", input.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("wordcount: --memory must be at least 16m, got 1048576"
        + " bytes; give it as 512m or 2g\n");
  }

  @Test
  void main_memoryAndVerbose_sameAnswerPeakMemoryOnTheSummaryLine() {
    Run run = run("--memory", "256m", "--verbose", "--engine", "threads", "--workers", "2",
        "--top", "10", input.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("b\t3\nc\t3\na\t2\nzeta\t1\n");
    assertThat(run.err()).hasLineCount(1)
        .containsPattern(", 2 workers, peak memory: driver [\\d.]+ [MG]B heap"
            + "(/[\\d.]+ [MG]B RSS)?\\R$");
    assertThat(run("--memory", "256m", input.toString()).err()).doesNotContain("peak memory");
  }

  @Test
  void budget_memory_fortyPercentOfItOrOfThisHeap() {
    long heap = Runtime.getRuntime().maxMemory();
    assertThat(Job.defaultBudget(64L << 20)).isEqualTo((64L << 20) / 100 * 40);
    assertThat(Job.defaultBudget(heap * 2)).isEqualTo(heap / 100 * 40);
    assertThat(WorkerOptions.defaults().heap(2L << 30).jvmOptions()).contains("-Xmx2g");
    assertThat(WorkerOptions.defaults().heap(1536L << 20).jvmOptions()).contains("-Xmx1536m");
    assertThat(WorkerOptions.defaults().heap((16L << 20) + 1536).jvmOptions())
        .contains("-Xmx16385k");
  }

  @Test
  void memoryNote_spilledOrAlways_spillsAndEachJvmsPeakOnOneLine() {
    RunStats stats = new RunStats("processes", 2, 8, Duration.ZERO, Duration.ZERO,
        Duration.ZERO, Duration.ZERO, List.of(new MemoryPeak("driver", 30L << 30, 40L << 30),
            new MemoryPeak("worker 0", 200L << 20, -1),
            new MemoryPeak("worker 1", 3L << 29, 2L << 30)));
    Counters spilled = Counters.of(Map.of(Counters.SPILL_FILES, 12L,
        Counters.SPILLED_BYTES, 1_503_238_553L, Counters.SPILLED_RECORDS, 9L));
    // the driver's peak is taken again as the note is made: above this JVM's, it stays
    String peaks = ", peak memory: driver 30.0 GB heap/40.0 GB RSS, worker 0 200 MB heap,"
        + " worker 1 1.5 GB heap/2.0 GB RSS";
    assertThat(stats.memoryNote(spilled, false))
        .isEqualTo(", spilled 12 files (1.4 GB)" + peaks);
    assertThat(stats.memoryNote(Counters.of(Map.of(Counters.SPILL_FILES, 1L,
        Counters.SPILLED_BYTES, 1000L)), false)).startsWith(", spilled 1 file (<1 MB), peak");
    assertThat(stats.memoryNote(Counters.of(Map.of()), false)).isEmpty();
    assertThat(stats.memoryNote(Counters.of(Map.of()), true)).isEqualTo(peaks);
  }

  @Test
  void main_diskFullOnTmpfs_oneLineNamingThePathExitOne() throws Exception {
    Path small = Files.createDirectory(dir.resolve("small"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
        small.toString()).redirectErrorStream(true).start();
    String why = new String(mount.getInputStream().readAllBytes(), UTF_8).strip();
    org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0,
        () -> "cannot mount a tmpfs here (" + why + "); skipping the real disk-full check");
    try {
      Path big = distinctWords(300_000);
      for (String engine : new String[] {"inline", "processes"}) {
        Run run = run("--engine", engine, "--workers", "2", "--top", "3", "--output",
            small.resolve(engine).toString(), big.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).as(engine).startsWith("wordcount: disk full: " + small)
            .contains("No space left on device (").contains("bytes free of")
            .hasLineCount(1);
      }
    } finally {
      Process umount = new ProcessBuilder("umount", small.toString()).redirectErrorStream(true)
          .start();
      String busy = new String(umount.getInputStream().readAllBytes(), UTF_8).strip();
      assertThat(umount.waitFor()).as("umount: " + busy).isZero();
    }
  }

  @Test
  void main_verbose_stackTraceAfterTheOneLine() {
    Run run = run("--verbose", dir.resolve("missing.txt").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("wordcount: Input path does not exist")
        .contains("\tat org.forkreduce.");
  }

  @Test
  void top_randomCountsWithTies_equalsThePrefixOfAFullSort() {
    java.util.Random random = new java.util.Random(5);
    List<Map.Entry<String, Long>> entries = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      entries.add(Map.entry("w" + i, (long) random.nextInt(40)));
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(entries);
    sorted.sort(WordCount.BY_COUNT_THEN_WORD);
    for (int k : new int[] {0, 1, 20, 4_999, 5_000, 6_000}) {
      assertThat(WordCountCli.top(entries, k, WordCount.BY_COUNT_THEN_WORD))
          .as("k = %d", k).isEqualTo(sorted.subList(0, Math.min(k, sorted.size())));
    }
  }
}
